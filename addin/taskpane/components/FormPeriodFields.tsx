// The form and period pickers every flow starts with (report, pull, review): forms by the names people use, periods by
// their labels, never by ids.
import { Field, Select } from "@fluentui/react-components";
import type { FormDef } from "../../../shared/forms/types.js";
import type { PeriodInfo } from "../../../shared/schemas/index.js";
import type { Strings } from "../i18n.js";
import { periodText } from "./usePeriods.js";
import { useStyles } from "./styles.js";

export function FormPeriodFields(p: {
  t: Strings;
  forms: readonly FormDef[];
  formId: string;
  onForm: (id: string) => void;
  periods: readonly PeriodInfo[];
  period: string;
  onPeriod: (id: string) => void;
  disabled?: boolean;
  /** data-testid of the two selects. */
  ids: { form: string; period: string };
}) {
  const s = useStyles();
  return (
    <div className={s.row}>
      <Field label={p.t.form} className={s.grow}>
        <Select value={p.formId} onChange={(_, d) => p.onForm(d.value)} data-testid={p.ids.form} disabled={p.disabled}>
          {p.forms.map((f) => (
            <option key={f.id} value={f.id}>
              {p.t.formName(f.id)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={p.t.period} className={s.grow}>
        <Select value={p.period} onChange={(_, d) => p.onPeriod(d.value)} data-testid={p.ids.period} disabled={p.disabled || p.periods.length === 0}>
          {p.periods.map((x) => (
            <option key={x.id} value={x.id}>
              {periodText(p.t.lang, x)}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
