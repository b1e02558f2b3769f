// One table of value × indicator cases (value-cases.ts) through every reader: the pane's and worker's check
// (validateFormCell), the shared reading (readCell), the assessment (judge) and CT.ASSESS (addin/functions/core.ts).
// They must all agree with the table and with each other.
import { describe, expect, it } from "vitest";
import { CtError, ctAssess } from "../../addin/functions/core.js";
import { CATEGORY_LABELS, judge } from "../../shared/assess/index.js";
import { catalog, findIndicator } from "../../shared/catalog/index.js";
import type { TargetYear } from "../../shared/catalog/types.js";
import { getForm } from "../../shared/forms/index.js";
import type { FormDef } from "../../shared/forms/types.js";
import { ISSUE_CODES, rowExpectation, validateCells, validateFormCell } from "../../shared/validate/index.js";
import { readCell, readingText } from "../../shared/values/index.js";
import { VALUE_CASES, type ValueCase } from "./value-cases.js";

const form = (id: string): FormDef => {
  const f = getForm(id);
  if (!f) throw new Error(`no form ${id}`);
  return f;
};
const codesOf = (issues: { severity: string; code: string }[], severity: "error" | "warning") =>
  issues.filter((i) => i.severity === severity).map((i) => i.code).sort();

function targetOf(c: ValueCase) {
  const f = form(c.form);
  const row = f.rows.find((r) => r.type === "indicator" && r.item === c.item);
  if (!row || row.type !== "indicator") throw new Error(`no row ${c.item} in ${c.form}`);
  const ind = findIndicator(row.indicatorKey)!;
  const own = row.values?.[`target${c.year}`];
  return { ind, target: own ? own.value : ind.targets[c.year as TargetYear].value };
}

const label = (c: ValueCase) => `${c.form} ${c.item} ${c.field} ${JSON.stringify(c.raw)} (${c.year})`;

