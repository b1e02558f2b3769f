import { describe, it, expect } from "vitest";
import { formatValue, parseValue, toNumber } from "../../shared/values/index.js";
import type { Comparator, NumberValue, ParsedValue, RangeValue, StatusCode } from "../../shared/values/index.js";

const num = (value: number, percent = false, unit?: string): NumberValue =>
  unit ? { kind: "number", value, percent, unit } : { kind: "number", value, percent };
const pct = (value: number): NumberValue => num(value, true);
const range = (min: number, max: number, percent = false, unit?: string): RangeValue =>
  unit ? { kind: "range", min, max, percent, unit } : { kind: "range", min, max, percent };
const cmp = (op: Comparator, bound: NumberValue | RangeValue): ParsedValue => ({ kind: "comparator", op, bound });
const group = (g: number): ParsedValue => ({ kind: "rankGroup", group: g });
const yes: ParsedValue = { kind: "yesno", value: true };
const status = (s: StatusCode): ParsedValue => ({ kind: "status", status: s });
const text = (t: string): ParsedValue => ({ kind: "text", text: t });
const dash: ParsedValue = { kind: "none", reason: "dash" };
const newNA: ParsedValue = { kind: "none", reason: "new_not_assessed" };

/**
 * Real cell strings copied from the seeds (/work/shared/seeds):
 * 001 = Phụ lục I of KH 266-KH/TU (lines 515-625), 000 = the 2025 report (Phụ lục II lines 2040-2830,
 * Phụ lục V from line 5534), 003 = the commune plan (lines 404-601).
 * [raw as printed, expected parsed value, expected canonical display]
 */
