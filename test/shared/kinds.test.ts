// The expected value kind of every indicator (scripts/derive/kinds.ts → catalog.json / forms.json).
import { describe, expect, it } from "vitest";
import { MANUAL_KINDS, deriveKind, kindOf, rowKind } from "../../scripts/derive/kinds.js";
import { EXPECT_KINDS, TARGET_YEARS, type CatalogCell, type ExpectKind, type Indicator } from "../../shared/catalog/types.js";
import { catalog, findIndicator } from "../../shared/catalog/index.js";
import { getForm } from "../../shared/forms/index.js";
import { expectKindSchema } from "../../shared/schemas/index.js";
import { parseValue, shortNameOf } from "../../shared/values/index.js";

const ind = (k: string): Indicator => {
  const i = findIndicator(k);
  if (!i) throw new Error(`no indicator ${k}`);
  return i;
};
const cell = (printed: string): CatalogCell => {
  const r = parseValue(printed);
  if (!r.ok) throw new Error(r.message);
  return { printed, value: r.value };
};
const input = (key: string, name: string, unit: string, baseline: string, ...targets: string[]) => ({
  key,
  name,
  unit,
  baseline: cell(baseline),
  targets: targets.map(cell),
});

describe("kinds in the catalog", () => {
  it("every indicator has a kind, a source of the kind and a short name", () => {
    for (const i of catalog.indicators) {
      expect(EXPECT_KINDS, i.key).toContain(i.expect);
      expect(["derived", "manual"], i.key).toContain(i.expectBy);
      if (i.expectBy === "manual") expect(i.expectNote?.length ?? 0, i.key).toBeGreaterThan(20);
      else expect(i.expectNote, i.key).toBeUndefined();
      expect(i.shortName.length, i.key).toBeLessThanOrEqual(60);
      expect(i.name.startsWith(i.shortName.replace(/…$/, "")), i.key).toBe(true);
    }
  });

  it("the wire schema knows exactly the kinds of the type", () => {
    expect([...expectKindSchema.options].sort()).toEqual([...EXPECT_KINDS].sort());
  });

  it.each([
    ["5G", "percentShare"],
    ["BANGRONG_1GB", "percentShare"],
    ["CHI_KHCN", "percentShare"],
    ["XK_CNC", "percentShare"], // "≥ 50" without % under a % unit
    ["DNVVN_HOPTAC", "percentShare"], // unit "Tỷ lệ"
    ["TT_ANM", "yesno"],
    ["DV_TIENTIEN", "yesno"], // no values, unit "Có"
    ["IOC", "status"],
    ["CSDL_CHUYENNGANH", "status"],
    ["CB_NCKH", "count"], // "2.000" is two thousand
    ["DA_KNST", "count"], // ranges 50-60
    ["NGUOI_NC_VANDAN", "amount"], // 5,5 người / vạn dân
    ["DN_CNS_1000", "amount"],
    ["DTI", "index"],
    ["PII", "rankGroup"],
    ["NLCT_SO", "rankGroup"],
    ["ATTT_XH", "rank"],
    ["TIEMLUC_KHCN", "text"],
    ["NANGLUC_CN_DN", "text"],
  ] as [string, ExpectKind][])("%s is derived as %s", (key, kind) => {
    expect(ind(key).expect).toBe(kind);
    expect(ind(key).expectBy).toBe("derived");
  });

  it("the hand-decided rows are exactly the MANUAL_KINDS table, and the rules alone are unsure about each", () => {
    const manual = catalog.indicators.filter((i) => i.expectBy === "manual");
    expect(manual.map((i) => i.key).sort()).toEqual(Object.keys(MANUAL_KINDS).sort());
    for (const i of manual) {
      expect(i.expect, i.key).toBe(MANUAL_KINDS[i.key]!.kind);
      expect(i.expectNote, i.key).toBe(MANUAL_KINDS[i.key]!.note);
      const d = deriveKind({ key: i.key, name: i.name, unit: i.unit, baseline: i.baseline, targets: TARGET_YEARS.map((y) => i.targets[y]) });
      expect(d.sure, i.key).toBe(false);
    }
    expect(ind("HDI").expect).toBe("index");
    expect(ind("TFP").expect).toBe("percentOpen");
    expect(ind("TT_DULIEU").expect).toBe("count");
  });

  it("derived kinds are what the rules give today", () => {
    for (const i of catalog.indicators.filter((x) => x.expectBy === "derived")) {
      const d = deriveKind({ key: i.key, name: i.name, unit: i.unit, baseline: i.baseline, targets: TARGET_YEARS.map((y) => i.targets[y]) });
      expect(d, i.key).toMatchObject({ kind: i.expect, sure: true });
    }
  });
});