describe("the case table", () => {
  it("has at least 150 cases on real indicators, covering every expected kind and every new code", () => {
    expect(VALUE_CASES.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(VALUE_CASES.map((c) => findIndicator(c.item)!.expect));
    expect([...kinds].sort()).toEqual(["amount", "count", "index", "percentOpen", "percentShare", "rank", "rankGroup", "status", "text", "yesno"]);
    const codes = new Set(VALUE_CASES.flatMap((c) => [...c.expect.errors, ...c.expect.warnings]));
    for (const code of ["wrong_kind", "out_of_range", "fraction_as_percent", "approximate", "implausible", "unparseable", "unit_mismatch"]) {
      expect(codes.has(code), code).toBe(true);
    }
    const categories = new Set(VALUE_CASES.map((c) => c.expect.category).filter(Boolean));
    expect(categories.size).toBe(6);
    for (const c of VALUE_CASES) expect((c.expect.errors.length > 0) === (c.expect.reading === undefined), label(c)).toBe(true);
  });
});

describe.each(VALUE_CASES.map((c) => [label(c), c] as const))("%s", (_name, c) => {
  const period = `${c.year}-N`;
  const f = form(c.form);

  it("validateFormCell gives the expected errors and warnings, in Vietnamese, naming the row without its key", () => {
    const issues = validateFormCell(f, c.item, c.field, c.raw, { period });
    expect(codesOf(issues, "error")).toEqual(c.expect.errors);
    expect(codesOf(issues, "warning")).toEqual(c.expect.warnings);
    for (const i of issues) {
      expect(i.message).toMatch(/^Chỉ tiêu \d+ – .+, cột «.+»: /);
      if (c.item.includes("_")) expect(i.message).not.toContain(c.item);
    }
  });

  it("the shared reading gives the same issues and the expected value", () => {
    const r = readCell(rowExpectation(f, c.item, { period })!, c.raw);
    expect(codesOf(r.issues, "error")).toEqual(c.expect.errors);
    expect(codesOf(r.issues, "warning")).toEqual(c.expect.warnings);
    if (c.expect.reading === undefined) expect(r.value).toBeNull();
    else expect(readingText(r)).toBe(c.expect.reading);
  });

  if (c.expect.category !== undefined) {
    it(`judge (annual report) → ${c.expect.category}`, () => {
      const { ind, target } = targetOf(c);
      const value = readCell(rowExpectation(f, c.item, { period })!, c.raw).value;
      const j = judge({
        target,
        actual: c.field === "actual" ? value : null,
        projected: c.field === "projected" ? value : null,
        interim: false,
        newIndicator: ind.newNotAssessed,
        direction: ind.direction,
        expect: ind.expect,
      });
      expect(j.category).toBe(c.expect.category);
    });
  }

  if (c.field === "actual") {
    it("CT.ASSESS agrees: the same verdict, or #VALUE! with the same message", () => {
      if (c.expect.errors.length > 0) {
        let thrown: unknown;
        try {
          ctAssess(catalog, c.item, c.year, c.raw);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(CtError);
        expect((thrown as CtError).code).toBe("#VALUE!");
        const first = validateFormCell(f, c.item, c.field, c.raw, { period }).find((i) => i.severity === "error")!;
        const detail = first.message.slice(first.message.indexOf("»: ") + 3);
        expect((thrown as CtError).message.endsWith(detail)).toBe(true);
      } else {
        expect(ctAssess(catalog, c.item, c.year, c.raw)).toBe(CATEGORY_LABELS[c.expect.category!]);
      }
    });
  }
});

describe("messages of the clerk examples (pl1-xa)", () => {
  const xa = () => form("pl1-xa");
  const msg = (item: string, raw: string) => validateFormCell(xa(), item, "actual", raw, { period: "2025-N" })[0]?.message;

  it("say which row, which column, what was typed and what is expected with the indicator's own example", () => {
    expect(msg("5G", "abc")).toBe(
      'Chỉ tiêu 1 – Tỉ lệ phủ sóng 5G trên địa bàn, cột «Thực hiện kỳ báo cáo»: "abc" không phải là một tỷ lệ. Cần nhập tỷ lệ từ 0 đến 100%, ví dụ 60%',
    );
    expect(msg("TTHC_SOHOA", "abc")).toBe(
      'Chỉ tiêu 10 – Tỉ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số…, cột «Thực hiện kỳ báo cáo»: "abc" không phải là một tỷ lệ. Cần nhập tỷ lệ từ 0 đến 100%, ví dụ 70%',
    );
    expect(msg("5G", "Có")).toContain('"Có" không phải là một tỷ lệ');
    expect(msg("5G", "150%")).toContain('"150%" lớn hơn 100%');
    expect(msg("5G", "2.000")).toContain('"2.000" được đọc là 2.000% (dấu chấm là dấu ngăn cách hàng nghìn');
    expect(msg("5G", "0,85")).toContain("có phải 85%?");
    expect(msg("5G", "khoảng 80%")).toContain("số ước tính; hệ thống lấy 80%");
    expect(msg("BANGRONG_1GB", "1,5")).toContain("nhỏ hơn 1/10 cả hiện trạng (20%) và mục tiêu (60%)");
  });

  it("a count asks for a whole number with the indicator's unit and target", () => {
    const m = validateFormCell(form("pl1-tinh"), "CB_NCKH", "actual", "1,5", { period: "2025-N" })[0]!.message;
    expect(m).toBe(
      'Chỉ tiêu 18 – Số lượng cán bộ nghiên cứu khoa học và công nghệ toàn tỉnh, cột «Thực hiện kỳ báo cáo»: "1,5" không phải là số nguyên: số lượng phải là số nguyên. Cần nhập số nguyên không âm (đơn vị: Cán bộ), ví dụ 2.100',
    );
    const yes = validateFormCell(form("pl1-tinh"), "TT_ANM", "actual", "1.234")[0]!.message;
    expect(yes).toContain('"1.234" không phải là Có hoặc Không. Cần nhập Có hoặc Không, ví dụ Có');
  });
});

describe("validation context", () => {
  const tinh = () => form("pl1-tinh");

  it("agencies (from the unit registry) decide not_lead_agency; the legacy unitName still works", () => {
    const cells = [
      { item: "5G", field: "actual", raw: "62%" }, // Sở Khoa học và Công nghệ
      { item: "SO_SUCKHOE", field: "actual", raw: "93%" }, // Sở Y tế
    ];
    const flagged = (ctx: Parameters<typeof validateCells>[2]) =>
      validateCells(tinh(), cells, ctx).filter((i) => i.code === ISSUE_CODES.notLeadAgency).map((i) => i.item);
    expect(flagged({ agencies: ["Sở Y tế"] })).toEqual(["5G"]);
    expect(flagged({ agencies: ["Sở Y tế", "Sở Khoa học và Công nghệ"] })).toEqual([]);
    expect(flagged({ agencies: ["Sở Y tế"], unitName: "Sở Khoa học và Công nghệ" })).toEqual(["5G"]); // agencies win
    expect(flagged({ unitName: "Sở Khoa học và Công nghệ" })).toEqual(["SO_SUCKHOE"]);
    expect(flagged({ agencies: [] })).toEqual([]);
    const m = validateCells(tinh(), cells, { agencies: ["Sở Y tế"] }).find((i) => i.code === "not_lead_agency")!.message;
    expect(m).toMatch(/^Chỉ tiêu 1 – Tỷ lệ phủ sóng 5G trên địa bàn, cột «Thực hiện kỳ báo cáo»: chỉ tiêu này do Sở Khoa học và Công nghệ chủ trì/);
  });

  it("the period picks the target in force for plausibility", () => {
    // CB_NCKH: baseline 2.000, 2025 target 2.100, 2040 target 3.000: 250 is below 1/10 of both only with 2040's.
    const at = (period: string) => validateFormCell(tinh(), "CB_NCKH", "actual", "250", { period }).map((i) => i.code);
    expect(at("2025-N")).toEqual([]);
    expect(at("2040-N")).toEqual([]);
    expect(validateFormCell(tinh(), "CB_NCKH", "actual", "199", { period: "2025-N" }).map((i) => i.code)).toEqual(["implausible"]);
  });

  it("a commune's count above the province's value is flagged", () => {
    // The commune form has only shares today; a commune form with a count row shows the rule.
    const xa = form("pl1-xa");
    const withCount: FormDef = {
      ...xa,
      rows: [...xa.rows, { type: "indicator", item: "DN_KHCN", stt: "22", indicatorKey: "DN_KHCN", name: "Số doanh nghiệp khoa học và công nghệ", unit: "Doanh nghiệp" }],
    };
    const provinceValues = new Map([["DN_KHCN", "32"]]);
    const codes = (raw: string, ctx = { provinceValues }) => validateFormCell(withCount, "DN_KHCN", "actual", raw, ctx).map((i) => i.code);
    expect(codes("40")).toEqual(["above_province"]);
    expect(codes("32")).toEqual([]);
    expect(codes("5")).toEqual([]);
    expect(codes("40", { provinceValues: new Map() })).toEqual([]);
    const m = validateFormCell(withCount, "DN_KHCN", "actual", "40", { provinceValues })[0]!.message;
    expect(m).toContain("lớn hơn số liệu toàn tỉnh (32)");
    // Shares are not counted against the province.
    expect(validateFormCell(xa, "5G", "actual", "90%", { provinceValues: new Map([["5G", "60%"]]) })).toEqual([]);
  });

  it("names task rows by STT and name, else by position, never by their id", () => {
    const tasks = form("pl2-xa");
    const cells = [
      { item: "t1-abc123", field: "stt", raw: "1" },
      { item: "t1-abc123", field: "task", raw: "Số hóa hồ sơ địa chính" },
      { item: "t1-abc123", field: "lead", raw: "UBND xã" },
      { item: "t1-abc123", field: "budget", raw: "-5" },
      { item: "t2-def456", field: "lead", raw: "UBND xã" },
      { item: "t3-zzz999", field: "task", raw: "Wifi công cộng" },
      { item: "t3-zzz999", field: "lead", raw: "Văn phòng" },
      { item: "t3-zzz999", field: "budget", raw: "nhiều" },
    ];
    const issues = validateCells(tasks, cells);
    expect(issues.map((i) => [i.item, i.code])).toEqual([
      ["t1-abc123", "invalid_money"],
      ["t3-zzz999", "invalid_money"],
      ["t2-def456", "required"],
    ]);
    expect(issues[0]!.message).toMatch(/^Nhiệm vụ 1 – «Số hóa hồ sơ địa chính», cột «Dự kiến kinh phí \(triệu đồng\)»: /);
    expect(issues[1]!.message).toMatch(/^Nhiệm vụ «Wifi công cộng» \(dòng thứ 3 của bảng nhiệm vụ\), /);
    expect(issues[2]!.message).toMatch(/^Dòng thứ 2 của bảng nhiệm vụ, cột «Tên nhiệm vụ»: /);
    for (const i of issues) expect(i.message).not.toMatch(/t\d-[a-z0-9]{6}/);
    // One cell alone: no sheet to name the row from.
    expect(validateFormCell(tasks, "t9-aaaaaa", "budget", "-1")[0]!.message).toMatch(/^Một dòng nhiệm vụ, /);
    const bad = validateCells(tasks, [{ item: "t 1", field: "task", raw: "x" }])[0]!;
    expect(bad.code).toBe("invalid_item");
    expect(bad.message).not.toContain("t 1");
  });

  it("unknown rows are named by their STT and name when the catalog knows them, never by the key", () => {
    const xa = form("pl1-xa");
    const [i] = validateFormCell(xa, "TT_ANM", "actual", "Có");
    expect(i!.code).toBe("unknown_item");
    expect(i!.message).toBe(
      "Chỉ tiêu «Có Trung tâm an ninh mạng cấp tỉnh (hoặc thuê dịch vụ giám…» (số 4 trong Phụ lục I của tỉnh) không có trong biểu mẫu Phụ lục 1; hãy mở lại biểu mẫu từ ngăn Chỉ tiêu",
    );
    const [j] = validateFormCell(xa, "KHONG_CO", "actual", "1");
    expect(j!.message).toBe("Một dòng chỉ tiêu không xác định không có trong biểu mẫu Phụ lục 1; hãy mở lại biểu mẫu từ ngăn Chỉ tiêu");
  });

  it("a large change from the previous period uses the reading (0,4 last time was 40%)", () => {
    const previous = new Map([["5G|actual", "0,4"]]);
    expect(validateFormCell(form("pl1-xa"), "5G", "actual", "45%", { previous })).toEqual([]);
    expect(validateFormCell(form("pl1-xa"), "5G", "actual", "10%", { previous }).map((i) => i.code)).toEqual(["large_change"]);
  });
});
