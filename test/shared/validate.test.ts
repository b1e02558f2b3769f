import { describe, it, expect } from "vitest";
import { validateCells, validateFormCell, isFormulaLike } from "../../shared/validate/index.js";
import type { ColumnDef, FormDef } from "../../shared/forms/types.js";
import type { Cell } from "../../shared/schemas/index.js";

const col = (id: string, header: string, role: ColumnDef["role"], kind: ColumnDef["kind"], required?: boolean): ColumnDef =>
  required ? { id, header, role, kind, width: 10, required } : { id, header, role, kind, width: 10 };

const INDICATORS: FormDef = {
  id: "pl1-tinh",
  kind: "indicators",
  audience: "department",
  title: ["PHỤ LỤC I"],
  headerRows: 1,
  header: [],
  columns: [
    col("stt", "STT", "catalog", "stt"),
    col("name", "Nội dung chỉ tiêu", "catalog", "text"),
    col("unit", "Đơn vị tính", "catalog", "text"),
    col("baseline", "Hiện trạng", "catalog", "indicatorValue"),
    col("target2025", "Năm 2025", "catalog", "indicatorValue"),
    col("target2030", "Năm 2030", "catalog", "indicatorValue"),
    col("target2035", "Năm 2035", "catalog", "indicatorValue"),
    col("target2040", "Năm 2040", "catalog", "indicatorValue"),
    col("target2045", "Năm 2045", "catalog", "indicatorValue"),
    col("agencies", "Cơ quan chủ trì", "catalog", "text"),
    col("actual", "Kết quả thực hiện", "input", "indicatorValue"),
    col("projected", "Dự kiến cả năm", "input", "indicatorValue"),
    col("note", "Ghi chú", "input", "text"),
  ],
  rows: [
    { type: "group", group: "I", label: "I", title: "PHÁT TRIỂN HẠ TẦNG" },
    { type: "indicator", item: "5G", stt: "1", indicatorKey: "5G" },
    { type: "indicator", item: "CHI_NSNN_KHCN", stt: "6", indicatorKey: "CHI_NSNN_KHCN" },
    { type: "indicator", item: "PII", stt: "42", indicatorKey: "PII" },
  ],
};

const TASKS: FormDef = {
  id: "pl2-xa",
  kind: "tasks",
  audience: "commune",
  title: ["Phụ lục 2"],
  headerRows: 1,
  header: [],
  columns: [
    col("stt", "STT", "input", "stt"),
    col("task", "Tên nhiệm vụ", "input", "text"),
    col("lead", "Đơn vị chủ trì", "input", "text"),
    col("partners", "Đơn vị phối hợp", "input", "text"),
    col("result", "Kết quả", "input", "text"),
    col("budget", "Dự kiến kinh phí (triệu đồng)", "input", "money"),
    col("due", "Thời gian hoàn thành", "input", "dueText"),
  ],
  rows: [],
};

const c = (item: string, field: string, raw: string): Cell => ({ item, field, raw });
const codes = (issues: { code: string }[]) => issues.map((i) => i.code).sort();