const SEED_CASES: [string, ParsedValue, string][] = [
  // 001, Phụ lục I
  ["5%", pct(5), "5%"],
  ["60%", pct(60), "60%"],
  ["100%", pct(100), "100%"],
  ["Chỉ tiêu mới, chưa đánh giá", newNA, "Chỉ tiêu mới, chưa đánh giá"],
  ["Chi tiêu mới, chưa đánh giá", newNA, "Chỉ tiêu mới, chưa đánh giá"],
  ["-", dash, "-"],
  ["50%", pct(50), "50%"],
  ["80%", pct(80), "80%"],
  ["20%", pct(20), "20%"],
  ["Có", yes, "Có"],
  ["Đang triển khai", status("dang_trien_khai"), "Đang triển khai"],
  ["03", num(3), "3"],
  ["0,61%", pct(0.61), "0,61%"],
  ["≥ 1%", cmp(">=", pct(1)), "≥ 1%"],
  ["≥ 1,5%", cmp(">=", pct(1.5)), "≥ 1,5%"],
  ["≥ 2%", cmp(">=", pct(2)), "≥ 2%"],
  ["≥ 2,5%", cmp(">=", pct(2.5)), "≥ 2,5%"],
  ["≥ 3%", cmp(">=", pct(3)), "≥ 3%"],
  ["82,7%", pct(82.7), "82,7%"],
  ["85%", pct(85), "85%"],
  ["35,7%", pct(35.7), "35,7%"],
  ["5,5", num(5.5), "5,5"],
  ["07", num(7), "7"],
  ["12", num(12), "12"],
  ["54", num(54), "54"],
  ["≥ 80%", cmp(">=", pct(80)), "≥ 80%"],
  ["90%", pct(90), "90%"],
  ["0.7", num(0.7), "0,7"],
  ["31", num(31), "31"],
  ["250", num(250), "250"],
  ["06", num(6), "6"],
  ["08", num(8), "8"],
  ["2.000", num(2000), "2.000"],
  ["2.100", num(2100), "2.100"],
  ["2.500", num(2500), "2.500"],
  ["3.000", num(3000), "3.000"],
  ["3.500", num(3500), "3.500"],
  ["52%", pct(52), "52%"],
  ["25%", pct(25), "25%"],
  ["01", num(1), "1"],
  ["1.200", num(1200), "1.200"],
  ["1.800", num(1800), "1.800"],
  ["2%", pct(2), "2%"],
  ["50-60", range(50, 60), "50-60"],
  ["50-70", range(50, 70), "50-70"],
  ["15-20", range(15, 20), "15-20"],
  ["≥ 50", cmp(">=", num(50)), "≥ 50"],
  ["≥ 40", cmp(">=", num(40)), "≥ 40"],
  [
    "Thuộc nhóm các tỉnh, thành phố ở mức Trung bình Khá",
    text("Thuộc nhóm các tỉnh, thành phố ở mức Trung bình Khá"),
    "Thuộc nhóm các tỉnh, thành phố ở mức Trung bình Khá",
  ],
  [
    "Thuộc nhóm các tỉnh, thành phố ở mức Khá",
    text("Thuộc nhóm các tỉnh, thành phố ở mức Khá"),
    "Thuộc nhóm các tỉnh, thành phố ở mức Khá",
  ],
  ["Dạt trên mức trung bình cả nước", text("Dạt trên mức trung bình cả nước"), "Dạt trên mức trung bình cả nước"],
  ["26", num(26), "26"],
  ["Nhóm 20", group(20), "Nhóm 20"],
  ["Nhóm 10", group(10), "Nhóm 10"],
  ["0,7314", num(0.7314), "0,7314"],
  ["0.75", num(0.75), "0,75"],
  ["0.85", num(0.85), "0,85"],
  ["0.92", num(0.92), "0,92"],
  ["1,0", num(1), "1"],
  ["20,7%", pct(20.7), "20,7%"],
  ["25,1%", pct(25.1), "25,1%"],
  ["22,9%", pct(22.9), "22,9%"],
  ["19,8%", pct(19.8), "19,8%"],
  ["58,4%", pct(58.4), "58,4%"],
  ["64,7%", pct(64.7), "64,7%"],
  ["59,3%", pct(59.3), "59,3%"],
  ["64,5%", pct(64.5), "64,5%"],
  ["99,5%", pct(99.5), "99,5%"],
  ["≥ 80", cmp(">=", num(80)), "≥ 80"],
  ["56,3%", pct(56.3), "56,3%"],
  ["10,7%", pct(10.7), "10,7%"],
  ["26,9%", pct(26.9), "26,9%"],
  ["40,3%", pct(40.3), "40,3%"],
  ["30,7%", pct(30.7), "30,7%"],
  ["90,4%", pct(90.4), "90,4%"],
  ["Cơ bản hoàn thành", status("co_ban_hoan_thanh"), "Cơ bản hoàn thành"],
  ["≤ 10", cmp("<=", num(10)), "≤ 10"],
  ["0,16", num(0.16), "0,16"],
  ["0,2", num(0.2), "0,2"],
  ["0,4", num(0.4), "0,4"],
  ["0,8", num(0.8), "0,8"],
  // 000, Phụ lục V (line-broken cells as extracted)
  ["Chỉ tiêu mới, \n\nchưa đánh giá", newNA, "Chỉ tiêu mới, chưa đánh giá"],
  ["Nhóm \n\n10", group(10), "Nhóm 10"],
  ["Đạt trên mức \n\ntrung bình cả \n\nnước", text("Đạt trên mức trung bình cả nước"), "Đạt trên mức trung bình cả nước"],
  ["Cơ bản hoàn \n\nthành", status("co_ban_hoan_thanh"), "Cơ bản hoàn thành"],
  // 000, Phụ lục II (2025 report)
  ["≥ 20%", cmp(">=", pct(20)), "≥ 20%"],
  ["_", dash, "-"],
  ["≥ 95%", cmp(">=", pct(95)), "≥ 95%"],
  ["≥ 450 ha", cmp(">=", num(450, false, "ha")), "≥ 450 ha"],
  ["≥ 1.000 ha", cmp(">=", num(1000, false, "ha")), "≥ 1.000 ha"],
  ["≥ 50 %", cmp(">=", pct(50)), "≥ 50%"],
  ["22,2", num(22.2), "22,2"],
  ["100 %", pct(100), "100%"],
  ["03 loại", num(3, false, "loại"), "3 loại"],
  ["≥ 80 %", cmp(">=", pct(80)), "≥ 80%"],
  ["73%", pct(73), "73%"],
  ["≥  90%", cmp(">=", pct(90)), "≥ 90%"],
  ["7 người/vạn \ndân", num(7, false, "người/vạn dân"), "7 người/vạn dân"],
  ["5,5 người/1 vạn \ndân", num(5.5, false, "người/1 vạn dân"), "5,5 người/1 vạn dân"],
  ["≥ 5 nhóm", cmp(">=", num(5, false, "nhóm")), "≥ 5 nhóm"],
  ["11 nhóm", num(11, false, "nhóm"), "11 nhóm"],
  ["≥ 60 DN", cmp(">=", num(60, false, "DN")), "≥ 60 DN"],
  ["≥ 10 DN", cmp(">=", num(10, false, "DN")), "≥ 10 DN"],
  ["Đạt", text("Đạt"), "Đạt"],
  [">  3-4 lần", cmp(">", range(3, 4, false, "lần")), "> 3-4 lần"],
  ["3,05 lần", num(3.05, false, "lần"), "3,05 lần"],
  ["≥ 2 %", cmp(">=", pct(2)), "≥ 2%"],
  ["0,47%", pct(0.47), "0,47%"],
  ["≥ 50 SP", cmp(">=", num(50, false, "SP")), "≥ 50 SP"],
  ["112", num(112), "112"],
  ["02 sản phẩm", num(2, false, "sản phẩm"), "2 sản phẩm"],
  ["08 bệnh viện", num(8, false, "bệnh viện"), "8 bệnh viện"],
  ["10 kỹ thuật", num(10, false, "kỹ thuật"), "10 kỹ thuật"],
  ["12,5%", pct(12.5), "12,5%"],
  ["86,3%", pct(86.3), "86,3%"],
  ["1.327,505 tỷ đồng", num(1327.505, false, "tỷ đồng"), "1.327,505 tỷ đồng"],
  ["Đang triển khai \nlựa chọn nhà \nthầu", text("Đang triển khai lựa chọn nhà thầu"), "Đang triển khai lựa chọn nhà thầu"],
  [
    "Chưa xem xét \nchủ trương đầu \ntư dự án.",
    text("Chưa xem xét chủ trương đầu tư dự án."),
    "Chưa xem xét chủ trương đầu tư dự án.",
  ],
  ["9.398", num(9398), "9.398"],
  ["50,14%", pct(50.14), "50,14%"],
  ["95,8%", pct(95.8), "95,8%"],
  // 003, the commune plan (Phụ lục 1 and 2)
  ["Kế hoạch được \n\nUBND phê duyệt", text("Kế hoạch được UBND phê duyệt"), "Kế hoạch được UBND phê duyệt"],
  ["200", num(200), "200"],
  ["Tháng 7/2025", text("Tháng 7/2025"), "Tháng 7/2025"],
];

