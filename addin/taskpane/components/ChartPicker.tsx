// Picks the indicators to chart by name or STT (a search box over the form's rows); chosen ones are chips. Nothing
// is silently dropped: a search that finds nothing says so.
import { useMemo, useState } from "react";
import { Button, Field, Input, Text } from "@fluentui/react-components";
import { findIndicator } from "../../../shared/catalog/index.js";
import type { FormDef } from "../../../shared/forms/types.js";
import { foldVi } from "../../../shared/values/index.js";
import type { Strings } from "../i18n.js";
import { Data, tpl } from "./Text.js";
import { useStyles } from "./styles.js";

export interface Pickable {
  item: string;
  stt: string;
  name: string;
}

export function pickables(form: FormDef): Pickable[] {
  return form.rows.flatMap((r) => (r.type === "indicator" ? [{ item: r.item, stt: r.stt, name: r.name ?? findIndicator(r.indicatorKey)?.name ?? "" }] : []));
}

const fold = (s: string) => foldVi(s).toLowerCase().replace(/\s+/g, " ").trim();

/** Rows whose STT equals the query or whose name contains every word of it (accents ignored). */
export function searchRows(rows: Pickable[], query: string): Pickable[] {
  const q = fold(query);
  if (!q) return [];
  const byStt = rows.filter((r) => r.stt === q.replace(/\.$/, ""));
  if (byStt.length) return byStt;
  const words = q.split(" ");
  return rows.filter((r) => {
    const n = fold(r.name);
    return words.every((w) => n.includes(w));
  });
}

export function ChartPicker(props: { t: Strings; form: FormDef; chosen: string[]; onChange: (items: string[]) => void; disabled?: boolean }) {
  const { t, form, chosen } = props;
  const s = useStyles();
  const rows = useMemo(() => pickables(form), [form]);
  const [query, setQuery] = useState("");
  const [notFound, setNotFound] = useState<string | null>(null);
  const hits = useMemo(() => searchRows(rows, query).filter((r) => !chosen.includes(r.item)).slice(0, 6), [rows, query, chosen]);
  const add = (item: string) => {
    props.onChange([...chosen, item]);
    setQuery("");
    setNotFound(null);
  };
  const submit = () => {
    if (!query.trim()) return;
    const all = searchRows(rows, query);
    if (all.length === 0) setNotFound(query.trim());
    else if (all.length === 1 || all[0]!.stt === query.trim()) add(all[0]!.item);
  };
  const label = (r: Pickable) => `${r.stt}. ${r.name.length > 48 ? `${r.name.slice(0, 47)}…` : r.name}`;
  return (
    <Field label={t.chartItems}>
      <div className={s.chips} data-testid="chart-chosen">
        {chosen.map((item) => {
          const r = rows.find((x) => x.item === item);
          return (
            <Button key={item} size="small" disabled={props.disabled} title={t.chartRemove} onClick={() => props.onChange(chosen.filter((x) => x !== item))} data-testid="chart-chip">
              <Data>{r ? label(r) : item}</Data> ✕
            </Button>
          );
        })}
      </div>
      <Input
        value={query}
        placeholder={t.chartSearch}
        disabled={props.disabled}
        onChange={(_, d) => {
          setQuery(d.value);
          setNotFound(null);
        }}
        onKeyDown={(e) => e.key === "Enter" && submit()}
        data-testid="chart-search"
      />
      {hits.length > 0 && (
        <div className={s.chips}>
          {hits.map((r) => (
            <Button key={r.item} size="small" appearance="subtle" onClick={() => add(r.item)} data-testid="chart-hit">
              + <Data>{label(r)}</Data>
            </Button>
          ))}
        </div>
      )}
      {notFound && (
        <Text className={s.small} data-testid="chart-not-found">
          {tpl(t.chartNotFound, { query: <Data>{notFound}</Data> })}
        </Text>
      )}
    </Field>
  );
}
