// The province summary (viewers and administrators): the merged table of a form and period in the shared appendix layout
// (the same columns as the .xlsx export), the submission progress and a chart of chosen indicators. A later pull of the
// same form and period rewrites its sheets in place. Holds its own state; remounted when the unit changes.
import { useMemo, useState, type ReactNode } from "react";
import { Button, Card, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { forms, getForm } from "../../../shared/forms/index.js";
import { pullFlow, type Deps, type PullOutcome } from "../flows.js";
import { pullProgressFlow } from "../admin-flows.js";
import type { Strings } from "../i18n.js";
import { errorNode } from "../errors.js";
import { ChartPicker, pickables } from "./ChartPicker.js";
import { Data, tpl } from "./Text.js";
import { periodText, usePeriods } from "./usePeriods.js";
import { useStyles } from "./styles.js";
import { FormPeriodFields } from "./FormPeriodFields.js";

/** How many names of units that have not submitted the pane lists before "và N đơn vị khác". */
export const MISSING_SHOWN = 10;

export function PullPanel(props: { t: Strings; deps: Deps; excelReady: boolean }) {
  const { t, deps, excelReady } = props;
  const s = useStyles();
  const [formId, setFormId] = useState(forms[0]?.id ?? "pl1-tinh");
  const form = getForm(formId)!;
  const P = usePeriods(deps.session, formId);
  const [chart, setChart] = useState<Record<string, string[]>>({});
  const chosen = useMemo(() => chart[formId] ?? pickables(form).slice(0, 2).map((r) => r.item), [chart, formId, form]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReactNode>(null);
  const [pulled, setPulled] = useState<PullOutcome | null>(null);
  const [progress, setProgress] = useState<Awaited<ReturnType<typeof pullProgressFlow>> | null>(null);
  const isTasks = form.kind === "tasks";
  const label = P.info ? periodText(t.lang, P.info) : "";

  const pull = async () => {
    setBusy(true);
    setError(null);
    try {
      setPulled(await pullFlow(deps, formId, P.period, isTasks ? [] : chosen, P.info?.label));
    } catch (e) {
      setError(errorNode(t, e, { period: label, form: t.formName(formId) }));
    } finally {
      setBusy(false);
    }
  };

  const pullProgress = async () => {
    if (!deps.session) return;
    setBusy(true);
    setError(null);
    try {
      setProgress(await pullProgressFlow({ host: deps.host, session: deps.session }, formId, P.period, P.info?.label));
    } catch (e) {
      setError(errorNode(t, e, { period: label, form: t.formName(formId) }));
    } finally {
      setBusy(false);
    }
  };

  const missing = pulled?.completeness?.rows.filter((r) => !r.submitted).map((r) => r.name) ?? [];
  return (
    <Card className={s.card} data-testid="pull-card">
      <Text weight="semibold">{t.pullTitle}</Text>
      <FormPeriodFields
        t={t}
        forms={forms}
        formId={formId}
        onForm={setFormId}
        periods={P.periods}
        period={P.period}
        onPeriod={P.setPeriod}
        ids={{ form: "pull-form", period: "pull-period" }}
      />
      {!P.loading && P.periods.length === 0 && <Text className={s.small}>{t.noPeriods}</Text>}
      {isTasks ? (
        <Text className={s.small}>{t.pullTasksHint}</Text>
      ) : (
        <ChartPicker t={t} form={form} chosen={chosen} onChange={(items) => setChart((c) => ({ ...c, [formId]: items }))} disabled={busy} />
      )}
      <div className={s.row}>
        <Button appearance="primary" onClick={() => void pull()} disabled={busy || !excelReady || !P.period} data-testid="pull">
          {t.pullBtn}
        </Button>
        <Button onClick={() => void pullProgress()} disabled={busy || !excelReady || !P.period} data-testid="pull-progress">
          {t.admin.progressBtn}
        </Button>
      </div>
      {progress && (
        <Text block data-testid="pulled-progress">
          {tpl(t.admin.progressDone(progress.submitted, progress.expected), { sheet: <Data>{progress.completenessSheetName}</Data> })}{" "}
          {progress.remindersSheetName && tpl(t.admin.remindersDone(progress.remind), { sheet: <Data>{progress.remindersSheetName}</Data> })}
        </Text>
      )}
      {error && (
        <MessageBar intent="error" data-testid="pull-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {pulled && (
        <div data-testid="pulled">
          <Text block>{tpl(pulled.replaced ? t.pulledReplaced : t.pulledNew, { sheet: <Data>{pulled.sheetName}</Data> })}</Text>
          {pulled.completeness && (
            <Text block data-testid="pulled-completeness">
              {t.completeness(pulled.completeness.submitted, pulled.completeness.expected)}
            </Text>
          )}
          {"budgetTotal" in pulled && (
            <Text block data-testid="pulled-tasks">
              {tpl(t.tasksSummary(pulled.rows, pulled.units), {
                budget: pulled.budgetTotal.toLocaleString(t.lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 }),
              })}
            </Text>
          )}
          {pulled.chartMissing.length > 0 && (
            <Text block className={s.small} data-testid="chart-missing">
              {tpl(t.chartMissing, {
                items: <Data>{pulled.chartMissing.map((i) => pickables(form).find((r) => r.item === i)).map((r) => (r ? `${r.stt}. ${r.name}` : "?")).join("; ")}</Data>,
              })}
            </Text>
          )}
          {missing.length > 0 && (
            <Text block className={s.small} data-testid="missing">
              {t.missingHead} <Data>{missing.slice(0, MISSING_SHOWN).join(", ")}</Data>
              {missing.length > MISSING_SHOWN && (
                <>
                  {" "}
                  {tpl(t.andMore(missing.length - MISSING_SHOWN), { sheet: <Data>{pulled.completenessSheetName ?? ""}</Data> })}
                </>
              )}
            </Text>
          )}
        </div>
      )}
    </Card>
  );
}
