// Reporting: choose a form and an open period, open the form (or adopt a table already on the sheet), check, submit.
// Holds its own state (the sheet worked on, issues, receipt, pending deletions, conflict); remounted when the unit
// changes, so nothing of another unit stays visible. Disabled until a unit that may report is connected.
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { Badge, Button, Card, MessageBar, MessageBarBody, ProgressBar, Switch, Text } from "@fluentui/react-components";
import { forms, getForm } from "../../../shared/forms/index.js";
import type { Receipt } from "../../../shared/schemas/index.js";
import { formatVnDate, formatVnDateTime } from "../../../shared/time.js";
import { selectCell } from "../../excel/select-cell.js";
import { watchEdits } from "../../excel/watch-edits.js";
import { detectAdoption, type AdoptProposal } from "../../excel/adopt-sheet.js";
import {
  adoptFlow,
  focusFlow,
  openFormFlow,
  ownItems,
  pushSheet,
  refreshReview,
  sendMerged,
  showReview,
  takeServer,
  validateCtx,
  validateSheet,
  type ConflictState,
  type Deps,
  type LabelledChange,
  type PaneIssue,
  type PushOutcome,
  type ReviewView,
} from "../flows.js";
import { ReviewBox } from "./ReviewBox.js";
import type { Choice } from "../changes.js";
import { cellKey } from "../changes.js";
import type { Strings } from "../i18n.js";
import { errorNode, issueNode, networkReason } from "../errors.js";
import { ConflictView } from "./ConflictView.js";
import { DeleteConfirm } from "./DeleteConfirm.js";
import { Data, tpl } from "./Text.js";
import { periodText, usePeriods } from "./usePeriods.js";
import { useStyles } from "./styles.js";
import { FormPeriodFields } from "./FormPeriodFields.js";

type Note = { intent: "success" | "error" | "warning" | "info"; body: ReactNode; testid?: string } | null;

