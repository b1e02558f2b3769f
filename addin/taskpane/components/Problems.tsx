// Problems of an administration sheet (registry, doubtful targets), each naming its row: the sheet's own Vietnamese
// sentence in a Vietnamese pane, a sentence built from the problem's kind in English. A click selects the cell.
import type { ReactNode } from "react";
import { Badge } from "@fluentui/react-components";
import type { Strings } from "../i18n.js";
import type { SheetProblem } from "../registry.js";
import { Data, tpl } from "./Text.js";
import { useStyles } from "./styles.js";

export function problemNode(t: Strings, p: SheetProblem): ReactNode {
  const A = t.admin;
  if (t.lang === "vi" && p.message) return <Data>{p.message}</Data>;
  const where = p.row === null ? A.sheetWhere : tpl(A.rowWhere, { row: String(p.row), unit: <Data>{p.unit}</Data> });
  const q = (i: number) => <Data>{`“${p.quoted[i] ?? ""}”`}</Data>;
  const node = tpl(A.kinds[p.kind] ?? A.kindOther, { where, q0: q(0), q1: q(1), yes: <Data>Có</Data>, no: <Data>Không</Data> });
  if (p.kind === "unknown_agency" && p.quoted[1]) return <>{node}; {tpl(A.didYouMean, { name: q(1) })}</>;
  return node;
}

export function ProblemList(props: { t: Strings; problems: SheetProblem[]; onSelect?: (address: string) => void; testid?: string; max?: number }) {
  const { t, problems } = props;
  const s = useStyles();
  const shown = problems.slice(0, props.max ?? 200);
  return (
    <div data-testid={props.testid ?? "problems"}>
      {shown.map((p, i) => (
        <button key={i} className={s.issue} onClick={() => p.address && props.onSelect?.(p.address)} data-testid="problem">
          <Badge color={p.severity === "error" ? "danger" : "warning"} size="small">
            {p.address ?? "—"}
          </Badge>{" "}
          {problemNode(t, p)}
        </button>
      ))}
      {problems.length > shown.length && <span>{t.admin.registryMore(problems.length - shown.length)}</span>}
    </div>
  );
}