describe("validateCells, indicator form", () => {
  it("accepts a clean submission", () => {
    const cells = [
      c("5G", "actual", "45%"),
      c("5G", "projected", "60%"),
      c("5G", "note", "Số liệu của Viettel, VNPT"),
      c("CHI_NSNN_KHCN", "actual", "0,61%"),
      c("PII", "actual", "26"),
      c("PII", "projected", "Nhóm 20"),
    ];
    expect(validateCells(INDICATORS, cells)).toEqual([]);
  });

  it("rejects an unknown item, naming it", () => {
    const issues = validateCells(INDICATORS, [c("6G", "actual", "5%")]);
    expect(codes(issues)).toEqual(["unknown_item"]);
    expect(issues[0]?.severity).toBe("error");
    expect(issues[0]?.message).toContain("6G");
    expect(issues[0]?.message).toContain("không có trong biểu mẫu");
  });

  it("rejects an unknown field", () => {
    const issues = validateCells(INDICATORS, [c("5G", "target2050", "5%")]);
    expect(codes(issues)).toEqual(["unknown_field"]);
    expect(issues[0]?.message).toContain("target2050");
  });

  it("rejects writing a catalog column, naming row and column", () => {
    const issues = validateCells(INDICATORS, [c("5G", "target2025", "50%"), c("5G", "name", "x")]);
    expect(codes(issues)).toEqual(["read_only", "read_only"]);
    expect(issues[0]?.message).toContain("Chỉ tiêu 1 – Tỷ lệ phủ sóng 5G trên địa bàn");
    expect(issues[0]?.message).not.toContain("(5G)");
    expect(issues[0]?.message).toContain("Năm 2025");
  });

  it("rejects an unparseable value with the parser's message", () => {
    const issues = validateCells(INDICATORS, [c("5G", "actual", "12,3,4"), c("PII", "projected", ">= ")]);
    expect(codes(issues)).toEqual(["unparseable", "unparseable"]);
    expect(issues[0]?.message).toContain('"12,3,4"');
    expect(issues[0]?.message).toContain("Kết quả thực hiện");
    expect(issues[0]?.severity).toBe("error");
  });

  it("accepts blanks and dashes as no data", () => {
    expect(validateCells(INDICATORS, [c("5G", "actual", ""), c("5G", "projected", "-")])).toEqual([]);
  });

  it("rejects a duplicate item|field", () => {
    const issues = validateCells(INDICATORS, [c("5G", "actual", "45%"), c("5G", "actual", "46%")]);
    expect(codes(issues)).toEqual(["duplicate"]);
    expect(issues[0]?.severity).toBe("error");
  });

  it("a share above 100% is an error; a row without a catalog indicator keeps the generic percent warning", () => {
    // 5G is a percent share in the catalog: 120% cannot be (was a warning before indicators had kinds).
    const issues = validateCells(INDICATORS, [c("5G", "actual", "120%"), c("CHI_NSNN_KHCN", "actual", "-2%")]);
    expect(issues.map((i) => [i.item, i.code, i.severity])).toEqual([
      ["5G", "out_of_range", "error"],
      ["CHI_NSNN_KHCN", "percent_out_of_range", "warning"],
    ]);
    expect(validateCells(INDICATORS, [c("5G", "actual", "100%")])).toEqual([]);
  });

  it("warns on a large change from the previous period", () => {
    const previous = new Map([
      ["5G|actual", "40%"],
      ["PII|actual", "26"],
      ["CHI_NSNN_KHCN|actual", "0,61%"],
    ]);
    const issues = validateCells(
      INDICATORS,
      [c("5G", "actual", "4%"), c("PII", "actual", "80"), c("CHI_NSNN_KHCN", "actual", "0,7%")],
      { previous },
    );
    expect(issues.map((i) => [i.item, i.code, i.severity])).toEqual([
      ["5G", "large_change", "warning"],
      ["PII", "large_change", "warning"],
    ]);
    expect(issues[0]?.message).toContain("kỳ trước");
    // Exactly 3× is still fine.
    expect(validateCells(INDICATORS, [c("PII", "actual", "78")], { previous })).toEqual([]);
  });

  it("warns on formula-like text", () => {
    const issues = validateCells(INDICATORS, [c("5G", "note", "=HYPERLINK(\"x\")"), c("PII", "note", "@cmd")]);
    expect(codes(issues)).toEqual(["formula_like", "formula_like"]);
    expect(issues.every((i) => i.severity === "warning")).toBe(true);
    expect(validateCells(INDICATORS, [c("5G", "note", "-5 so với kỳ trước")])).toEqual([]);
  });

  it("honours required input columns on rows that have something", () => {
    const form: FormDef = {
      ...INDICATORS,
      columns: INDICATORS.columns.map((k) => (k.id === "actual" ? { ...k, required: true } : k)),
    };
    const issues = validateCells(form, [c("5G", "note", "chưa có số liệu")]);
    expect(issues.map((i) => [i.item, i.field, i.code])).toEqual([["5G", "actual", "required"]]);
    expect(validateCells(form, [c("PII", "actual", "26")])).toEqual([]);
  });
});

describe("validateCells, task form", () => {
  it("accepts task rows with money", () => {
    const cells = [
      c("t1", "task", "Tham mưu ban hành Kế hoạch chuyển đổi số năm 2025"),
      c("t1", "lead", "Phòng Văn hóa xã hội"),
      c("t1", "due", "Tháng 7/2025"),
      c("t2", "task", "Xây dựng Kế hoạch đào tạo kỹ năng số"),
      c("t2", "budget", "200"),
      c("t3", "task", "Mua sắm thiết bị"),
      c("t3", "budget", "1.200"),
      c("t4", "task", "Đào tạo"),
      c("t4", "budget", "1.200,5"),
      c("t5", "task", "Hội thảo"),
      c("t5", "budget", "50 triệu đồng"),
    ];
    expect(validateCells(TASKS, cells)).toEqual([]);
  });

  it("rejects bad money", () => {
    const bad = ["-5", "abc", "10%", "5 tỷ đồng", "100-200", "12,3,4"];
    const issues = validateCells(
      TASKS,
      bad.flatMap((raw, i) => [c(`t${i}`, "task", "Nhiệm vụ"), c(`t${i}`, "budget", raw)]),
    );
    expect(codes(issues)).toEqual(bad.map(() => "invalid_money"));
    expect(issues[0]?.message).toContain("triệu đồng");
    expect(issues[0]?.message).toContain('"-5"');
  });

  it("requires the task name when the row has other fields", () => {
    const issues = validateCells(TASKS, [c("t1", "lead", "Văn phòng"), c("t1", "budget", "200")]);
    expect(issues.map((i) => [i.item, i.field, i.code, i.severity])).toEqual([["t1", "task", "required", "error"]]);
    expect(issues[0]?.message).toContain("Tên nhiệm vụ");
    // An all-blank row is fine.
    expect(validateCells(TASKS, [c("t2", "lead", ""), c("t2", "task", " ")])).toEqual([]);
  });

  it("rejects a bad task row id", () => {
    const issues = validateCells(TASKS, [c("t 1", "task", "x"), c("../etc", "task", "y")]);
    expect(codes(issues)).toEqual(["invalid_item", "invalid_item"]);
  });

  it("rejects an unknown field on a task form", () => {
    expect(codes(validateCells(TASKS, [c("t1", "task", "x"), c("t1", "actual", "5")]))).toEqual(["unknown_field"]);
  });
});

