// Reporting periods (administrators): every opened period with its label, due date, cut-off and state; close (lock)
// and reopen after a confirm; open a new one (kind, year, month / quarter / number, due date, cut-off, forms for an ad
// hoc report). Labels are what people read ("Quý I/2026"), never period ids.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Button, Card, Checkbox, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Select, Text } from "@fluentui/react-components";
import { forms } from "../../../shared/forms/index.js";
import type { PeriodInfo } from "../../../shared/schemas/index.js";
import { formatVnDate, vnDate } from "../../../shared/time.js";
import { AdminApi, type OpenPeriod } from "../admin-api.js";
import type { AdminDeps } from "../admin-flows.js";
import type { Strings } from "../i18n.js";
import { Data, tpl } from "./Text.js";
import { periodText } from "./usePeriods.js";
import { useAction } from "./useAction.js";
import { useStyles } from "./styles.js";

const KINDS = ["year", "half", "quarter", "month", "adhoc"] as const;
const ROMAN = ["I", "II", "III", "IV"];

export function PeriodsPanel(props: { t: Strings; deps: AdminDeps }) {
  const { t, deps } = props;
  const A = t.admin;
  const s = useStyles();
  const act = useAction(t);
  const [periods, setPeriods] = useState<PeriodInfo[] | null>(null);
  const [ask, setAsk] = useState<{ p: PeriodInfo; lock: boolean } | null>(null);
  const [note, setNote] = useState<ReactNode>(null);
  const [kind, setKind] = useState<OpenPeriod["kind"]>("year");
  const [year, setYear] = useState(vnDate().slice(0, 4));
  const [seq, setSeq] = useState("1");
  const [label, setLabel] = useState("");
  const [due, setDue] = useState("");
  const [cutoff, setCutoff] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const api = new AdminApi(deps.session.api);
  const session = deps.session;

  const reload = useCallback(async () => setPeriods((await session.api.periods()).periods), [session]);
  const run = act.run;
  useEffect(() => {
    void run(reload);
  }, [reload, run]);

  const name = (p: PeriodInfo) => <Data>{periodText(t.lang, p)}</Data>;

  const lock = () =>
    act.run(async () => {
      if (!ask) return;
      const { p, lock: l } = ask;
      setAsk(null);
      await api.lock(p.id, l);
      setNote(tpl(l ? A.periodLocked : A.periodUnlocked, { period: name(p) }));
      await reload();
    });

  const open = () =>
    act.run(async () => {
      setNote(null);
      const body: OpenPeriod = {
        kind,
        year: Number(year),
        ...(kind === "month" || kind === "quarter" || kind === "adhoc" ? { seq: Number(seq) } : {}),
        ...(label.trim() ? { label: label.trim() } : {}),
        ...(due ? { dueDate: due } : {}),
        ...(cutoff ? { cutoffDate: cutoff } : {}),
        ...(chosen.length ? { forms: chosen } : {}),
      };
      const r = await api.openPeriod(body);
      setNote(tpl(r.created ? A.periodOpened : A.periodWasOpen, { period: name(r.period) }));
      await reload();
    });

  return (
    <Card className={s.card} data-testid="periods-card">
      <Text weight="semibold">{A.periodsTitle}</Text>
      {periods && periods.length === 0 && <Text className={s.small}>{A.periodsNone}</Text>}
      {periods && periods.length > 0 && (
        <table className={s.grid} data-testid="periods">
          <tbody>
            {periods.map((p) => (
              <tr key={p.id} data-testid="period-row">
                <td>
                  <b>{name(p)}</b>
                  <br />
                  <span className={s.small}>
                    {p.locked ? A.periodLockedState : A.periodOpenState}
                    {p.dueDate && <>; {tpl(A.periodDue, { date: formatVnDate(p.dueDate) })}</>}
                    {p.cutoffDate && <>; {tpl(A.periodCutoff, { date: formatVnDate(p.cutoffDate) })}</>}
                  </span>
                </td>
                <td>
                  <Button size="small" onClick={() => setAsk({ p, lock: !p.locked })} disabled={act.busy} data-testid={p.locked ? "period-unlock" : "period-lock"}>
                    {p.locked ? A.periodUnlock : A.periodLock}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ask && (
        <MessageBar intent="warning" data-testid="period-ask" layout="multiline">
          <MessageBarBody>{tpl(ask.lock ? A.periodLockAsk : A.periodUnlockAsk, { period: name(ask.p) })}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => void lock()} disabled={act.busy} data-testid="period-confirm">
              {ask.lock ? A.periodLock : A.periodUnlock}
            </Button>
            <Button onClick={() => setAsk(null)}>{t.cancel}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Text weight="semibold">{A.openTitle}</Text>
      <div className={s.row}>
        <Field label={A.kindLabel} className={s.grow}>
          <Select value={kind} onChange={(_, d) => setKind(d.value as OpenPeriod["kind"])} data-testid="open-kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {A.periodKinds[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={A.yearLabel}>
          <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} style={{ width: 90 }} data-testid="open-year" />
        </Field>
        {kind === "month" && (
          <Field label={A.monthLabel}>
            <Select value={seq} onChange={(_, d) => setSeq(d.value)} data-testid="open-seq">
              {Array.from({ length: 12 }, (_, i) => (
                <option key={i} value={String(i + 1)}>
                  {i + 1}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {kind === "quarter" && (
          <Field label={A.quarterLabel}>
            <Select value={seq} onChange={(_, d) => setSeq(d.value)} data-testid="open-seq">
              {ROMAN.map((r, i) => (
                <option key={r} value={String(i + 1)}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {kind === "adhoc" && (
          <Field label={A.seqLabel}>
            <Input type="number" value={seq} onChange={(_, d) => setSeq(d.value)} style={{ width: 70 }} data-testid="open-seq" />
          </Field>
        )}
      </div>
      {kind === "adhoc" && (
        <Field label={A.titleLabel}>
          <Input value={label} onChange={(_, d) => setLabel(d.value)} data-testid="open-label" />
        </Field>
      )}
      <div className={s.row}>
        <Field label={A.dueLabel} className={s.grow}>
          <Input type="date" value={due} onChange={(_, d) => setDue(d.value)} data-testid="open-due" />
        </Field>
        <Field label={A.cutoffLabel} className={s.grow}>
          <Input type="date" value={cutoff} onChange={(_, d) => setCutoff(d.value)} data-testid="open-cutoff" />
        </Field>
      </div>
      <Text className={s.small}>{A.datesHint}</Text>
      <Field label={A.formsLabel}>
        <div>
          {forms.map((f) => (
            <Checkbox
              key={f.id}
              label={t.formName(f.id)}
              checked={chosen.includes(f.id)}
              onChange={(_, d) => setChosen((c) => (d.checked ? [...c, f.id] : c.filter((x) => x !== f.id)))}
              data-testid={`open-form-${f.id}`}
            />
          ))}
        </div>
      </Field>
      <Button appearance="primary" onClick={() => void open()} disabled={act.busy || !/^20\d\d$/.test(year)} data-testid="open-period">
        {A.openBtn}
      </Button>
      {act.error && (
        <MessageBar intent="error" data-testid="periods-error" layout="multiline">
          <MessageBarBody>{act.error}</MessageBarBody>
        </MessageBar>
      )}
      {note && (
        <MessageBar intent="success" data-testid="periods-note" layout="multiline">
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