export function ReportPanel(props: { t: Strings; deps: Deps; excelReady: boolean; unitKind: string | null }) {
  const { t, deps, excelReady } = props;
  const session = deps.session;
  const s = useStyles();
  const audience = props.unitKind === "department" ? "department" : props.unitKind === "commune" ? "commune" : null;
  const visibleForms = forms.filter((f) => !audience || f.audience === audience);
  const [formId, setFormId] = useState(visibleForms[0]?.id ?? "pl1-xa");
  const P = usePeriods(session?.canReport ? session : null, formId);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [sheetId, setSheetId] = useState<string | null>(null);
  const [issues, setIssues] = useState<PaneIssue[] | null>(null);
  const [receipt, setReceipt] = useState<(Receipt & { keptHidden: number }) | null>(null);
  const [deletions, setDeletions] = useState<LabelledChange[] | null>(null);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [proposal, setProposal] = useState<AdoptProposal | null>(null);
  const [existing, setExisting] = useState<boolean>(false);
  const [focus, setFocus] = useState<{ sheetId: string; items: string[]; on: boolean; shown: number; hidden: number } | null>(null);
  const [watchNote, setWatchNote] = useState<ReactNode>(null);
  const [review, setReview] = useState<ReviewView | null>(null);
  const depsRef = useRef(deps);
  depsRef.current = deps;

  const enabled = !!session?.canReport && excelReady;
  const periodLabel = P.info ? periodText(t.lang, P.info) : "";
  const ctx = { period: periodLabel, form: t.formName(formId) };
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;

  const guard = useCallback(
    async (fn: () => Promise<void>) => {
      setBusy(true);
      setNote(null);
      try {
        await fn();
      } catch (e) {
        setNote({ intent: "error", body: errorNode(t, e, ctxRef.current) });
      } finally {
        setBusy(false);
        setProgress(null);
      }
    },
    [t],
  );

  const revalidate = useCallback(async (id?: string) => {
    const d = depsRef.current;
    const v = await validateSheet(d.host, id, validateCtx(d));
    if (!v.form) return;
    setSheetId(v.sheetId);
    setIssues(v.issues);
  }, []);

  // Check again 300 ms after the clerk's edits (the add-in's own writes are ignored by watchEdits).
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (() => Promise<void>) | undefined;
    let alive = true;
    const fail = (e: unknown) => alive && setWatchNote(tpl(t.watchFailed, { error: errorNode(t, e) }));
    watchEdits(
      deps.host,
      (e) => {
        clearTimeout(timer);
        timer = setTimeout(() => void revalidate(e.sheetId).catch(fail), 300);
      },
      fail,
    )
      .then((w) => {
        if (!w.active && alive) setWatchNote(t.watchUnsupported);
        if (alive) stop = w.stop;
        else void w.stop();
      })
      .catch(fail);
    return () => {
      alive = false;
      clearTimeout(timer);
      void stop?.().catch(() => undefined);
    };
  }, [deps.host, enabled, revalidate, t]);

  const applyFocus = async (id: string, items: string[], on: boolean) => {
    const r = await focusFlow(deps, id, on ? items : null);
    setFocus({ sheetId: id, items, on, shown: on ? r.shown : items.length, hidden: on ? r.hidden : r.shown - items.length });
  };

  const open = (fresh = false) =>
    guard(async () => {
      if (!P.period) return;
      const r = await openFormFlow(deps, formId, P.period, { fresh });
      setIssues(null);
      setReceipt(null);
      setConflict(null);
      setDeletions(null);
      setSheetId(r.sheetId);
      setExisting(r.kind === "existing");
      setReview(null);
      const sheet = <Data>{r.sheetName}</Data>;
      if (r.kind === "existing") {
        setNote({ intent: "info", body: tpl(t.alreadyOpen, { sheet }), testid: "open-note" });
        // The Sở KH&CN may have returned or approved it since: its notes go onto the open sheet.
        setReview(await refreshReview(deps, r.sheetId, formId, P.period).catch(() => null));
        return;
      }
      if (r.review) setReview(await showReview(deps, r.sheetId, r.review));
      setNote({ intent: r.offline ? "warning" : "success", body: tpl(r.offline ? t.openedOffline : t.opened(r.prefilled), { sheet }), testid: "open-note" });
      const form = getForm(formId)!;
      if (form.audience === "department" && session) {
        const items = ownItems(form, session.agencies?.length ? session.agencies : [session.unit.name]);
        if (items.length > 0 && items.length < form.rows.filter((x) => x.type === "indicator").length) await applyFocus(r.sheetId, items, true);
        else setFocus(null);
      } else setFocus(null);
    });

  const adopt = () =>
    guard(async () => {
      const p = await detectAdoption(deps.host, forms, audience === "department" ? "pl1-tinh" : undefined);
      if (!p) setNote({ intent: "warning", body: tpl(t.adoptNone, { columns: <Data>STT/TT, Nội dung chỉ tiêu, Đơn vị tính</Data> }) });
      setProposal(p);
    });

  const confirmAdopt = () =>
    guard(async () => {
      if (!proposal || !P.period) return;
      const r = await adoptFlow(deps, proposal, P.period);
      setSheetId(proposal.sheetId);
      setProposal(null);
      setNote({ intent: r.offline ? "warning" : "success", body: t.adopted(r.serverCells), testid: "adopt-note" });
      await revalidate(proposal.sheetId);
    });

  const handle = (r: PushOutcome) => {
    if ("validation" in r) {
      setSheetId(r.validation.sheetId);
      setIssues(r.validation.issues);
    }
    switch (r.kind) {
      case "not-connected":
        return setNote({ intent: "warning", body: t.notConnected });
      case "not-allowed":
        return setNote({ intent: "warning", body: t.notAllowed });
      case "not-a-form":
        return setNote({ intent: "warning", body: t.notAForm });
      case "other-unit":
        return setNote({ intent: "warning", body: t.otherUnit });
      case "invalid":
        return setNote({ intent: "error", body: t.fixFirst(r.validation.errors) });
      case "empty":
        return setNote({ intent: "warning", body: t.empty });
      case "unchanged":
        return setNote({ intent: "info", body: t.unchanged });
      case "confirm-delete":
        return setDeletions(r.deletions);
      case "ok":
        setConflict(null);
        setDeletions(null);
        setReceipt({ ...r.receipt, keptHidden: r.keptHidden });
        // A resubmission starts clean: the notes of the return come off the sheet.
        if (review || r.validation.read.meta?.review) void refreshAfterPush(r.validation.sheetId, r.validation.read.meta!.form, r.validation.read.meta!.period);
        return;
      case "queued":
        return setNote({ intent: "warning", body: tpl(t.queued, { reason: networkReason(t, r.reason) }), testid: "queued" });
      case "conflict":
        setDeletions(null);
        return setConflict(r.conflict);
      case "error":
        return setNote({ intent: "error", body: errorNode(t, r.error, ctx) });
    }
  };

  const refreshAfterPush = async (id: string, form: string, period: string) => {
    try {
      setReview(await refreshReview(deps, id, form, period));
    } catch {
      // offline: the notes stay until the next refresh
    }
  };

  const reloadReview = () =>
    guard(async () => {
      if (!sheetId) return;
      setReview(await refreshReview(deps, sheetId, formId, P.period));
    });

  const push = (confirmed?: LabelledChange[]) =>
    guard(async () => {
      setProgress(0);
      setReceipt(null);
      setConflict(null);
      if (!confirmed) setDeletions(null);
      const r = await pushSheet(deps, sheetId ?? undefined, {
        progress: (_s, f) => setProgress(f),
        ...(confirmed ? { confirmedDeletes: confirmed.map((d) => cellKey(d.item, d.field)) } : {}),
      });
      if (confirmed) setDeletions(null);
      handle(r);
    });

  const merged = (choices: Map<string, Choice>) =>
    guard(async () => {
      if (!conflict) return;
      setProgress(0);
      handle(await sendMerged(deps, conflict, choices, (_s, f) => setProgress(f)));
    });

  const take = () =>
    guard(async () => {
      if (!conflict) return;
      const r = await takeServer(deps, conflict);
      setConflict(null);
      await revalidate(conflict.sheetId);
      setNote({
        intent: r.missing ? "warning" : "success",
        body: (
          <>
            {t.tookServer(r.written, r.added)} {r.missing ? t.tookServerMissing(r.missing) : null}
          </>
        ),
        testid: "took-server",
      });
    });

  const errors = issues?.filter((i) => i.severity === "error").length ?? 0;
  const warnings = issues?.filter((i) => i.severity === "warning").length ?? 0;

  return (
    <Card className={s.card} data-testid="report">
      <Text weight="semibold">{t.reportTitle}</Text>
      {note && (
        <MessageBar intent={note.intent} data-testid={note.testid ?? "note"} layout="multiline">
          <MessageBarBody>{note.body}</MessageBarBody>
        </MessageBar>
      )}
      <FormPeriodFields
        t={t}
        forms={visibleForms}
        formId={formId}
        onForm={setFormId}
        periods={P.periods}
        period={P.period}
        onPeriod={P.setPeriod}
        disabled={!session?.canReport}
        ids={{ form: "form", period: "period" }}
      />
      {session?.canReport && !P.loading && P.periods.length === 0 && !P.error && <Text className={s.small}>{t.noPeriods}</Text>}
      {!!P.error && <Text className={s.small}>{tpl(t.periodsFailed, { error: errorNode(t, P.error) })}</Text>}
      {P.info && (
        <Text className={s.small} data-testid="period-info">
          {P.info.locked ? t.locked : P.info.dueDate && P.info.daysLeft !== null ? tpl(t.dueIn(P.info.daysLeft), { date: formatVnDate(P.info.dueDate) }) : null}
        </Text>
      )}
      <div className={s.row}>
        <Button appearance="primary" onClick={() => void open()} disabled={busy || !enabled || !P.period} data-testid="open">
          {t.openForm}
        </Button>
        {existing && (
          <Button onClick={() => void open(true)} disabled={busy || !enabled} data-testid="open-fresh">
            {t.openFresh}
          </Button>
        )}
        <Button onClick={() => void adopt()} disabled={busy || !enabled || !P.period} data-testid="adopt">
          {t.adopt}
        </Button>
      </div>
      {proposal && (
        <div data-testid="proposal">
          <Text className={s.small}>
            {tpl(t.adoptSummary(proposal.rows.filter((r) => r.item).length, proposal.rows.length), { sheet: <Data>{proposal.sheetName}</Data> })}
          </Text>
          <table className={s.grid}>
            <thead>
              <tr>
                <th>{t.colStt}</th>
                <th>{t.colName}</th>
                <th>{t.colIndicator}</th>
              </tr>
            </thead>
            <tbody>
              {proposal.rows.slice(0, 80).map((r) => (
                <tr key={r.row}>
                  <td>
                    <Data>{r.stt}</Data>
                  </td>
                  <td>
                    <Data>{r.name.slice(0, 50)}</Data>
                  </td>
                  <td>{r.indicatorName ? <Data>{r.indicatorName.slice(0, 50)}</Data> : <i>{t.adoptUnmatched}</i>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className={s.row}>
            <Button appearance="primary" onClick={() => void confirmAdopt()} disabled={busy} data-testid="adopt-confirm">
              {t.adoptConfirm}
            </Button>
            <Button onClick={() => setProposal(null)} disabled={busy}>
              {t.cancel}
            </Button>
          </div>
        </div>
      )}
      {focus && (
        <Switch
          checked={focus.on}
          disabled={busy}
          onChange={(_, d) => void guard(() => applyFocus(focus.sheetId, focus.items, d.checked))}
          label={t.ownOnly(focus.items.length, Math.max(0, focus.hidden))}
          data-testid="own-only"
        />
      )}
      <div className={s.row}>
        <Button onClick={() => void guard(() => revalidate(sheetId ?? undefined))} disabled={busy || !enabled} data-testid="validate">
          {t.validate}
        </Button>
        <Button appearance="primary" onClick={() => void push()} disabled={busy || !enabled} data-testid="push">
          {t.push}
        </Button>
        {issues && (
          <Text data-testid="issue-count">
            {t.errorsN(errors)}, {t.warningsN(warnings)}
          </Text>
        )}
      </div>
      {watchNote && enabled && <Text className={s.small}>{watchNote}</Text>}
      {progress !== null && <ProgressBar value={progress} data-testid="progress" />}
      {issues && issues.length === 0 && <Text data-testid="no-issues">{t.noIssues}</Text>}
      {issues && issues.length > 0 && (
        <div data-testid="issues">
          {issues.map((i, k) => (
            <button
              key={k}
              className={s.issue}
              onClick={() => sheetId && i.address && void guard(() => selectCell(deps.host, sheetId, i.address!))}
              data-testid="issue"
            >
              <Badge color={i.severity === "error" ? "danger" : "warning"} size="small">
                {i.address ?? "?"}
              </Badge>{" "}
              {issueNode(t, i)}
            </button>
          ))}
        </div>
      )}
      {deletions && (
        <DeleteConfirm t={t} deletions={deletions} busy={busy} onConfirm={() => void push(deletions)} onCancel={() => setDeletions(null)} />
      )}
      {receipt && (
        <MessageBar intent="success" data-testid="receipt" layout="multiline">
          <MessageBarBody>
            {tpl(t.pushed(receipt.revision), { time: <span data-testid="receipt-time">{formatVnDateTime(receipt.receivedAt)}</span> })}
            {receipt.replayed ? ` ${t.replayed}` : ""}
            {receipt.keptHidden ? ` ${t.keptHidden(receipt.keptHidden)}` : ""}
            {receipt.warnings.length ? ` ${t.receiptWarnings(receipt.warnings.length)}` : ""}
          </MessageBarBody>
        </MessageBar>
      )}
      {review && <ReviewBox t={t} review={review} busy={busy} onRefresh={() => void reloadReview()} onSelect={(a) => sheetId && void guard(() => selectCell(deps.host, sheetId, a))} />}
      {conflict && <ConflictView key={conflict.currentRevision} t={t} conflict={conflict} busy={busy} onSend={(c) => void merged(c)} onTake={() => void take()} />}
    </Card>
  );
}
