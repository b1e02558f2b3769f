// Validation of the task forms against the real definitions: the task-progress form (tiendo-nv: status ladder,
// result warning, evidence date, tasks the unit neither leads nor cooperates on) and the follow-up columns of the
// commune task list (pl2-xa: status ladder, spend ≥ 0, result when done). Messages name the task as printed.
import { describe, expect, it } from "vitest";
import { getForm } from "../../shared/forms/index.js";
import type { FormDef } from "../../shared/forms/types.js";
import type { Cell } from "../../shared/schemas/index.js";
import { parseEvidenceDate } from "../../shared/tasks/evidence.js";
import { canonicalTaskKey } from "../../shared/tasks/key.js";
import { findTask } from "../../shared/tasks/index.js";
import { ISSUE_CODES, validateCells, validateFormCell } from "../../shared/validate/index.js";

const form = (id: string): FormDef => {
  const f = getForm(id);
  if (!f) throw new Error(id);
  return f;
};
const PROGRESS = form("tiendo-nv");
const PL2 = form("pl2-xa");
const c = (item: string, field: string, raw: string): Cell => ({ item, field, raw });
const codes = (issues: { code: string }[]) => issues.map((i) => i.code).sort();
const SKHCN = ["Sở Khoa học và Công nghệ"];

describe("tiendo-nv: the status ladder", () => {
  it("accepts the ladder in any of its wordings, refuses what is not on it with the task named as printed", () => {
    for (const ok of ["Chưa triển khai", "Đang triển khai", "Đã hoàn thành", "đang thực hiện", "Đã tổ chức triển khai", "DA HOAN THANH"]) {
      expect(validateFormCell(PROGRESS, "III.6", "status", ok), ok).toEqual([]);
    }
    const name = findTask("III.6")!.name;
    for (const bad of ["Chậm tiến độ", "Chưa hoàn thành", "Dừng thực hiện", "xong rồi", "50%"]) {
      const issues = validateFormCell(PROGRESS, "III.6", "status", bad);
      expect(codes(issues), bad).toEqual([ISSUE_CODES.invalidStatus]);
      expect(issues[0]!.severity).toBe("error");
      // STT/key as printed and the task's name; never the form id or a row id
      expect(issues[0]!.message).toContain("Nhiệm vụ III.6 – «");
      expect(issues[0]!.message).toContain(name.slice(0, 30));
      expect(issues[0]!.message).toContain("«Tiến độ thực hiện»");
      expect(issues[0]!.message).not.toContain("tiendo-nv");
    }
    expect(validateFormCell(PROGRESS, "III.6", "status", "Chậm tiến độ")[0]!.message).toContain("tính tự động");
  });

  it("'Đã thực hiện' is read as under way, with a warning saying so", () => {
    const issues = validateFormCell(PROGRESS, "III.6", "status", "Đã thực hiện");
    expect(issues.map((i) => [i.code, i.severity])).toEqual([[ISSUE_CODES.statusReworded, "warning"]]);
  });

  it("'Đã hoàn thành' without a result is a warning on the result column; with one, nothing", () => {
    const bare = validateCells(PROGRESS, [c("III.6", "status", "Đã hoàn thành")], { agencies: SKHCN });
    expect(bare.map((i) => [i.code, i.field, i.severity])).toEqual([[ISSUE_CODES.doneWithoutResult, "result", "warning"]]);
    expect(bare[0]!.message).toMatch(/^Nhiệm vụ III\.6 – «.*», cột «Sản phẩm\/Kết quả»: nhiệm vụ ghi “Đã hoàn thành”/);
    const full = validateCells(PROGRESS, [c("III.6", "status", "Đã hoàn thành"), c("III.6", "result", "Quyết định số 1234/QĐ-UBND")], { agencies: SKHCN });
    expect(full).toEqual([]);
    // under way needs no result yet
    expect(validateCells(PROGRESS, [c("III.6", "status", "Đang triển khai")], { agencies: SKHCN })).toEqual([]);
  });

  it("a row with content but no status is a warning (it would count as not reported)", () => {
    const issues = validateCells(PROGRESS, [c("III.6", "result", "Dự thảo đã xong")], { agencies: SKHCN });
    expect(issues.map((i) => [i.code, i.field])).toEqual([[ISSUE_CODES.statusMissing, "status"]]);
  });
});

