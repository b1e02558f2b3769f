// One language at a time: the English table has every key of the Vietnamese one and no Vietnamese words of its own
// (data comes in through placeholders, marked lang="vi"); plurals; issues and server errors rendered from codes.
import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement, Fragment, type ReactNode } from "react";
import { strings, fmt } from "../../addin/taskpane/i18n.js";
import { errorNode, issueNode } from "../../addin/taskpane/errors.js";
import { HttpError, NetworkError } from "../../addin/taskpane/api.js";
import { ExcelOpError } from "../../addin/excel/errors.js";
import { OfficeLikeError } from "../excel-fake/index.js";
import type { PaneIssue } from "../../addin/taskpane/flows.js";
import type { SheetProblem } from "../../addin/taskpane/registry.js";
import { problemNode } from "../../addin/taskpane/components/Problems.js";
import { ISSUE_CODES } from "../../shared/validate/index.js";

const vi = strings("vi-VN");
const en = strings("en-US");
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

/** Text of rendered nodes with the data (lang="vi") left out. */
const uiText = (n: ReactNode) => renderToStaticMarkup(createElement(Fragment, null, n)).replace(/<span lang="vi"[^>]*>.*?<\/span>/g, "«data»").replace(/<[^>]+>/g, "");

function flatten(o: unknown, path = ""): [string, string][] {
  if (typeof o === "string") return [[path, o]];
  if (typeof o === "function") return [1, 2, 0, -3].map((n) => [`${path}(${n})`, String((o as (...a: unknown[]) => unknown)(n, n))]);
  if (o && typeof o === "object") return Object.entries(o).flatMap(([k, v]) => flatten(v, path ? `${path}.${k}` : k));
  return [];
}