/** Forms not printed in the seeds but named in the brief or plausible from staff. */
const OTHER_CASES: [string, ParsedValue, string][] = [
  ["60 %", pct(60), "60%"],
  [">= 1,5%", cmp(">=", pct(1.5)), "≥ 1,5%"],
  ["=> 1,5%", cmp(">=", pct(1.5)), "≥ 1,5%"],
  ["<=10", cmp("<=", num(10)), "≤ 10"],
  ["< 5", cmp("<", num(5)), "< 5"],
  ["50 – 60", range(50, 60), "50-60"],
  ["50 — 60", range(50, 60), "50-60"],
  ["50 đến 60", range(50, 60), "50-60"],
  ["15-20%", range(15, 20, true), "15-20%"],
  ["15%-20%", range(15, 20, true), "15-20%"],
  ["Top 10", group(10), "Nhóm 10"],
  ["nhóm 5", group(5), "Nhóm 5"],
  ["Trên 80%", cmp(">", pct(80)), "> 80%"],
  ["Tối thiểu 70%", cmp(">=", pct(70)), "≥ 70%"],
  ["Không quá 10", cmp("<=", num(10)), "≤ 10"],
  ["Dưới 5%", cmp("<", pct(5)), "< 5%"],
  ["có", yes, "Có"],
  ["  CÓ  ", yes, "Có"],
  ["Không", { kind: "yesno", value: false }, "Không"],
  ["KHÔNG", { kind: "yesno", value: false }, "Không"],
  ["Hoàn thành", status("hoan_thanh"), "Hoàn thành"],
  ["Đã hoàn thành", status("hoan_thanh"), "Hoàn thành"],
  ["Chưa triển khai", status("chua_trien_khai"), "Chưa triển khai"],
  ["dang trien khai", status("dang_trien_khai"), "Đang triển khai"],
  ["–", dash, "-"],
  ["", { kind: "none", reason: "blank" }, ""],
  ["   ", { kind: "none", reason: "blank" }, ""],
  ["\u00A0", { kind: "none", reason: "blank" }, ""],
  ["60\u00A0%", pct(60), "60%"],
  ["１２,５％", pct(12.5), "12,5%"],
  ["1.200,5", num(1200.5), "1.200,5"],
  ["1200,5", num(1200.5), "1.200,5"],
  ["1.327.505", num(1327505), "1.327.505"],
  ["5 tỷ đồng", num(5, false, "tỷ đồng"), "5 tỷ đồng"],
  ["13ha", num(13, false, "ha"), "13 ha"],
  ["-2,5%", pct(-2.5), "-2,5%"],
  ["0,0000001", num(0.0000001), "0,0000001"],
  ["Trên địa bàn tỉnh", text("Trên địa bàn tỉnh"), "Trên địa bàn tỉnh"],
  ["100% cơ quan đã triển khai", text("100% cơ quan đã triển khai"), "100% cơ quan đã triển khai"],
  ["Cafe\u0301", text("Café"), "Café"],
];

