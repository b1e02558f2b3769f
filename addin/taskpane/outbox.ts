// Pushes that could not reach the server wait here, in storage (localStorage / OfficeRuntime.storage — never
// the workbook), each with its Idempotency-Key so a retry can never be recorded twice. Retries run on the
// `online` event, on a timer and on demand. Every entry is bound to the server and the unit that made it: it is
// sent only while that unit is connected to that server (never with another unit's token). An entry the server
// refuses (4xx) or that meets newer data (409) stays, with the server's error, until the clerk acts on it.
import type { Submission } from "../../shared/schemas/index.js";
import { paneStorageKey } from "../functions/pane-token.js";

export interface KeyValueStore {
  getItem(key: string): Promise<string | null> | string | null;
  setItem(key: string, value: string): Promise<void> | void;
}

export interface OutboxEntry {
  key: string;
  submission: Submission;
  sheetId: string;
  /** Server base URL and unit (code, name) the push belongs to. */
  server: string;
  unit: string;
  unitName: string;
  createdAt: string;
  attempts: number;
  /** Why the last attempt failed: a network reason ("offline", "timeout"…) or the server's error code. */
  lastError?: string;
  /** The server's error: code, details and its (Vietnamese) message, for the pane to render. */
  error?: { status: number; code: string; details: unknown[]; message: string };
  /** "waiting" = will retry; "conflict" / "rejected" = needs the user (kept, nothing typed is lost). */
  state: "waiting" | "conflict" | "rejected";
}

export type OutboxOwner = { server: string; unit: string };
export const ownedBy = (e: Pick<OutboxEntry, "server" | "unit">, o: OutboxOwner | null): boolean =>
  !!o && e.server === o.server && e.unit === o.unit;

export type SendOutcome = "sent" | "retry" | "conflict" | "rejected";
export interface SendResult {
  outcome: SendOutcome;
  error?: string;
  detail?: OutboxEntry["error"];
}

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

  enqueue(entry: Omit<OutboxEntry, "createdAt" | "attempts" | "state" | "error" | "lastError"> & Partial<Pick<OutboxEntry, "createdAt">>): Promise<void> {
    return this.locked(async () => {
      const all = await this.list();
      // A newer push of the same sheet/form/period supersedes an older waiting one.
      const kept = all.filter(
        (e) =>
          !(
            e.sheetId === entry.sheetId &&
            e.unit === entry.unit &&
            e.server === entry.server &&
            e.submission.form === entry.submission.form &&
            e.submission.period === entry.submission.period
          ),
      );
      kept.push({ ...entry, createdAt: entry.createdAt ?? new Date().toISOString(), attempts: 0, state: "waiting" });
      await this.save(kept);
    });
  }

  remove(key: string): Promise<void> {
    return this.locked(async () => this.save((await this.list()).filter((e) => e.key !== key)));
  }

  /** Drops the entries a newer accepted push of the same sheet, unit, form and period has made obsolete. */
  supersede(q: { sheetId: string; server: string; unit: string; form: string; period: string }): Promise<void> {
    return this.locked(async () => {
      const all = await this.list();
      const left = all.filter(
        (e) => !(e.sheetId === q.sheetId && e.server === q.server && e.unit === q.unit && e.submission.form === q.form && e.submission.period === q.period),
      );
      if (left.length !== all.length) await this.save(left);
    });
  }

  /** Puts a refused or conflicting entry back in line (after the clerk fixed the cause). */
  requeue(key: string): Promise<void> {
    return this.locked(async () => {
      const all = await this.list();
      await this.save(all.map((e) => (e.key === key ? { ...e, state: "waiting" as const } : e)));
    });
  }

  /**
   * Tries every waiting entry of `owner` once, in order, with its own Idempotency-Key; entries of other units or
   * servers are left untouched. Without an owner nothing is sent.
   */
  flush(send: (e: OutboxEntry) => Promise<SendResult>, owner: OutboxOwner | null): Promise<{ sent: number; left: number }> {
    return this.locked(async () => {
      const all = await this.list();
      let sent = 0;
      const left: OutboxEntry[] = [];
      let offline = false;
      for (const e of all) {
        if (e.state !== "waiting" || offline || !ownedBy(e, owner)) {
          left.push(e);
          continue;
        }
        let r: SendResult;
        try {
          r = await send(e);
        } catch (err) {
          r = { outcome: "retry", error: err instanceof Error ? err.message : String(err) };
        }
        if (r.outcome === "sent") {
          sent++;
          continue;
        }
        const next: OutboxEntry = { ...e, attempts: e.attempts + 1, ...(r.error ? { lastError: r.error } : {}), ...(r.detail ? { error: r.detail } : {}) };
        if (r.outcome === "retry") offline = true; // still offline: keep the rest for later, in order
        else next.state = r.outcome;
        left.push(next);
      }
      await this.save(left);
      return { sent, left: left.filter((e) => e.state === "waiting" && ownedBy(e, owner)).length };
    });
  }
}

/** Storage over localStorage (prefixed with Office's partitionKey when there is one). */
export function browserStore(): KeyValueStore {
  const prefix = paneStorageKey("");
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