describe("i18n", () => {
  it("Vietnamese for a Vietnamese Excel, English otherwise", () => {
    expect(strings("vi-VN").lang).toBe("vi");
    expect(strings("vi").lang).toBe("vi");
    expect(strings("en-US").lang).toBe("en");
    expect(strings("fr-FR").lang).toBe("en");
  });

  it("both tables have the same keys; the English one has no Vietnamese of its own", () => {
    const a = flatten(vi).map(([k]) => k.replace(/\(.*\)$/, ""));
    const b = flatten(en).map(([k]) => k.replace(/\(.*\)$/, ""));
    expect(new Set(b)).toEqual(new Set(a));
    const mixed = flatten(en).filter(([, v]) => VIETNAMESE.test(v));
    expect(mixed).toEqual([]);
  });

  it("plurals", () => {
    expect(en.errorsN(1)).toBe("1 error");
    expect(en.errorsN(2)).toBe("2 errors");
    expect(en.warningsN(0)).toBe("0 warnings");
    expect(en.deleteTitle(1)).toBe("1 previously submitted value will be deleted");
    expect(vi.deleteTitle(14)).toBe("Sẽ xóa 14 giá trị đã gửi trước đây");
    expect(fmt(en.netError, { reason: "x" })).toBe("Could not send: x.");
  });

  it("validation issues are rendered from the code: rows by STT and name, no item keys or field ids", () => {
    const issue: PaneIssue = {
      item: "TTHC_SOHOA",
      field: "actual",
      severity: "error",
      code: "unparseable",
      message: 'Chỉ tiêu 10 (TTHC_SOHOA), cột «Thực hiện kỳ báo cáo»: không đọc được "1,2,3"',
      address: "E17",
      row: { stt: "10", name: "Tỉ lệ hồ sơ thủ tục hành chính được số hóa" },
      column: "Thực hiện kỳ báo cáo",
      raw: "1,2,3",
    };
    const e = uiText(issueNode(en, issue));
    expect(e).toBe("«data», column «data»: “«data»” is not a number, percentage, range or status");
    const v = renderToStaticMarkup(createElement(Fragment, null, issueNode(vi, issue)));
    expect(v).toContain("10. Tỉ lệ hồ sơ thủ tục hành chính được số hóa");
    expect(v).toContain("không đọc được");
    expect(v).not.toContain("TTHC_SOHOA");
    expect(v).not.toContain("actual");
    const task = { ...issue, item: "t2-532a4w", code: "required", row: { stt: "", name: "" } };
    expect(renderToStaticMarkup(createElement(Fragment, null, issueNode(vi, task)))).not.toContain("t2-532a4w");
    expect(uiText(issueNode(en, task))).toBe("(new row), column «data»: the task needs a name because the row has other content");
  });

  it("server errors from their code, in the pane's language; unknown codes never leak Vietnamese into English", () => {
    const locked = new HttpError(423, { error: "period_locked", message: "Kỳ báo cáo «Năm 2025» đã khóa sổ…", details: [] }, "x");
    expect(uiText(errorNode(en, locked, { period: "Year 2025" }))).toBe(
      "The reporting period «data» is closed and accepts no more figures. Contact the Department of Science and Technology to reopen it.",
    );
    const odd = new HttpError(418, { error: "teapot", message: "Ấm trà", details: [] }, "Ấm trà");
    expect(uiText(errorNode(en, odd))).toBe("The server refused the request (status 418).");
    expect(uiText(errorNode(vi, odd))).toBe("Ấm trà");
    expect(uiText(errorNode(en, new NetworkError("x", "timeout")))).toBe("Could not send: the server did not answer in time.");
    expect(uiText(errorNode(en, new ExcelOpError("not_linked")))).toBe("This sheet is not linked to a form.");
    expect(uiText(errorNode(en, new OfficeLikeError("InvalidOperationInCellEditMode", "…")))).toBe("Excel is editing a cell: press Enter or Esc, then try again.");
    expect(uiText(errorNode(en, new OfficeLikeError("SomethingNew", "boom")))).toBe("Excel reported an error: «data»");
  });

  it("registry and doubts problems: the sheet's own sentence in Vietnamese, built from the kind in English (data marked)", () => {
    const p: SheetProblem = {
      row: 16,
      field: "agencies",
      address: "D16",
      severity: "error",
      kind: "unknown_agency",
      message: 'Dòng 16 (Xã Thọ Lập 8): tên cơ quan "Sở Khoa hoc va Cong nghe" viết khác danh mục; hãy ghi đúng "Sở Khoa học và Công nghệ".',
      unit: "Xã Thọ Lập 8",
      quoted: ["Sở Khoa hoc va Cong nghe", "Sở Khoa học và Công nghệ"],
    };
    expect(uiText(problemNode(en, p))).toBe("Row 16 («data»): «data» is not an agency name of the indicator and task catalogues; did you mean «data»?");
    expect(renderToStaticMarkup(createElement(Fragment, null, problemNode(vi, p)))).toContain(p.message.replace(/"/g, "&quot;"));
    const flag = { ...p, kind: "flag_unreadable", quoted: ["Hoạt động", "Ko"] };
    expect(uiText(problemNode(en, flag))).toBe("Row 16 («data»): column «data» says «data», which reads as neither «data» nor «data»");
    for (const kind of Object.keys(en.admin.kinds)) expect(VIETNAMESE.test(uiText(problemNode(en, { ...p, kind })))).toBe(false);
    expect(en.admin.tokensIssued(1)).toBe("Wrote 1 token into sheet {sheet}.");
    expect(vi.admin.registryAdded(166)).toBe("thêm 166 đơn vị");
    expect(en.admin.registryNotInSheet(2)).toBe("2 units are on the server but not in the sheet: kept as they are; no unit is ever deleted.");
    // New server codes of the administration routes have sentences in both languages.
    for (const code of ["registry_invalid", "registry_conflict", "self_revoke", "inactive_unit", "adhoc_incomplete", "cutoff_after_due", "review_conflict", "invalid_note"]) {
      expect(vi.http[code]).toBeTruthy();
      expect(VIETNAMESE.test(en.http[code]!)).toBe(false);
    }
  });
});

describe("every validation code has a sentence in both languages", () => {
  it("no code of shared/validate falls back to the generic text", () => {
    for (const code of Object.values(ISSUE_CODES)) {
      expect(vi.issue[code], `vi ${code}`).toBeTruthy();
      expect(en.issue[code], `en ${code}`).toBeTruthy();
      expect(VIETNAMESE.test(en.issue[code]!), `en ${code}`).toBe(false);
    }
  });
  it("the Vietnamese pane shows the shared rule's own sentence (e.g. 'có phải 85%?')", () => {
    const i: PaneIssue = {
      item: "TTHC_SOHOA",
      field: "actual",
      severity: "warning",
      code: "fraction_as_percent",
      message: 'Chỉ tiêu 10 – Tỉ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa, cột «Thực hiện kỳ báo cáo»: "0,85" có phải 85%? Hệ thống đọc là 85%.',
      address: "E21",
      row: { stt: "10", name: "Tỉ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa" },
      column: "Thực hiện kỳ báo cáo",
      raw: "0,85",
    } as PaneIssue;
    expect(uiText(issueNode(vi, i)) + renderToStaticMarkup(createElement(Fragment, null, issueNode(vi, i)))).toContain("có phải 85%?");
    const english = uiText(issueNode(en, i));
    expect(english).toContain("percentage");
    expect(VIETNAMESE.test(english)).toBe(false);
  });
});
