// The task pane: Connect, Open form / Adopt, Validate, Push (queue, conflicts), Pull. Excel work goes through
// addin/excel via the flows; this file only holds UI state.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Badge,
  Button,
  Card,
  Divider,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { forms, getForm, periodLabel } from "../../shared/forms/index.js";
import type { Conflict, Receipt } from "../../shared/schemas/index.js";
import type { ExcelHost } from "../excel/host.js";
import { selectCell } from "../excel/select-cell.js";
import { watchEdits } from "../excel/watch-edits.js";
import { confirmAdoption, detectAdoption, type AdoptProposal } from "../excel/adopt-sheet.js";
import { ApiClient, HttpError, type Me } from "./api.js";
import { Outbox, browserStore, startAutoRetry, type OutboxEntry } from "./outbox.js";
import {
  flushOutbox,
  keepMine,
  openFormFlow,
  pullFlow,
  pushSheet,
  takeServer,
  validateSheet,
  type ConflictRow,
  type PaneIssue,
} from "./flows.js";
import type { Strings } from "./i18n.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", padding: "12px", fontFamily: tokens.fontFamilyBase },
  card: { display: "flex", flexDirection: "column", gap: "8px", padding: "12px" },
  row: { display: "flex", gap: "8px", alignItems: "end", flexWrap: "wrap" },
  issue: {
    textAlign: "left",
    cursor: "pointer",
    border: "none",
    background: "transparent",
    padding: "4px 0",
    width: "100%",
    font: "inherit",
  },
  grid: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

const STORE = { server: "chiTieu.server", token: "chiTieu.token" };

function periods(): string[] {
  const y = new Date().getFullYear();
  const out: string[] = [];
  for (const year of [2025, 2026, 2027, y].filter((v, i, a) => a.indexOf(v) === i).sort()) out.push(`${year}-6T`, `${year}-N`);
  return out;
}

const ROLE_LABEL: Record<string, string> = { unit: "Đơn vị báo cáo", admin: "Quản trị (Sở KH&CN)", viewer: "Xem tổng hợp" };

type Note = { intent: "success" | "error" | "warning" | "info"; text: string } | null;