describe("parseValue on real seed strings", () => {
  it("has at least 60 distinct seed strings", () => {
    expect(new Set(SEED_CASES.map(([raw]) => raw)).size).toBeGreaterThanOrEqual(60);
  });

  for (const [raw, expected, display] of [...SEED_CASES, ...OTHER_CASES]) {
    it(`${JSON.stringify(raw)} → ${JSON.stringify(display)}`, () => {
      const r = parseValue(raw);
      expect(r).toEqual({ ok: true, value: expected });
      if (!r.ok) return;
      expect(formatValue(r.value)).toBe(display);
      // Round trip: parse(format(parse(s))) deep-equals parse(s).
      expect(parseValue(formatValue(r.value))).toEqual(r);
    });
  }
});

describe("thousand dot vs decimal point", () => {
  it.each([
    ["2.000", 2000],
    ["1.000", 1000],
    ["12.345", 12345],
    ["0.750", 0.75],
    ["0.75", 0.75],
    ["1.5", 1.5],
    ["12.34", 12.34],
    ["1.2345", 1.2345],
    ["1,234", 1.234],
  ])("%s = %d", (raw, value) => {
    expect(parseValue(raw)).toEqual({ ok: true, value: num(value) });
  });
});

const FAILURES = [
  "12,3,4",
  "abc%",
  "1..2",
  ">= ",
  "≥",
  "50-",
  "12#",
  "12 3",
  "60%abc",
  "60% 5",
  "1.23.4",
  "12,",
  ",5",
  "60-50",
  "≥ abc",
  "- 5",
  "=SUM(A1)",
  "Nhóm 0",
  "1234567890123456",
  "12,5.3",
  "1e5",
  "1E+05",
  "2,5E-3",
];

