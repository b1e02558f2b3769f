// The review cycle (administrators): per form and period, the list of each unit's latest submission and its state
// (a sheet, with filters); one unit's figures opened as a sheet where notes are written on the exact cells; then
// "Trả lại" (with a comment and the notes) or "Duyệt". The unit sees the notes on its own sheet when it next opens it.
import { useState } from "react";
import { Button, Card, Field, Select, Text, Textarea } from "@fluentui/react-components";
import { forms, getForm } from "../../../shared/forms/index.js";
import { ExcelOpError } from "../../excel/errors.js";
import { AdminApi, type ReviewRow } from "../admin-api.js";
import { loadReviews, openSubmission, sendReview, type AdminDeps } from "../admin-flows.js";
import { fmt, type Strings } from "../i18n.js";
import { shortFormName } from "../../excel/layout.js";
import { Data, tpl } from "./Text.js";
import { periodText, usePeriods } from "./usePeriods.js";
import { useAction } from "./useAction.js";
import { useStyles } from "./styles.js";
import { ActionMessages, type ActionNote } from "./ActionMessages.js";
import { FormPeriodFields } from "./FormPeriodFields.js";

export function ReviewPanel(props: { t: Strings; deps: AdminDeps; excelReady: boolean }) {
  const { t, deps, excelReady } = props;
  const A = t.admin;
  const s = useStyles();
  const [formId, setFormId] = useState(forms[0]?.id ?? "pl1-tinh");
  const P = usePeriods(deps.session, formId);
  const label = P.info ? periodText(t.lang, P.info) : "";
  const act = useAction(t, { period: label, form: t.formName(formId) });
  const [rows, setRows] = useState<ReviewRow[] | null>(null);
  const [listSheet, setListSheet] = useState<string | null>(null);
  const [unit, setUnit] = useState("");
  const [opened, setOpened] = useState<{ submission: string; name: string } | null>(null);
  const [comment, setComment] = useState("");
  const [note, setNote] = useState<ActionNote>(null);
  // What the sheets print: Vietnamese, whatever the pane's language.
  const labels = { form: shortFormName(getForm(formId)!), period: P.info?.label ?? label };
  const submitted = (rows ?? []).filter((r) => r.submission);
  const row = submitted.find((r) => r.unit === unit) ?? null;

  const reset = () => {
    setRows(null);
    setOpened(null);
    setNote(null);
  };

  const load = () =>
    act.run(async () => {
      setNote(null);
      const r = await loadReviews(deps, formId, P.period, labels);
      setRows(r.rows);
      setListSheet(r.sheetName);
      const first = r.rows.find((x) => x.status === "submitted") ?? r.rows.find((x) => x.submission);
      setUnit((u) => (r.rows.some((x) => x.unit === u && x.submission) ? u : (first?.unit ?? "")));
    });

  const open = () =>
    act.run(async () => {
      if (!row) return;
      const r = await openSubmission(deps, row, formId, P.period, labels);
      setOpened({ submission: r.submission, name: row.name });
      setComment("");
      setNote({ intent: "info", body: tpl(A.reviewOpened, { unit: <Data>{row.name}</Data>, sheet: <Data>{r.sheetName}</Data> }), testid: "review-opened" });
    });

  const send = (status: "accepted" | "returned") =>
    act.run(
      async () => {
        if (!opened) return;
        const r = await sendReview(deps, opened.submission, status, comment);
        if (r.kind === "needs-reason") {
          setNote({ intent: "warning", body: A.reviewNeedsReason, testid: "review-needs-reason" });
          return;
        }
        if (r.kind === "other-sheet") {
          setNote({ intent: "warning", body: A.reviewNoSheet, testid: "review-needs-reason" });
          return;
        }
        const unitNode = <Data>{opened.name}</Data>;
        setNote({
          intent: "success",
          body: (
            <>
              {r.status === "returned" ? tpl(A.reviewReturned(r.notes), { unit: unitNode }) : tpl(A.reviewAccepted, { unit: unitNode })}
              {r.ignoredNotes ? ` ${A.reviewIgnored(r.ignoredNotes)}` : ""}
            </>
          ),
          testid: "review-sent",
        });
        setOpened(null);
        setRows((await new AdminApi(deps.session.api).reviews(formId, P.period)).rows);
      },
      (e) => (e instanceof ExcelOpError && e.code === "not_linked" ? A.reviewNoSheet : null),
    );

  const count = (st: ReviewRow["status"]) => (rows ?? []).filter((r) => r.status === st).length;

  return (
    <Card className={s.card} data-testid="review-card">
      <Text weight="semibold">{A.reviewTitle}</Text>
      <FormPeriodFields
        t={t}
        forms={forms}
        formId={formId}
        onForm={(id) => {
          setFormId(id);
          reset();
        }}
        periods={P.periods}
        period={P.period}
        onPeriod={(id) => {
          P.setPeriod(id);
          reset();
        }}
        ids={{ form: "review-form", period: "review-period" }}
      />
      <Button onClick={() => void load()} disabled={act.busy || !excelReady || !P.period} data-testid="review-load">
        {A.reviewLoad}
      </Button>
      {rows && (
        <Text className={s.small} data-testid="review-counts">
          {tpl(A.reviewCounts, { waiting: String(count("submitted")), accepted: String(count("accepted")), returned: String(count("returned")), missing: String(count(null)) })}{" "}
          {listSheet && tpl(A.reviewListed, { sheet: <Data>{listSheet}</Data> })}
        </Text>
      )}
      {rows && submitted.length === 0 && <Text className={s.small}>{A.reviewNone}</Text>}
      {submitted.length > 0 && (
        <>
          <Field label={A.reviewUnit}>
            <Select
              value={unit}
              onChange={(_, d) => {
                setUnit(d.value);
                setOpened(null);
              }}
              data-testid="review-unit"
            >
              {submitted.map((r) => (
                <option key={r.unit} value={r.unit}>
                  {fmt(A.reviewOption, { name: r.name, state: A.reviewStates[r.status ?? "submitted"] ?? "", rev: r.revision ?? "" })}
                </option>
              ))}
            </Select>
          </Field>
          <Button onClick={() => void open()} disabled={act.busy || !excelReady || !row} data-testid="review-open">
            {A.reviewOpen}
          </Button>
        </>
      )}
      {opened && (
        <>
          <Field label={A.reviewComment}>
            <Textarea value={comment} onChange={(_, d) => setComment(d.value)} resize="vertical" data-testid="review-comment" />
          </Field>
          <div className={s.row}>
            <Button onClick={() => void send("returned")} disabled={act.busy} data-testid="review-return">
              {A.reviewReturn}
            </Button>
            <Button appearance="primary" onClick={() => void send("accepted")} disabled={act.busy} data-testid="review-accept">
              {A.reviewAccept}
            </Button>
          </div>
        </>
      )}
      <ActionMessages error={act.error} errorTestId="review-error" note={note} />
    </Card>
  );
}
