// Submissions waiting on this computer. Only the connected unit's entries are sent (on connect, on the `online` event,
// every 30 s and on "Gửi lại ngay"); an entry the server refused shows the server's reason in the pane's language, with
// "Mở trang tính" and "Bỏ" (after a confirm). Entries of other accounts are counted, never sent with this token.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Badge, Button, Card, MessageBar, MessageBarActions, MessageBarBody, Text } from "@fluentui/react-components";
import { periodLabel as periodLabelOf, parsePeriod } from "../../../shared/periods/index.js";
import { formatVnDateTime } from "../../../shared/time.js";
import { activateSheet } from "../../excel/sheet-index.js";
import { flushOutbox, type Deps } from "../flows.js";
import type { Strings } from "../i18n.js";
import { ownedBy, startAutoRetry, type OutboxEntry } from "../outbox.js";
import { errorNode, storedErrorNode } from "../errors.js";
import { tpl } from "./Text.js";
import { periodText } from "./usePeriods.js";
import { useStyles } from "./styles.js";

function entryPeriod(t: Strings, id: string): string {
  const p = parsePeriod(id);
  return p ? periodText(t.lang, { id, label: periodLabelOf(id), kind: p.kind, year: p.year }) : id;
}

export function OutboxPanel(props: { t: Strings; deps: Deps; excelReady: boolean }) {
  const { t, deps } = props;
  const { outbox, session } = deps;
  const s = useStyles();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [asking, setAsking] = useState<string | null>(null);
  const [note, setNote] = useState<{ intent: "success" | "error" | "warning"; body: ReactNode } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void outbox.list().then(setEntries);
    return outbox.subscribe(setEntries);
  }, [outbox]);

  const flush = useCallback(async () => {
    const r = await flushOutbox(deps);
    if (r.sent > 0) setNote({ intent: "success", body: t.flushed(r.sent) });
  }, [deps, t]);

  // Retry on connect, on `online` and every 30 s, for this unit only.
  useEffect(() => {
    if (!session?.canReport) return;
    void flush().catch(() => undefined);
    return startAutoRetry(flush, { intervalMs: 30_000 });
  }, [flush, session]);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setNote(null);
    try {
      await fn();
    } catch (e) {
      setNote({ intent: "error", body: errorNode(t, e) });
    } finally {
      setBusy(false);
    }
  };

  const who = session ? { server: session.server, unit: session.unit.code } : null;
  // Entries saved before pushes were bound to a unit have no owner: shown for the clerk to deal with, never sent.
  const mine = entries.filter((e) => ownedBy(e, who) || (!!who && !e.unit));
  const others = entries.length - mine.length;
  if (entries.length === 0 && !note) return null;

  return (
    <Card className={s.card} data-testid="outbox">
      <Text weight="semibold">{t.outboxTitle(mine.length)}</Text>
      {note && (
        <MessageBar intent={note.intent} data-testid="outbox-note">
          <MessageBarBody>{note.body}</MessageBarBody>
        </MessageBar>
      )}
      {mine.map((e) => {
        const ctx = { period: entryPeriod(t, e.submission.period), form: t.formName(e.submission.form) };
        return (
          <div key={e.key} data-testid="outbox-entry" data-state={e.state}>
            <Text>
              {tpl(t.outboxEntry, { form: ctx.form, period: ctx.period, time: formatVnDateTime(e.createdAt) })}{" "}
              <Badge color={e.state === "waiting" && e.unit ? "informative" : "danger"} size="small">
                {!e.unit ? t.stateLegacy : e.state === "waiting" ? t.stateWaiting : e.state === "conflict" ? t.stateConflict : t.stateRejected}
              </Badge>
            </Text>
            {(e.error || e.lastError) && (
              <Text className={s.small} block data-testid="outbox-error">
                {storedErrorNode(t, e.error, e.lastError, ctx)}
              </Text>
            )}
            <div className={s.row}>
              <Button
                size="small"
                disabled={busy || !props.excelReady}
                data-testid="outbox-open"
                onClick={() =>
                  void act(async () => {
                    const r = await activateSheet(deps.host, e.sheetId);
                    if (!r) setNote({ intent: "warning", body: t.sheetGone });
                  })
                }
              >
                {t.openSheet}
              </Button>
              {e.state !== "waiting" && !!e.unit && (
                <Button size="small" disabled={busy} onClick={() => void act(async () => (await outbox.requeue(e.key), await flush()))}>
                  {t.retryEntry}
                </Button>
              )}
              <Button size="small" disabled={busy} data-testid="outbox-discard" onClick={() => setAsking(e.key)}>
                {t.discard}
              </Button>
            </div>
            {asking === e.key && (
              <MessageBar intent="warning" layout="multiline" data-testid="discard-ask">
                <MessageBarBody>{t.discardAsk}</MessageBarBody>
                <MessageBarActions>
                  <Button appearance="primary" data-testid="discard-yes" onClick={() => void act(async () => (await outbox.remove(e.key), setAsking(null)))}>
                    {t.discard}
                  </Button>
                  <Button onClick={() => setAsking(null)}>{t.cancel}</Button>
                </MessageBarActions>
              </MessageBar>
            )}
          </div>
        );
      })}
      {mine.some((e) => e.state === "waiting" && e.unit) && (
        <Button size="small" disabled={busy || !session} onClick={() => void act(flush)} data-testid="retry">
          {t.retryNow}
        </Button>
      )}
      {others > 0 && <Text className={s.small}>{t.othersWaiting(others)}</Text>}
    </Card>
  );
}