describe("validateFormCell", () => {
  it("validates one cell as the user types", () => {
    expect(validateFormCell(INDICATORS, "5G", "actual", "60%")).toEqual([]);
    expect(codes(validateFormCell(INDICATORS, "5G", "actual", "abc%"))).toEqual(["unparseable"]);
    expect(codes(validateFormCell(INDICATORS, "5G", "target2030", "100%"))).toEqual(["read_only"]);
    expect(codes(validateFormCell(INDICATORS, "XX", "actual", "1"))).toEqual(["unknown_item"]);
    expect(codes(validateFormCell(TASKS, "t1", "budget", "-1"))).toEqual(["invalid_money"]);
    expect(validateFormCell(TASKS, "t1", "budget", "")).toEqual([]);
  });

  it("gives Vietnamese messages naming the row and the column", () => {
    const [i] = validateFormCell(INDICATORS, "CHI_NSNN_KHCN", "projected", "1..2");
    // A row without a catalog indicator is named by its STT only; the key never appears.
    expect(i?.message).toMatch(/^Chỉ tiêu 6, cột «Dự kiến cả năm»: /);
    expect(i?.message).not.toContain("CHI_NSNN_KHCN");
    expect(i?.item).toBe("CHI_NSNN_KHCN");
    expect(i?.field).toBe("projected");
    const [j] = validateFormCell(INDICATORS, "PII", "actual", "abc");
    expect(j?.message).toBe(
      'Chỉ tiêu 42 – Chỉ số đổi mới sáng tạo tỉnh Thanh Hóa (PII tỉnh Thanh Hóa), cột «Kết quả thực hiện»: "abc" không phải là thứ hạng hay nhóm xếp hạng. Cần nhập thứ hạng (số nguyên từ 1 trở lên) hoặc nhóm xếp hạng, ví dụ Nhóm 20',
    );
  });
});

describe("isFormulaLike", () => {
  it.each([
    ["=SUM(A1:A3)", true],
    ["+abc", true],
    ["-abc", true],
    ["- Tỷ lệ", true],
    ["@x", true],
    ["=1+2", true],
    ["-5", false],
    ["+5%", false],
    ["Ghi chú", false],
    ["", false],
  ])("%j → %s", (raw, expected) => {
    expect(isFormulaLike(raw)).toBe(expected);
  });
});

describe("department reporting an indicator it does not lead", () => {
  it("is accepted with a warning naming the lead agency; own and shared indicators are not flagged", async () => {
    const { getForm } = await import("../../shared/forms/index.js");
    const form = getForm("pl1-tinh")!;
    const cells = [
      { item: "5G", field: "actual", raw: "62%" }, // Sở Khoa học và Công nghệ leads
      { item: "5G", field: "projected", raw: "65%" },
      { item: "SO_SUCKHOE", field: "actual", raw: "93%" }, // Sở Y tế leads
      { item: "AI_IOT_DOTHI", field: "actual", raw: "Có" }, // "Các sở, ngành, địa phương"
    ];
    const issues = validateCells(form, cells, { unitName: "Sở Y tế" });
    const flagged = issues.filter((i) => i.code === "not_lead_agency");
    expect(flagged.map((i) => [i.item, i.severity])).toEqual([["5G", "warning"]]);
    expect(flagged[0]!.message).toContain("Sở Khoa học và Công nghệ chủ trì");
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    // Without a unit name (e.g. the admin entering on someone's behalf) nothing is flagged.
    expect(validateCells(form, cells).filter((i) => i.code === "not_lead_agency")).toEqual([]);
  });
});