describe("parseValue rejects broken numbers", () => {
  it.each(FAILURES)("%j", (raw) => {
    const r = parseValue(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain(`"${raw.trim()}"`);
    expect(r.message).toMatch(/Ví dụ hợp lệ|ví dụ/);
    // Vietnamese: contains Vietnamese diacritics.
    expect(r.message).toMatch(/[ảạấầẩậắằặẻẹếềểệỉịọốồổộớờởợủụứừửựỳỷđơư]/);
  });

  it("quotes the input and gives examples for 12,3,4", () => {
    const r = parseValue("12,3,4");
    expect(r).toEqual({ ok: false, message: expect.stringContaining("không phải là số hợp lệ") });
    expect(!r.ok && r.message).toContain("12,5 hoặc 60% hoặc ≥ 1,5%");
  });

  it("explains a comparator without a number", () => {
    const r = parseValue(">= ");
    expect(!r.ok && r.message).toContain("thiếu số sau dấu so sánh");
  });

  it("asks for the full number instead of Excel's exponent display", () => {
    const r = parseValue("1E+05");
    expect(!r.ok && r.message).toContain("100.000");
  });

  it("explains a half-open range", () => {
    const r = parseValue("50-");
    expect(!r.ok && r.message).toContain("chưa đủ hai đầu");
  });
});

describe("never throws", () => {
  const all = [...SEED_CASES, ...OTHER_CASES].map(([raw]) => raw).concat(FAILURES);
  const extras = ["%", "≥≥ 5", "--5", "+", "@", "1e5", "NaN", "Infinity", "٣", "5%%", "((5))", "Nhóm", "\u0000", "😀 5"];
  it("on every known string, its mutations and junk", () => {
    const inputs = new Set<string>();
    for (const s of [...all, ...extras]) {
      inputs.add(s);
      inputs.add(` ${s} `);
      inputs.add(s.toUpperCase());
      inputs.add(s.replace(/,/g, "."));
      inputs.add(s.replace(/ /g, ""));
      inputs.add(`${s}%`);
      inputs.add(`≥ ${s}`);
      inputs.add(s.slice(0, Math.ceil(s.length / 2)));
    }
    for (const s of inputs) {
      const r = parseValue(s);
      expect(typeof r.ok).toBe("boolean");
      if (r.ok) expect(parseValue(formatValue(r.value))).toEqual(r);
      else expect(r.message.length).toBeGreaterThan(0);
    }
    expect(() => parseValue(undefined as unknown as string)).not.toThrow();
    expect(() => parseValue(null as unknown as string)).not.toThrow();
  });
});

describe("toNumber", () => {
  const n = (raw: string) => {
    const r = parseValue(raw);
    if (!r.ok) throw new Error(r.message);
    return toNumber(r.value);
  };
  it("percent → fraction", () => {
    expect(n("60%")).toBe(0.6);
    expect(n("0,61%")).toBe(0.0061);
  });
  it("plain numbers", () => {
    expect(n("2.000")).toBe(2000);
    expect(n("0,7314")).toBe(0.7314);
  });
  it("comparators → bound (range: min for ≥/>, max for ≤/<)", () => {
    expect(n("≥ 1,5%")).toBe(0.015);
    expect(n("≤ 10")).toBe(10);
    expect(n("> 3-4 lần")).toBe(3);
    expect(n("≤ 5-10")).toBe(10);
  });
  it("ranges → midpoint", () => {
    expect(n("50-60")).toBe(55);
    expect(n("15-20%")).toBe(0.175);
  });
  it("rank group → group; non-numeric → null", () => {
    expect(n("Nhóm 10")).toBe(10);
    expect(n("Có")).toBeNull();
    expect(n("Đang triển khai")).toBeNull();
    expect(n("-")).toBeNull();
    expect(n("Thuộc nhóm các tỉnh, thành phố ở mức Khá")).toBeNull();
  });
});
