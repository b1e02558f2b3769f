// Pushes that could not reach the server wait here, in storage (localStorage / OfficeRuntime.storage — never
// the workbook), each with its Idempotency-Key so a retry can never be recorded twice. Retries run on the
// `online` event, on a timer and on demand.
import type { Submission } from "../../shared/schemas/index.js";

export interface KeyValueStore {
  getItem(key: string): Promise<string | null> | string | null;
  setItem(key: string, value: string): Promise<void> | void;
}

export interface OutboxEntry {
  key: string;
  submission: Submission;
  sheetId: string;
  createdAt: string;
  attempts: number;
  lastError?: string;
  /** "waiting" = will retry; "conflict" / "rejected" = needs the user (kept, nothing typed is lost). */
  state: "waiting" | "conflict" | "rejected";
}

export type SendOutcome = "sent" | "retry" | "conflict" | "rejected";

export const OUTBOX_KEY = "chiTieu.outbox.v1";

export class Outbox {
  private chain: Promise<unknown> = Promise.resolve();
  private listeners = new Set<(entries: OutboxEntry[]) => void>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly storageKey = OUTBOX_KEY,
  ) {}

  /** Serialises storage updates (no lost writes between concurrent flows). */
  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  async list(): Promise<OutboxEntry[]> {
    const raw = await this.store.getItem(this.storageKey);
    if (!raw) return [];
    try {
      const v = JSON.parse(raw) as OutboxEntry[];
      return Array.isArray(v) ? v : [];
    } catch {
      return [];
    }
  }

  private async save(entries: OutboxEntry[]): Promise<void> {
    await this.store.setItem(this.storageKey, JSON.stringify(entries));
    for (const l of this.listeners) l(entries);
  }

  subscribe(fn: (entries: OutboxEntry[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  enqueue(entry: Omit<OutboxEntry, "createdAt" | "attempts" | "state"> & Partial<Pick<OutboxEntry, "createdAt">>): Promise<void> {
    return this.locked(async () => {
      const all = await this.list();
      // A newer push of the same sheet/form/period supersedes an older waiting one.
      const kept = all.filter(
        (e) => !(e.state === "waiting" && e.sheetId === entry.sheetId && e.submission.form === entry.submission.form && e.submission.period === entry.submission.period),
      );
      kept.push({ ...entry, createdAt: entry.createdAt ?? new Date().toISOString(), attempts: 0, state: "waiting" });
      await this.save(kept);
    });
  }

  remove(key: string): Promise<void> {
    return this.locked(async () => this.save((await this.list()).filter((e) => e.key !== key)));
  }

  /** Tries every waiting entry once, in order, with its own Idempotency-Key. */
  flush(send: (e: OutboxEntry) => Promise<{ outcome: SendOutcome; error?: string }>): Promise<{ sent: number; left: number }> {
    return this.locked(async () => {
      const all = await this.list();
      let sent = 0;
      const left: OutboxEntry[] = [];
      let offline = false;
      for (const e of all) {
        if (e.state !== "waiting" || offline) {
          left.push(e);
          continue;
        }
        let r: { outcome: SendOutcome; error?: string };
        try {
          r = await send(e);
        } catch (err) {
          r = { outcome: "retry", error: err instanceof Error ? err.message : String(err) };
        }
        if (r.outcome === "sent") {
          sent++;
          continue;
        }
        const next: OutboxEntry = { ...e, attempts: e.attempts + 1, ...(r.error ? { lastError: r.error } : {}) };
        if (r.outcome === "retry") offline = true; // still offline: keep the rest for later, in order
        else next.state = r.outcome;
        left.push(next);
      }
      await this.save(left);
      return { sent, left: left.filter((e) => e.state === "waiting").length };
    });
  }
}

/** Storage over localStorage (prefixed with Office's partitionKey when there is one). */
export function browserStore(): KeyValueStore {
  const prefix = (globalThis as { Office?: { context?: { partitionKey?: string } } }).Office?.context?.partitionKey ?? "";
  const mem = new Map<string, string>();
  const ls = (() => {
    try {
      return globalThis.localStorage ?? null;
    } catch {
      return null;
    }
  })();
  return {
    getItem: (k) => (ls ? ls.getItem(prefix + k) : (mem.get(k) ?? null)),
    setItem: (k, v) => {
      if (ls) ls.setItem(prefix + k, v);
      else mem.set(k, v);
    },
  };
}

/** Retries on `online` events and every `intervalMs`; returns a stop function. */
export function startAutoRetry(flush: () => Promise<unknown>, opts: { intervalMs?: number; target?: EventTarget | null } = {}): () => void {
  const run = () => void flush().catch(() => undefined);
  const target = opts.target === undefined ? (globalThis as unknown as { addEventListener?: unknown }).addEventListener ? (globalThis as unknown as EventTarget) : null : opts.target;
  target?.addEventListener("online", run);
  const timer = setInterval(run, opts.intervalMs ?? 60_000);
  return () => {
    target?.removeEventListener("online", run);
    clearInterval(timer);
  };
}
