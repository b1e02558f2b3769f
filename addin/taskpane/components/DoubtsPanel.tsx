// Doubtful targets (administrators): the catalog's doubts into the sheet "Mục tiêu cần xác nhận"; the settled value and
// the settling document typed there are checked (marks on bad cells), sent one by one (history kept on the server), and
// the sheet is reloaded; CT.TARGETTEXT then reads the settled value with its source.
import { useState } from "react";
import { Button, Card, Text } from "@fluentui/react-components";
import { ExcelOpError } from "../../excel/errors.js";
import { selectCell } from "../../excel/select-cell.js";
import { loadDoubts, settleDoubts, type AdminDeps } from "../admin-flows.js";
import type { Strings } from "../i18n.js";
import type { SheetProblem } from "../registry.js";
import { ProblemList } from "./Problems.js";
import { Data, tpl } from "./Text.js";
import { useAction } from "./useAction.js";
import { useStyles } from "./styles.js";
import { ActionMessages, type ActionNote } from "./ActionMessages.js";

export function DoubtsPanel(props: { t: Strings; deps: AdminDeps; excelReady: boolean }) {
  const { t, deps, excelReady } = props;
  const A = t.admin;
  const s = useStyles();
  const act = useAction(t);
  const [note, setNote] = useState<ActionNote>(null);
  const [problems, setProblems] = useState<{ sheetId: string | null; list: SheetProblem[] } | null>(null);
  const noSheet = (e: unknown) => (e instanceof ExcelOpError && e.code === "not_linked" ? A.doubtsNoSheet : null);

  const load = () =>
    act.run(async () => {
      setProblems(null);
      const r = await loadDoubts(deps);
      setNote({ intent: "success", body: tpl(A.doubtsLoaded(r.rows, r.settled), { sheet: <Data>{r.sheetName}</Data> }), testid: "doubts-loaded" });
    });

  const send = () =>
    act.run(async () => {
      setNote(null);
      setProblems(null);
      const r = await settleDoubts(deps);
      if (r.kind === "nothing") setNote({ intent: "info", body: A.doubtsNothing, testid: "doubts-note" });
      else if (r.kind === "invalid") {
        setNote({ intent: "warning", body: A.doubtsInvalid(r.problems.length), testid: "doubts-invalid" });
        setProblems({ sheetId: r.sheetId, list: r.problems });
      } else {
        setNote({ intent: r.failed.length ? "warning" : "success", body: A.doubtsDone(r.settled), testid: "doubts-done" });
        if (r.failed.length) setProblems({ sheetId: null, list: r.failed });
      }
    }, noSheet);

  return (
    <Card className={s.card} data-testid="doubts-card">
      <Text weight="semibold">{A.doubtsTitle}</Text>
      <Text className={s.small}>{A.doubtsIntro}</Text>
      <div className={s.row}>
        <Button onClick={() => void load()} disabled={act.busy || !excelReady} data-testid="doubts-load">
          {A.doubtsLoad}
        </Button>
        <Button appearance="primary" onClick={() => void send()} disabled={act.busy || !excelReady} data-testid="doubts-send">
          {A.doubtsSend}
        </Button>
      </div>
      <ActionMessages error={act.error} errorTestId="doubts-error" note={note} />
      {problems && problems.list.length > 0 && (
        <>
          {!problems.sheetId && <Text className={s.small}>{A.doubtsFailed(problems.list.length)}</Text>}
          <ProblemList
            t={t}
            problems={problems.list}
            onSelect={(a) => problems.sheetId && void act.run(() => selectCell(deps.host, problems.sheetId!, a))}
            testid="doubts-problems"
          />
        </>
      )}
    </Card>
  );
}