export function App({ host, t, outbox: given }: { host: ExcelHost | null; t: Strings; outbox?: Outbox }) {
  const s = useStyles();
  const [outbox] = useState(() => given ?? new Outbox(browserStore()));
  const store = useMemo(() => browserStore(), []);
  const [server, setServer] = useState<string>(() => String(store.getItem(STORE.server) ?? "") || globalThis.location?.origin || "");
  const [token, setToken] = useState<string>(() => String(store.getItem(STORE.token) ?? ""));
  const [me, setMe] = useState<Me | null>(null);
  const [reachable, setReachable] = useState<boolean | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const [formId, setFormId] = useState("pl1-xa");
  const [period, setPeriod] = useState(() => `${new Date().getFullYear()}-${new Date().getMonth() < 7 ? "6T" : "N"}`);
  const [sheetId, setSheetId] = useState<string | null>(null);
  const [issues, setIssues] = useState<PaneIssue[] | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [conflict, setConflict] = useState<{ conflict: Conflict; rows: ConflictRow[]; sheetId: string } | null>(null);
  const [queue, setQueue] = useState<OutboxEntry[]>([]);
  const [proposal, setProposal] = useState<AdoptProposal | null>(null);
  const [chartItems, setChartItems] = useState("5G, 6G");
  const [pulled, setPulled] = useState<{
    sheet: string;
    submitted: number;
    expected: number;
    missing: string[];
    /** Task lists: rows, communes with tasks, budget total (triệu đồng). */
    tasks?: { rows: number; units: number; budget: number };
  } | null>(null);

  const api = useMemo(() => (me ? new ApiClient({ base: server, token }) : null), [me, server, token]);
  // A reporting unit's name lets validation flag indicators another agency leads, as the server will.
  const reportingUnit = me?.role === "unit" ? me.name : undefined;
  const deps = useMemo(() => (host ? { host, api, outbox, unitName: reportingUnit } : null), [host, api, outbox, reportingUnit]);
  const depsRef = useRef(deps);
  depsRef.current = deps;

  const guard = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setNote(null);
    try {
      await fn();
    } catch (e) {
      setNote({ intent: "error", text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }, []);

  // Outbox: show what waits; retry on `online`, every 30 s and on connect.
  useEffect(() => {
    void outbox.list().then(setQueue);
    return outbox.subscribe(setQueue);
  }, [outbox]);
  useEffect(() => {
    if (!deps?.api) return;
    const flush = async () => {
      const r = await flushOutbox(deps);
      if (r.receipts.length) {
        const last = r.receipts[r.receipts.length - 1]!;
        setReceipt(last);
        setNote({ intent: "success", text: `${t.pushed}: ${t.revision.toLowerCase()} ${last.revision}` });
      }
    };
    void flush();
    return startAutoRetry(flush, { intervalMs: 30_000 });
  }, [deps, t]);

  const connect = () =>
    guard(async () => {
      store.setItem(STORE.server, server);
      store.setItem(STORE.token, token);
      const client = new ApiClient({ base: server, token });
      setReachable(await client.health());
      try {
        const who = await client.me();
        setMe(who);
        if (who.kind === "department") setFormId("pl1-tinh");
        else if (who.kind === "commune") setFormId("pl1-xa");
      } catch (e) {
        setMe(null);
        throw e;
      }
    });

  const revalidate = useCallback(
    async (id?: string) => {
      const d = depsRef.current;
      if (!d) return;
      const v = await validateSheet(d.host, id, d.unitName);
      if (!v.form) {
        setIssues(null);
        return;
      }
      setSheetId(v.sheetId);
      setIssues(v.issues);
    },
    [],
  );

  // Re-validate after the user's edits (debounced); the add-in's own writes are ignored by watchEdits.
  useEffect(() => {
    if (!host) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (() => Promise<void>) | undefined;
    let alive = true;
    void watchEdits(host, (e) => {
      clearTimeout(timer);
      timer = setTimeout(() => void revalidate(e.sheetId).catch(() => undefined), 300);
    }).then((w) => {
      if (alive) stop = w.stop;
      else void w.stop();
    });
    return () => {
      alive = false;
      clearTimeout(timer);
      void stop?.();
    };
  }, [host, revalidate]);

  const open = () =>
    guard(async () => {
      if (!deps) return;
      const r = await openFormFlow(deps, formId, period, me ? { code: me.code, name: me.name } : undefined);
      setSheetId(r.sheetId);
      setIssues(null);
      setReceipt(null);
      setConflict(null);
      setNote({ intent: "success", text: `${r.sheetName}${r.prefilled ? ` (+${r.prefilled})` : ""}` });
    });

  const adopt = () =>
    guard(async () => {
      if (!host) return;
      const p = await detectAdoption(host, forms);
      if (!p) setNote({ intent: "warning", text: t.adoptNone });
      setProposal(p);
    });

  const confirmAdopt = () =>
    guard(async () => {
      if (!host || !proposal) return;
      await confirmAdoption(host, proposal, period);
      setSheetId(proposal.sheetId);
      setProposal(null);
      await revalidate(proposal.sheetId);
    });

  const validate = () => guard(() => revalidate(sheetId ?? undefined));

  const push = (fn?: () => ReturnType<typeof pushSheet>) =>
    guard(async () => {
      if (!deps) return;
      setProgress(0);
      setConflict(null);
      const r = await (fn ? fn() : pushSheet(deps, sheetId ?? undefined, (_step, f) => setProgress(f)));
      setProgress(null);
      if (r.kind === "not-a-form") setNote({ intent: "warning", text: r.message });
      else {
        setSheetId(r.validation.sheetId);
        setIssues(r.validation.issues);
      }
      if (r.kind === "invalid") setNote({ intent: "error", text: `${r.validation.errors} ${t.errors}` });
      if (r.kind === "ok") {
        setReceipt(r.receipt);
        setNote({ intent: "success", text: `${t.pushed}: ${t.revision.toLowerCase()} ${r.receipt.revision}` });
      }
      if (r.kind === "queued") setNote({ intent: "warning", text: `${t.queued}. ${r.message}` });
      if (r.kind === "conflict") setConflict({ conflict: r.conflict, rows: r.rows, sheetId: r.validation.sheetId });
      if (r.kind === "error") setNote({ intent: "error", text: r.message });
    });

  const pull = () =>
    guard(async () => {
      if (!deps) return;
      const keys = chartItems.split(/[,;\s]+/).map((k) => k.trim()).filter(Boolean);
      try {
        const r = await pullFlow(deps, formId, period, isTasks ? [] : keys);
        setPulled({
          sheet: r.sheetName,
          submitted: r.completeness?.submitted ?? 0,
          expected: r.completeness?.expected ?? 0,
          missing: r.completeness?.rows.filter((x) => !x.submitted).map((x) => x.name) ?? [],
          ...("budgetTotal" in r ? { tasks: { rows: r.rows, units: r.units, budget: r.budgetTotal } } : {}),
        });
        setNote({ intent: "success", text: r.sheetName });
      } catch (e) {
        if (e instanceof HttpError && e.status === 403) throw new Error(`${e.message} (${t.pull})`);
        throw e;
      }
    });

  const isTasks = getForm(formId)?.kind === "tasks";
  const visibleForms = forms.filter((f) => !me || me.role !== "unit" || (me.kind === "department" ? f.audience === "department" : f.audience === "commune"));
  const canPull = me && (me.role === "admin" || me.role === "viewer");
  const errors = issues?.filter((i) => i.severity === "error").length ?? 0;
  const warnings = issues?.filter((i) => i.severity === "warning").length ?? 0;

  return (
    <div className={s.root}>
      <Text as="h1" weight="semibold" size={500}>
        {t.appTitle}
      </Text>
      {!host && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.offlineMode}</MessageBarBody>
        </MessageBar>
      )}
      {note && (
        <MessageBar intent={note.intent} data-testid="note">
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      )}

      <Card className={s.card}>
        <Text weight="semibold">{t.connect}</Text>
        <Field label={t.server}>
          <Input value={server} onChange={(_, d) => setServer(d.value)} data-testid="server" />
        </Field>
        <Field label={t.token} hint={t.tokenHint}>
          <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} data-testid="token" />
        </Field>
        <div className={s.row}>
          <Button appearance="primary" onClick={connect} disabled={busy} data-testid="connect">
            {t.connect}
          </Button>
          {reachable !== null && (
            <Badge color={reachable ? "success" : "danger"} data-testid="reachable">
              {reachable ? t.connected : t.unreachable}
            </Badge>
          )}
        </div>
        {me && (
          <Text data-testid="unit">
            <b>{me.name}</b> — {t.role}: {ROLE_LABEL[me.role] ?? me.role}
          </Text>
        )}
      </Card>

      <Card className={s.card}>
        <Text weight="semibold">{t.openForm}</Text>
        <div className={s.row}>
          <Field label={t.form}>
            <Select value={formId} onChange={(_, d) => setFormId(d.value)} data-testid="form">
              {visibleForms.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title[0]?.split(":")[0]} ({f.audience === "department" ? "sở, ngành" : "xã, phường"})
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t.period}>
            <Select value={period} onChange={(_, d) => setPeriod(d.value)} data-testid="period">
              {periods().map((p) => (
                <option key={p} value={p}>
                  {periodLabel(p)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className={s.row}>
          <Button appearance="primary" onClick={open} disabled={busy || !host} data-testid="open">
            {t.openForm}
          </Button>
          <Button onClick={adopt} disabled={busy || !host} data-testid="adopt">
            {t.adopt}
          </Button>
        </div>
        {proposal && (
          <div data-testid="proposal">
            <Text className={s.small}>
              {proposal.sheetName}: {proposal.rows.filter((r) => r.item).length}/{proposal.rows.length} → {proposal.form}
            </Text>
            <table className={s.grid}>
              <tbody>
                {proposal.rows.slice(0, 40).map((r) => (
                  <tr key={r.row}>
                    <td>{r.stt}</td>
                    <td>{r.name.slice(0, 40)}</td>
                    <td>{r.item ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Button appearance="primary" onClick={confirmAdopt} disabled={busy}>
              {t.adoptConfirm}
            </Button>
          </div>
        )}
      </Card>

      <Card className={s.card}>
        <div className={s.row}>
          <Button onClick={validate} disabled={busy || !host} data-testid="validate">
            {t.validate}
          </Button>
          <Button appearance="primary" onClick={() => push()} disabled={busy || !host} data-testid="push">
            {t.push}
          </Button>
          {issues && (
            <Text data-testid="issue-count">
              {errors} {t.errors}, {warnings} {t.warnings}
            </Text>
          )}
        </div>
        {progress !== null && <ProgressBar value={progress} data-testid="progress" />}
        {issues && issues.length === 0 && <Text data-testid="no-issues">{t.noIssues}</Text>}
        {issues && issues.length > 0 && (
          <div data-testid="issues">
            {issues.map((i, k) => (
              <button
                key={k}
                className={s.issue}
                onClick={() => host && sheetId && i.address && void selectCell(host, sheetId, i.address)}
                data-testid="issue"
              >
                <Badge color={i.severity === "error" ? "danger" : "warning"} size="small">
                  {i.address ?? "?"}
                </Badge>{" "}
                {i.message}
              </button>
            ))}
          </div>
        )}
        {receipt && (
          <Text data-testid="receipt">
            {t.pushed}: {t.revision.toLowerCase()} <b>{receipt.revision}</b>, {new Date(receipt.receivedAt).toLocaleString("vi-VN")}
            {receipt.replayed ? " (đã nhận trước đó)" : ""}
          </Text>
        )}
        {queue.length > 0 && (
          <div className={s.row} data-testid="outbox">
            <Text>
              {t.outbox}: {queue.length}
              {queue[0]?.lastError ? ` — ${queue[0].lastError}` : ""}
            </Text>
            <Button size="small" onClick={() => deps && void guard(async () => void (await flushOutbox(deps)))}>
              {t.retry}
            </Button>
          </div>
        )}
        {conflict && (
          <div data-testid="conflict">
            <Divider />
            <Text weight="semibold">{t.conflictTitle}</Text>
            <table className={s.grid}>
              <thead>
                <tr>
                  <th>{t.cell}</th>
                  <th>{t.mine}</th>
                  <th>{t.server_}</th>
                </tr>
              </thead>
              <tbody>
                {conflict.rows.map((r) => (
                  <tr key={`${r.item}|${r.field}`}>
                    <td>
                      {r.address ?? r.item} ({r.field})
                    </td>
                    <td>{r.mine || "—"}</td>
                    <td>{r.server || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className={s.row}>
              <Button appearance="primary" onClick={() => deps && push(() => keepMine(deps, conflict.sheetId, conflict.conflict, (_s, f) => setProgress(f)))}>
                {t.keepMine}
              </Button>
              <Button
                onClick={() =>
                  deps &&
                  guard(async () => {
                    const r = await takeServer(deps, conflict.sheetId, conflict.conflict, conflict.rows);
                    setConflict(null);
                    await revalidate(conflict.sheetId);
                    setNote({
                      intent: r.missing ? "warning" : "success",
                      text: `${t.tookServer}: ${r.written} ${t.cells}${r.added ? `, ${r.added} ${t.rowsAdded}` : ""}${r.missing ? `, ${r.missing} ${t.cellsMissing}` : ""}`,
                    });
                  })
                }
              >
                {t.takeServer}
              </Button>
            </div>
          </div>
        )}
      </Card>

      {canPull && (
        <Card className={s.card}>
          <Text weight="semibold">{t.pull}</Text>
          {isTasks ? (
            <Text className={s.small}>{t.pullTasksHint}</Text>
          ) : (
            <Field label={t.chartItems}>
              <Input value={chartItems} onChange={(_, d) => setChartItems(d.value)} data-testid="chart-items" />
            </Field>
          )}
          <Button appearance="primary" onClick={pull} disabled={busy || !host} data-testid="pull">
            {t.pullBtn}
          </Button>
          {pulled && (
            <div data-testid="pulled">
              <Text>
                {pulled.sheet} — {t.completeness}: {pulled.submitted}/{pulled.expected}
              </Text>
              {pulled.tasks && (
                <Text data-testid="pulled-tasks">
                  {pulled.tasks.rows} {t.tasksWord}, {pulled.tasks.units} {t.communesWord} — {t.budgetTotal}:{" "}
                  {pulled.tasks.budget.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} {t.millionDong}
                </Text>
              )}
              {pulled.missing.length > 0 && <Text className={s.small}>Chưa nộp: {pulled.missing.slice(0, 20).join(", ")}</Text>}
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
