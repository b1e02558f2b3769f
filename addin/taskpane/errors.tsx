// Failures and validation issues as sentences in the pane's language, built from codes and fields (never from the
// server's Vietnamese text in an English pane, never with internal ids: rows by STT and name, periods by label).
import type { ReactNode } from "react";
import { ExcelOpError, officeErrorCode } from "../excel/errors.js";
import { HttpError, NetworkError } from "./api.js";
import { issueDetail, type PaneIssue, type RowLabel } from "./flows.js";
import { fmt, type Strings } from "./i18n.js";
import { Data, tpl } from "./components/Text.js";

export interface ErrorContext {
  /** The period and form the action was about, as people read them. */
  period?: string;
  form?: string;
}

export function networkReason(t: Strings, reason: string): string {
  return t.net[reason] ?? t.net["offline"]!;
}

/** Any failure the pane can meet, as a node. */
export function errorNode(t: Strings, e: unknown, ctx: ErrorContext = {}): ReactNode {
  if (e instanceof HttpError) {
    const known = t.http[e.code];
    if (known) return tpl(known, { period: <Data>{ctx.period ?? ""}</Data>, form: <Data>{ctx.form ?? ""}</Data> });
    // Unknown code: the server's own sentence is Vietnamese, fine in a Vietnamese pane only.
    if (t.lang === "vi" && e.body?.message) return e.body.message;
    return t.httpOther(e.status);
  }
  if (e instanceof NetworkError) return fmt(t.netError, { reason: networkReason(t, e.reason) });
  if (e instanceof ExcelOpError) return t.excel[e.code] ?? t.excel["unsupported"]!;
  const code = officeErrorCode(e);
  if (code) return t.excel[code] ?? tpl(t.excelOther, { message: <Data>{e instanceof Error ? e.message : String(e)}</Data> });
  return tpl(t.unexpected, { message: <Data>{e instanceof Error ? e.message : String(e)}</Data> });
}

/** A stored outbox error ({status, code, message}) as a node. */
export function storedErrorNode(t: Strings, err: { status: number; code: string; message: string } | undefined, reason: string | undefined, ctx: ErrorContext): ReactNode {
  if (err) return errorNode(t, new HttpError(err.status, { error: err.code, message: err.message, details: [] }, err.message), ctx);
  return reason ? networkReason(t, reason) : null;
}

export function rowNode(t: Strings, row: RowLabel): ReactNode {
  const text = row.stt && row.name ? `${row.stt}. ${row.name}` : row.name || row.stt;
  return text ? <Data>{text}</Data> : t.rowNew;
}

const viDetail = issueDetail;

export function issueNode(t: Strings, i: PaneIssue): ReactNode {
  const where = tpl(t.issueWhere, { row: rowNode(t, i.row), column: <Data>{i.column}</Data> });
  const raw = <Data>{i.raw}</Data>;
  const template = t.issue[i.code] ?? t.issueOther;
  // In Vietnamese the shared validation's own sentence is the detail (it names what was typed and what is expected,
  // with an example from that very indicator); English templates are built from the code and the value typed.
  const vi = t.lang === "vi" ? viDetail(i.message) : null;
  let detail: ReactNode = vi ? <Data>{vi}</Data> : null;
  if (!detail && i.code === "unparseable") detail = tpl(t.issueUnparseable, { raw });
  if (!detail && i.code === "large_change") detail = tpl(t.issueLargeChange, { raw });
  if (!detail && i.code === "not_lead_agency") detail = t.issueNotLead;
  return tpl(template, { where, raw, detail });
}

/** The note on a marked cell: what is wrong there, in the pane's language (the cell itself says where). */
export function issueNoteText(t: Strings, i: PaneIssue): string {
  const template = (t.issue[i.code] ?? t.issueOther).replace(/^\{where\}:\s*/, "");
  const vi = t.lang === "vi" ? issueDetail(i.message) : null;
  const detail =
    vi ??
    (i.code === "unparseable" ? fmt(t.issueUnparseable, { raw: i.raw }) : i.code === "large_change" ? fmt(t.issueLargeChange, { raw: i.raw }) : t.issueNotLead);
  return fmt(template, { raw: i.raw, detail, where: "" });
}