describe("deriveKind rules", () => {
  it.each([
    [input("A", "Tỷ lệ x", "%", "20%", "60%", "100%"), "percentShare", true],
    [input("A", "Tỷ lệ x", "%", "20%", "160%"), "percentOpen", true],
    [input("A", "Tốc độ tăng x", "%", "5%", "10%"), "percentOpen", false],
    [input("A", "Chỉ số y", "%", "-", "0.7"), "index", false],
    [input("A", "Chỉ số y", "", "0,73", "0.75", "1,0"), "index", true],
    [input("A", "Số x", "Doanh nghiệp", "31", "32", "70"), "count", true],
    [input("A", "Số x", "Người", "5,5", "07"), "amount", true],
    [input("A", "Số x", "DN/1.000 dân", "0,16", "0,2"), "amount", true],
    [input("A", "Có x", "Trung tâm", "Có", "Có"), "yesno", true],
    [input("A", "Xây dựng x", "Có", "Đang triển khai", "Có"), "status", true],
    [input("A", "Hoàn thiện x", "Trung tâm", "Đang triển khai", "03"), "status", false],
    [input("A", "Xếp hạng x", "Thứ bậc", "26", "Nhóm 20"), "rankGroup", true],
    [input("A", "Xếp hạng x", "Thứ bậc", "06", "≤ 10"), "rank", true],
    [input("A", "Tiềm lực", "Thứ bậc", "Thuộc nhóm các tỉnh, thành phố ở mức Khá"), "text", true],
    [input("A", "Các hệ thống", "-", "-", "-"), "text", false],
    [input("A", "Dịch vụ", "Có", "-", "-"), "yesno", true],
  ] as [Parameters<typeof deriveKind>[0], ExpectKind, boolean][])("%#: %o → %s (sure %s)", (i, kind, sure) => {
    expect(deriveKind(i)).toMatchObject({ kind, sure });
  });

  it("an unsure row without a hand decision stops the build; a needless hand decision too", () => {
    expect(() => kindOf(input("NEW_KEY", "Tốc độ tăng x", "%", "5%", "10%"))).toThrow(/MANUAL_KINDS/);
    expect(() => kindOf(input("HDI", "Chỉ số y", "", "0,5", "0,7"))).toThrow(/bỏ dòng thủ công/);
  });

  it("a commune row gets its own kind only when it prints another kind than the indicator", () => {
    const i5g = ind("5G");
    expect(rowKind({ name: i5g.name, unit: "%", target: cell("60%") }, i5g)).toBeUndefined();
    expect(rowKind({ name: "Số điểm phủ sóng 5G", unit: "Điểm", target: cell("12") }, i5g)).toBe("count");
    // Hand-decided indicators keep the decision while the row prints the same unit.
    expect(rowKind({ name: "x", unit: "%", target: cell("0,7") }, ind("HDI"))).toBeUndefined();
    // The commune form as derived: every row is a share like its indicator, so no row carries its own kind.
    const rows = getForm("pl1-xa")!.rows.filter((r) => r.type === "indicator");
    expect(rows).toHaveLength(21);
    for (const r of rows) if (r.type === "indicator") expect(r.expect, r.item).toBeUndefined();
  });
});

describe("shortNameOf", () => {
  it("keeps short names, cuts long ones at a word with …", () => {
    expect(shortNameOf("Tỷ lệ phủ sóng 5G trên địa bàn")).toBe("Tỷ lệ phủ sóng 5G trên địa bàn");
    const long = ind("TTHC_PHIDIAGIOI").name;
    const s = shortNameOf(long);
    expect(s.endsWith("…")).toBe(true);
    expect(s.length).toBeLessThanOrEqual(60);
    expect(long.startsWith(s.slice(0, -1))).toBe(true);
    expect(long[s.length - 1]).toMatch(/[\s,]/); // cut at a word boundary
    expect(shortNameOf("Tỷ lệ a, b, c, d, e", 12)).toBe("Tỷ lệ a, b…");
  });
});