describe("tiendo-nv: evidence date, rows, read-only columns", () => {
  it("a malformed or impossible evidence date is an error", () => {
    for (const ok of ["05/03/2026", "5/3/2026", "05-03-2026", "05.03.2026", "2026-03-05", "ngày 5 tháng 3 năm 2026", "29/02/2028"]) {
      expect(validateFormCell(PROGRESS, "III.6", "docDate", ok), ok).toEqual([]);
    }
    for (const bad of ["31/02/2026", "29/02/2026", "05/13/2026", "05/03/26", "tháng 3/2026", "2026/03/05", "hôm qua", "46000"]) {
      const issues = validateFormCell(PROGRESS, "III.6", "docDate", bad);
      expect(codes(issues), bad).toEqual([ISSUE_CODES.invalidDate]);
      expect(issues[0]!.severity).toBe("error");
      expect(issues[0]!.message).toContain("«Ngày ban hành»");
    }
    expect(parseEvidenceDate(" 5 / 3 / 2026 ")).toEqual({ ok: true, date: "2026-03-05" });
  });

  it("a task that is not in the plan is an error; catalog columns are read-only", () => {
    const unknown = validateFormCell(PROGRESS, "III.999", "status", "Đang triển khai");
    expect(codes(unknown)).toEqual([ISSUE_CODES.unknownItem]);
    expect(unknown[0]!.message).toContain("Nhiệm vụ «III.999»");
    const ro = validateFormCell(PROGRESS, "III.6", "name", "Tên khác");
    expect(codes(ro)).toEqual([ISSUE_CODES.readOnly]);
    expect(ro[0]!.message).toContain("danh mục nhiệm vụ");
    expect(codes(validateFormCell(PROGRESS, "III.6", "lead", "Sở Y tế"))).toEqual([ISSUE_CODES.readOnly]);
  });

  it("values for a task the unit neither leads nor cooperates on are kept with a warning; led and cooperated ones pass", () => {
    // III.6: led by Sở KH&CN; II.1: led by Ban Tổ chức Tỉnh ủy with Sở KH&CN cooperating; III.20: Công an tỉnh with Sở Xây dựng, Cảng hàng không Thọ Xuân.
    expect(findTask("II.1")!.cooperating).toContain("Sở Khoa học và Công nghệ");
    const cells = [c("III.6", "status", "Đang triển khai"), c("II.1", "status", "Đã hoàn thành"), c("II.1", "result", "Quyết định"), c("III.20", "status", "Chưa triển khai")];
    const issues = validateCells(PROGRESS, cells, { agencies: ["Sở KH&CN"] }); // an abbreviation the registry may hold
    expect(issues.map((i) => [i.item, i.code, i.severity])).toEqual([["III.20", ISSUE_CODES.notTaskAgency, "warning"]]);
    expect(issues[0]!.message).toContain("do Công an tỉnh chủ trì");
    expect(issues[0]!.message).toContain("vẫn được ghi nhận");
    // no agency names known: nothing to compare with
    expect(validateCells(PROGRESS, cells.slice(3), {})).toEqual([]);
  });

  it("typed keys: case, spacing and separators do not matter", () => {
    expect(canonicalTaskKey("iii.12")).toBe("III.12");
    expect(canonicalTaskKey(" III 12 ")).toBe("III.12");
    expect(canonicalTaskKey("ii-6A")).toBe("II.6a");
    expect(canonicalTaskKey("V.1")).toBeNull();
    expect(canonicalTaskKey("12")).toBeNull();
    expect(findTask("iv-86")?.key).toBe("IV.86");
  });
});

describe("pl2-xa: the follow-up columns", () => {
  it("status on the ladder, spend a non-negative number of triệu đồng, result when done", () => {
    const row = (extra: Cell[]) => [c("t1", "stt", "1"), c("t1", "task", "Số hóa hồ sơ địa chính"), c("t1", "lead", "UBND xã"), ...extra];
    expect(validateCells(PL2, row([c("t1", "status", "Đang thực hiện"), c("t1", "spent", "120,5")]))).toEqual([]);
    const bad = validateCells(PL2, row([c("t1", "status", "Chậm tiến độ"), c("t1", "spent", "-5")]));
    expect(bad.map((i) => [i.field, i.code, i.severity]).sort()).toEqual([
      ["spent", ISSUE_CODES.invalidMoney, "error"],
      ["status", ISSUE_CODES.invalidStatus, "error"],
    ]);
    expect(bad.find((i) => i.field === "status")!.message).toMatch(/^Nhiệm vụ 1 – «Số hóa hồ sơ địa chính», cột «Tiến độ thực hiện»/);
    const done = validateCells(PL2, row([c("t1", "status", "Đã hoàn thành")]));
    expect(done.map((i) => [i.field, i.code])).toEqual([["outcome", ISSUE_CODES.doneWithoutResult]]);
    // the plan's own "Kết quả" (expected result) does not count as the result achieved
    const planned = validateCells(PL2, row([c("t1", "result", "Hệ thống CSDL"), c("t1", "status", "Đã hoàn thành"), c("t1", "outcome", "Đã số hóa 12.000 hồ sơ")]));
    expect(planned).toEqual([]);
    // a planned task without status yet is fine (the plan is filled before the work starts)
    expect(validateCells(PL2, row([c("t1", "budget", "200")]))).toEqual([]);
  });
});
