import { describe, expect, it } from "vitest";
import { deriveCatalog } from "../../scripts/derive/catalog.js";
import { resolveSeedsDir, seedsAvailable } from "../../scripts/derive/common.js";
import { GROUP_NAMES, TARGET_YEARS, catalog, findIndicator, indicatorsByAgency, suggestKeys } from "../../shared/catalog/index.js";
import type { CatalogCell } from "../../shared/catalog/types.js";
import { parseValue } from "../../shared/values/index.js";

const seedsDir = resolveSeedsDir();
const ind = (k: string) => {
  const i = findIndicator(k);
  if (!i) throw new Error(`no indicator ${k}`);
  return i;
};
const cells = (i: ReturnType<typeof ind>): [string, CatalogCell][] => [
  ["baseline", i.baseline],
  ...TARGET_YEARS.map((y) => [String(y), i.targets[y]] as [string, CatalogCell]),
];

describe("catalog invariants", () => {
  it("holds 79 indicators with STT 1..79 in order", () => {
    expect(catalog.indicators).toHaveLength(79);
    expect(catalog.indicators.map((i) => i.stt)).toEqual(Array.from({ length: 79 }, (_, k) => k + 1));
  });

  it("keys are ASCII [A-Z0-9_] and unique case-insensitively", () => {
    const keys = catalog.indicators.map((i) => i.key);
    for (const k of keys) expect(k).toMatch(/^[A-Z0-9_]+$/);
    expect(new Set(keys.map((k) => k.toUpperCase())).size).toBe(keys.length);
  });

  it("every group has its declared count", () => {
    expect(catalog.groups.map((g) => [g.code, g.declaredCount])).toEqual([
      ["I", 5], ["II", 9], ["III", 12], ["IV", 16], ["V", 37],
    ]);
    for (const g of catalog.groups) {
      expect(catalog.indicators.filter((i) => i.group === g.code), g.code).toHaveLength(g.declaredCount);
    }
    expect(GROUP_NAMES.V).toBe("PHÁT TRIỂN CHUYỂN ĐỔI SỐ");
  });

  it("rows from Phụ lục I + missing rows reconcile to 79, as the reconciliation says", () => {
    const fromPlan = catalog.indicators.filter((i) => !i.reconstructed).length;
    expect(fromPlan + catalog.missing.length).toBe(79);
    for (const m of catalog.missing) {
      expect(m.reason.trim()).not.toBe("");
      if (m.stt !== null) expect(findIndicator(m.stt)?.reconstructed).toBe(true);
    }
    const text = catalog.reconciliation.join("\n");
    expect(text).toContain(`${fromPlan} dòng có trong Phụ lục I + ${catalog.missing.length} dòng thiếu`);
    expect(text).toContain("= 79 chỉ tiêu");
  });

  it("every doubt has a field and a non-empty Vietnamese reason", () => {
    for (const i of catalog.indicators) {
      for (const d of i.doubts) {
        expect(d.field, i.key).toMatch(/^(name|unit|baseline|2025|2030|2035|2040|2045|agencies|stt|row)$/);
        expect(d.reason.trim().length, i.key).toBeGreaterThan(10);
      }
    }
  });

  it("every indicator has 5 target cells, and every printed cell parses", () => {
    for (const i of catalog.indicators) {
      expect(Object.keys(i.targets).map(Number).sort(), i.key).toEqual([...TARGET_YEARS]);
      for (const [field, c] of cells(i)) {
        const r = parseValue(c.printed);
        expect(r.ok, `${i.key} ${field} "${c.printed}"`).toBe(true);
        if (r.ok) expect(c.value, `${i.key} ${field}`).toEqual(r.value);
        if (c.printed.trim() !== "") expect(c.value.kind === "none" && c.value.reason === "blank", i.key).toBe(false);
      }
    }
  });

  it("a blank target cell is always explained by a doubt", () => {
    for (const i of catalog.indicators) {
      for (const y of TARGET_YEARS) {
        if (i.targets[y].printed === "") expect(i.doubts.some((d) => d.field === String(y)), `${i.key} ${y}`).toBe(true);
      }
    }
  });

  it("crossCheck entries point to indicators and have both texts", () => {
    for (const c of catalog.crossCheck) {
      expect(findIndicator(c.key), c.key).toBeDefined();
      expect(c.note.trim()).not.toBe("");
    }
  });

  it("names carry no footnote markers or known OCR errors", () => {
    for (const i of catalog.indicators) {
      expect(i.name, i.key).not.toMatch(/\((\*|'|\^c|•|)\)\s*$/);
      expect(i.name, i.key).not.toMatch(/Chi tiêu|Chi số|cấp tinh|nghiên thu|Úng dụng|VNedID|Sở sức khỏe|chỉnh quyền|tổp/);
      expect(i.unit, i.key).not.toMatch(/dân dầu|cá nước/);
    }
  });
});

describe("catalog spot checks (read from the seeds)", () => {
  it("5G", () => {
    const i = ind("5g");
    expect(i.stt).toBe(1);
    expect(i.baseline.printed).toBe("5%");
    expect(i.targets[2025].printed).toBe("60%");
    expect(i.targets[2030].printed).toBe("100%");
    expect(i.targets[2030].value).toMatchObject({ kind: "number", value: 100, percent: true });
    expect(i.direction).toBe("higher");
    // a 4-cell row: the year lost is unknown, 2045 left blank with a doubt
    expect(i.targets[2045].printed).toBe("");
    expect(i.doubts.some((d) => d.field === "2045" && d.reason.includes("4 ô"))).toBe(true);
  });

  it("PII is a rank, 2025 'Nhóm 20'", () => {
    const i = ind("PII");
    expect(i.stt).toBe(42);
    expect(i.group).toBe("IV");
    expect(i.targets[2025].printed).toBe("Nhóm 20");
    expect(i.targets[2025].value).toEqual({ kind: "rankGroup", group: 20 });
    expect(i.direction).toBe("lower");
    expect(i.name).toBe("Chỉ số đổi mới sáng tạo tỉnh Thanh Hóa (PII tỉnh Thanh Hóa)");
  });

  it("CHI_KHCN has five comparator targets", () => {
    const i = ind("CHI_KHCN");
    expect(i.baseline.printed).toBe("0,61%");
    expect(TARGET_YEARS.map((y) => i.targets[y].printed)).toEqual(["≥ 1%", "≥ 1,5%", "≥ 2%", "≥ 2,5%", "≥ 3%"]);
    expect(i.agencies).toEqual(["Sở Tài chính"]);
  });

  it("6G is new, not assessed", () => {
    const i = ind("6G");
    expect(i.newNotAssessed).toBe(true);
    expect(i.baseline.value).toEqual({ kind: "none", reason: "new_not_assessed" });
  });

  it("group II rebuilt from Phụ lục V, with doubts", () => {
    const tinh = ind("CBCC_TINH_KNS");
    expect(tinh.stt).toBe(8);
    expect(tinh.reconstructed).toBe(true);
    expect(tinh.sttPrinted).toBe("");
    expect(tinh.baseline.printed).toBe("35,7%");
    const lamchu = ind("CBCCVC_KNS");
    expect(lamchu.stt).toBe(9);
    expect(lamchu.sttPrinted).toBe("8");
    expect(lamchu.targets[2025].printed).toBe("80%");
    expect(lamchu.doubts.some((d) => d.field === "2025")).toBe(true);
    expect(ind("DS_TIEPCAN_DVS").targets[2030].printed).toBe("90%");
    expect(ind("HDI").stt).toBe(14);
    expect(ind("HDI").sttPrinted).toBe("");
    expect(ind("HDI").doubts.some((d) => d.field === "stt")).toBe(true);
  });

  it("row 26 is in group III although printed under the group IV heading", () => {
    const i = ind("26");
    expect(i.key).toBe("CONGBO_QT");
    expect(i.group).toBe("III");
    expect(i.doubts.some((d) => d.field === "row")).toBe(true);
  });

  it("row 79's agency came from the next line", () => {
    const i = ind("DN_CNS_1000");
    expect(i.agencies).toEqual(["Sở Khoa học và Công nghệ"]);
    expect(i.targets[2045].printed).toBe("1,0");
    expect(i.doubts.some((d) => d.field === "agencies")).toBe(true);
  });

  it("OCR fixes are applied and recorded", () => {
    expect(ind("VNEID").name).toContain("(VNeID)");
    expect(ind("VNEID").ocrFixes).toContainEqual({ from: "VNedID", to: "VNeID" });
    expect(ind("SO_SUCKHOE").name).toContain("Sổ sức khỏe");
    expect(ind("ATTT_XH").direction).toBe("lower");
    expect(ind("NLCT_SO").unit).toContain("dẫn đầu cả nước");
  });
});

describe("lookup helpers", () => {
  it("findIndicator by key (any case, spaces) or STT", () => {
    expect(findIndicator(" vneid ")?.stt).toBe(62);
    expect(findIndicator(42)?.key).toBe("PII");
    expect(findIndicator("42")?.key).toBe("PII");
    expect(findIndicator("NOPE")).toBeUndefined();
    expect(findIndicator(0)).toBeUndefined();
  });

  it("suggestKeys proposes near keys", () => {
    expect(suggestKeys("VNEDID")).toContain("VNEID");
    expect(suggestKeys("5g", 1)).toEqual(["5G"]);
    expect(suggestKeys("CLOUDD", 2)[0]).toBe("CLOUD");
    expect(suggestKeys("x", 5)).toHaveLength(5);
  });

  it("indicatorsByAgency", () => {
    const ca = indicatorsByAgency("công an tỉnh").map((i) => i.key);
    expect(ca).toContain("TT_ANM");
    expect(ca).toContain("VNEID");
    expect(indicatorsByAgency("Sở Tài chính").map((i) => i.key)).toEqual(["CHI_KHCN"]);
  });
});

describe("catalog.json is fresh", () => {
  it(`equals what the derivation produces now (seeds: ${seedsDir})`, () => {
    // the vendored excerpts (data/seeds) are in every clone; a missing seed fails here, it is never skipped
    expect(seedsAvailable(seedsDir)).toBe(true);
    expect(deriveCatalog(seedsDir)).toEqual(catalog);
  });
});

describe("the catalog against the wire schema", () => {
  it("parses with catalogSchema (what GET /api/catalog promises and the add-in checks)", async () => {
    const { catalogSchema } = await import("../../shared/schemas/index.js");
    const r = catalogSchema.safeParse(catalog);
    expect(r.success ? [] : r.error.issues.slice(0, 3)).toEqual([]);
    const broken = structuredClone(catalog) as unknown as { indicators: { targets: Record<string, unknown> }[] };
    delete broken.indicators[0]!.targets["2030"];
    expect(catalogSchema.safeParse(broken).success).toBe(false);
  });
});
