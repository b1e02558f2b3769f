import { describe, expect, it } from "vitest";
import { REPORT_FILE, readLines, resolveSeedsDir, seedsAvailable } from "../../scripts/derive/common.js";
import { deriveTasks, normalizeAgency, splitAgencies } from "../../scripts/derive/tasks.js";
import {
  findTask,
  findTaskAgency,
  parseDeadline,
  summarizeTasks,
  taskAgencies,
  taskCatalog,
  tasks,
  tasksByAgency,
  tasksCooperatedBy,
  tasksLedBy,
  tasksOfAppendix,
  taskUnitNames,
} from "../../shared/tasks/index.js";
import type { Task } from "../../shared/tasks/index.js";

const seedsDir = resolveSeedsDir();
const task = (k: string): Task => {
  const t = findTask(k);
  if (!t) throw new Error(`no task ${k}`);
  return t;
};
const doubtsOf = (k: string, field?: string) => task(k).doubts.filter((d) => !field || d.field === field);

describe("task catalog: counts per appendix, reconciled with what the tables print", () => {
  it("Phụ lục II: 24 numbered rows + 1 unnumbered (II.6a) = 25", () => {
    const ii = tasksOfAppendix("II");
    expect(ii).toHaveLength(25);
    expect(ii.filter((t) => t.stt)).toHaveLength(24);
    expect(ii.filter((t) => !t.stt).map((t) => t.key)).toEqual(["II.6a"]);
    expect(ii.map((t) => t.section)).toEqual(ii.map(() => null));
  });

  it("Phụ lục III: 116 numbered rows in 10 sections (I–X)", () => {
    const iii = tasksOfAppendix("III");
    expect(iii).toHaveLength(116);
    expect(iii.map((t) => Number(t.stt))).toEqual(Array.from({ length: 116 }, (_, k) => k + 1));
    const a = taskCatalog.appendices.find((x) => x.code === "III")!;
    expect(a.sections.map((s) => s.code)).toEqual(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]);
    expect(task("III.1").section?.code).toBe("I");
    expect(task("III.105").section).toEqual({ code: "VIII", title: "Tăng cường bảo đảm an ninh mạng và chủ quyền số" });
    expect(task("III.116").section?.code).toBe("X");
    // per-section counts as printed
    const per = Object.fromEntries(a.sections.map((s) => [s.code, iii.filter((t) => t.section?.code === s.code).length]));
    expect(per).toEqual({ I: 1, II: 4, III: 10, IV: 23, V: 5, VI: 17, VII: 44, VIII: 5, IX: 6, X: 1 });
  });

  it("Phụ lục IV: numbered 1–93 without 86; 92 numbered rows + the unnumbered row between 85 and 87 (IV.86) = 93", () => {
    const iv = tasksOfAppendix("IV");
    expect(iv).toHaveLength(93);
    expect(iv.filter((t) => t.stt)).toHaveLength(92);
    expect(iv.some((t) => t.stt === "86")).toBe(false);
    expect(task("IV.86").stt).toBe("");
    expect(iv.map((t) => t.key)).toEqual(Array.from({ length: 93 }, (_, k) => `IV.${k + 1}`));
    const a = taskCatalog.appendices.find((x) => x.code === "IV")!;
    expect(a.columns.slice(2, 4)).toEqual(["Bộ, ngành chủ trì", "Đơn vị của tỉnh chủ trì phối hợp"]);
    expect(a.sections).toHaveLength(7);
  });

  it("the appendix records and the reconciliation sentences say the same", () => {
    expect(taskCatalog.appendices.map((a) => [a.code, a.count, a.lastStt, a.headerLine])).toEqual([
      ["II", 25, 24, 631],
      ["III", 116, 116, 668],
      ["IV", 93, 93, 825],
    ]);
    expect(tasks).toHaveLength(234);
    const text = taskCatalog.reconciliation.join("\n");
    expect(text).toContain("Tổng cộng 25 + 116 + 93 = 234 nhiệm vụ: 232 dòng có STT và 2 dòng không có STT.");
    expect(text).toContain("Phụ lục IV: bảng đánh số 1–93 trong 7 mục (I–VII), không có STT 86; bản trích xuất có 92 dòng có STT + 1 dòng không có STT (khóa IV.86) = 93 nhiệm vụ");
    expect(text).toContain("Phụ lục II: bảng đánh số 1–24; bản trích xuất có 24 dòng có STT + 1 dòng không có STT (khóa II.6a) = 25 nhiệm vụ");
    expect(text).toContain(`${tasks.filter((t) => t.doubts.length).length} nhiệm vụ có nghi vấn`);
  });

  it("titles come from §11 of the plan; the damaged headings above the tables are kept as printed", () => {
    const [ii, iii, iv] = taskCatalog.appendices;
    expect(ii!.title).toBe(
      "Danh mục các nhiệm vụ giao các Ban của Tỉnh ủy, Cơ quan UBKT Tỉnh ủy, Văn phòng Tỉnh ủy, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội cấp tỉnh thực hiện",
    );
    expect(iii!.title).toBe("Danh mục các nhiệm vụ giao Đảng ủy UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo thực hiện");
    expect(iv!.title).toBe(
      "Danh mục các nhiệm vụ giao Đảng ủy UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo phối hợp với các Bộ, ngành, cơ quan Trung ương thực hiện",
    );
    expect(iv!.titlePrinted).toContain("PHÒNG LỤC IV");
  });
});

describe("task keys", () => {
  it("are unique case-insensitively, in the documented shape, and numbered rows use their STT", () => {
    const keys = tasks.map((t) => t.key);
    expect(new Set(keys.map((k) => k.toUpperCase())).size).toBe(keys.length);
    for (const t of tasks) {
      expect(t.key).toMatch(/^(II|III|IV)\.\d+[a-z]?$/);
      if (t.stt) expect(t.key).toBe(`${t.appendix}.${t.stt}`);
      else expect(t.doubts.some((d) => d.field === "stt"), t.key).toBe(true);
    }
    for (const code of ["II", "III", "IV"] as const) {
      expect(tasksOfAppendix(code).map((t) => t.order)).toEqual(tasksOfAppendix(code).map((_, k) => k + 1));
    }
  });

  it("findTask is case-insensitive and tolerant of the separator", () => {
    expect(findTask("iii.12")?.key).toBe("III.12");
    expect(findTask(" III 12 ")?.key).toBe("III.12");
    expect(findTask("iv-3")?.key).toBe("IV.3");
    expect(findTask("II.6A")?.key).toBe("II.6a");
    expect(findTask("ii.6a")?.name).toMatch(/^Xây dựng chương trình chuyên biệt/);
    expect(findTask("III.117")).toBeUndefined();
    expect(findTask("V.1")).toBeUndefined();
    expect(findTask("12")).toBeUndefined();
  });
});

describe("task doubts: where the extracted text is broken", () => {
  it("every doubt names a field and gives a readable Vietnamese reason", () => {
    for (const t of tasks) {
      for (const d of t.doubts) {
        expect(d.field, t.key).toMatch(/^(stt|name|lead|cooperating|centralLead|result|deadline|row)$/);
        expect(d.reason.trim().length, t.key).toBeGreaterThan(20);
      }
    }
  });

  it("flags exactly these tasks, grouped by cause", () => {
    const flagged = tasks.filter((t) => t.doubts.length).map((t) => t.key);
    expect(flagged).toEqual([
      "II.5", "II.6a", "II.12", "II.19", "II.23", "II.24",
      "III.26", "III.40", "III.65", "III.67", "III.68", "III.93", "III.105",
      "IV.5", "IV.9", "IV.10", "IV.27", "IV.77", "IV.78", "IV.79", "IV.80", "IV.81", "IV.82", "IV.83", "IV.84", "IV.85", "IV.86", "IV.89",
    ]);
  });

  it("unnumbered rows: II.6a (no number missing) and IV.86 (the missing number)", () => {
    expect(doubtsOf("II.6a", "stt")[0]!.reason).toMatch(/giữa nhiệm vụ 6 và 7/);
    expect(doubtsOf("IV.86", "stt")[0]!.reason).toMatch(/không có STT 86/);
  });

  it("a row with only its STT (II.12) stays, flagged, with no lead and an unknown deadline", () => {
    const t = task("II.12");
    expect(t.name).toBe("");
    expect(t.leads).toEqual([]);
    expect(t.deadline.value.kind).toBe("unknown");
    expect(doubtsOf("II.12", "row")[0]!.reason).toMatch(/chỉ có số thứ tự/);
    expect(doubtsOf("II.12", "lead")).toHaveLength(1);
  });

  it("fragments of rows split by page breaks are joined to their task, with the source line", () => {
    expect(task("IV.5").result).toBe("Thực hiện theo kế hoạch, hướng dẫn của Trung ương");
    expect(task("IV.5").deadline.printed).toBe("Tháng 5/2025");
    expect(task("IV.5").source.lines).toEqual([832, 833]);
    expect(task("IV.9").deadline.value).toMatchObject({ kind: "dated", dates: [{ date: "2025-02-28" }] });
    expect(task("IV.77")).toMatchObject({ centralLeads: ["Bộ Quốc phòng"], leads: ["Bộ Chỉ huy Quân sự tỉnh"], result: "Văn bản hướng dẫn" });
    expect(task("IV.77").source.lines).toEqual([920, 921, 922]);
    expect(task("III.93").cooperating).toEqual(["Sở Khoa học và Công nghệ", "Sở Tài chính", "Các địa phương, đơn vị liên quan"]);
    for (const [k, line] of [["IV.5", 832], ["IV.9", 839], ["IV.77", 920], ["IV.85", 932], ["III.93", 784]] as const) {
      expect(task(k).doubts.some((d) => d.reason.includes(`dòng ${line}`)), k).toBe(true);
    }
  });

  it("fragments that cannot be placed are kept and flagged on the tasks next to them", () => {
    expect(taskCatalog.orphans.map((o) => [o.appendix, o.line])).toEqual([["III", 752], ["III", 753]]);
    for (const k of ["III.67", "III.68"]) {
      const reasons = doubtsOf(k, "lead").map((d) => d.reason).join(" ");
      expect(reasons).toContain("dòng 752");
      expect(reasons).toContain("dòng 753");
      expect(task(k).deadline.value.kind).toBe("unknown");
    }
    expect(task("III.67").leads).toEqual(["Sở Nông nghiệp và Môi trường"]); // as printed, not guessed
  });

  it("cells printed on a section heading go to the task below it (III.105 under VIII)", () => {
    const t = task("III.105");
    expect(t.leads).toEqual(["Công an tỉnh"]);
    expect(t.deadline.printed).toBe("Tháng 6/2026");
    expect(t.source.lines).toEqual([798, 799]);
    expect(doubtsOf("III.105", "row")[0]!.reason).toMatch(/tiêu đề mục VIII/);
  });

  it("merged cells (HTML paragraphs) are spread back over their columns (IV.10)", () => {
    const t = task("IV.10");
    expect(t.centralLeads).toEqual(["Bộ Khoa học và Công nghệ"]);
    expect(t.leads).toEqual(["Sở Khoa học và Công nghệ"]);
    expect(t.result).toBe("Văn bản tham gia ý kiến");
    expect(t.deadline.printed).toBe("Tháng 5/2025");
    expect(t.name).not.toContain("<p>");
    expect(doubtsOf("IV.10", "row")[0]!.reason).toMatch(/gộp/);
  });

  it("the 5-column stretch of Phụ lục IV: last cell placed by content; missing deadlines hint at the merged cell below", () => {
    expect(task("IV.80")).toMatchObject({ result: "", deadline: { printed: "Tháng 6/2026" } });
    expect(task("IV.79")).toMatchObject({ result: "Phối hợp thực hiện", deadline: { printed: "" } });
    expect(doubtsOf("IV.79", "deadline")[0]!.reason).toContain("IV.80");
    expect(doubtsOf("IV.81", "deadline")[0]!.reason).toContain("IV.82");
    expect(doubtsOf("IV.84", "deadline")[0]!.reason).toContain("IV.85");
  });

  it("a deadline printed in the result column is moved (II.19); a result that reads like a deadline is flagged (II.23)", () => {
    expect(task("II.19")).toMatchObject({ result: "", deadline: { printed: "Thường xuyên", value: { kind: "ongoing" } } });
    expect(doubtsOf("II.19", "deadline")).toHaveLength(1);
    expect(task("II.23")).toMatchObject({ result: "Thường xuyên", deadline: { printed: "Hàng năm" } });
    expect(doubtsOf("II.23", "result")).toHaveLength(1);
  });

  it("a missing lead, result or deadline is always flagged", () => {
    for (const t of tasks) {
      if (!t.leads.length) expect(t.doubts.some((d) => d.field === "lead" || d.field === "row"), t.key).toBe(true);
      if (!t.result) expect(t.doubts.some((d) => d.field === "result" || d.field === "row"), t.key).toBe(true);
      if (t.deadline.value.kind === "unknown") expect(t.doubts.some((d) => d.field === "deadline"), t.key).toBe(true);
    }
  });

  it("duplicates and damaged words are flagged, OCR fixes recorded", () => {
    expect(doubtsOf("IV.27", "name")[0]!.reason).toContain("IV.26");
    expect(task("III.67").name).toContain("Cổng điều phối dữ liệu y tế");
    expect(task("III.67").namePrinted).toContain("Công điện phối dữ liệu y tế");
    expect(task("III.67").ocrFixes).toContainEqual({ from: "Công điện phối dữ liệu", to: "Cổng điều phối dữ liệu" });
    for (const t of tasks) if (t.name === t.namePrinted) expect(t.ocrFixes.every((f) => !t.namePrinted.includes(f.from)), t.key).toBe(true);
  });
});

describe("agencies", () => {
  it("splits agency cells at ';' and before a new agency, keeping names that contain commas", () => {
    expect(splitAgencies("Văn phòng Tỉnh ủy; Sở Khoa học và Công nghệ; các ban, sở, ngành, Sở Tài chính")).toEqual([
      "Văn phòng Tỉnh ủy",
      "Sở Khoa học và Công nghệ",
      "các ban, sở, ngành",
      "Sở Tài chính",
    ]);
    expect(splitAgencies("Sở Tài chính; Sở Khoa học và Công nghệ và các đơn vị liên quan")).toEqual([
      "Sở Tài chính",
      "Sở Khoa học và Công nghệ",
      "các đơn vị liên quan",
    ]);
    expect(splitAgencies("Sở Văn hóa, Thể thao và Du lịch")).toEqual(["Sở Văn hóa, Thể thao và Du lịch"]);
    expect(splitAgencies("Ban Quản lý Khu Kinh tế Nghi Sơn và các KCN; Sở Khoa học và Công nghệ")).toHaveLength(2);
    expect(splitAgencies("Sở Nội vụ, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh; các sở, ngành, đơn vị liên quan")).toEqual([
      "Sở Nội vụ",
      "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
      "các sở, ngành, đơn vị liên quan",
    ]);
    expect(normalizeAgency("Công an tinh")).toBe("Công an tỉnh");
    expect(normalizeAgency("các đơn vị có liên quan")).toBe("Các đơn vị liên quan");
  });

  it("every agency a task names is in the list, once, with its kind", () => {
    const names = new Set(taskAgencies.map((a) => a.name));
    expect(names.size).toBe(taskAgencies.length);
    for (const t of tasks) for (const a of [...t.leads, ...t.cooperating, ...t.centralLeads]) expect(names.has(a), `${t.key}: ${a}`).toBe(true);
    for (const a of taskAgencies) {
      expect(a.name).not.toMatch(/[;<>]/);
      expect(a.name.charAt(0)).toBe(a.name.charAt(0).toLocaleUpperCase("vi"));
      expect(a.leadCount + a.cooperatingCount + a.centralCount, a.name).toBeGreaterThan(0);
    }
    const kindCount = (k: string) => taskAgencies.filter((a) => a.kind === k).length;
    expect([kindCount("unit"), kindCount("group"), kindCount("central")]).toEqual([34, 28, 14]);
    expect(findTaskAgency("Bộ Công an")?.kind).toBe("central");
    expect(findTaskAgency("UBND cấp xã")?.kind).toBe("group");
    expect(findTaskAgency("Cấp ủy, chính quyền cấp xã")?.kind).toBe("group");
    expect(findTaskAgency("Sở Y tế")?.kind).toBe("unit");
    expect(taskUnitNames()).toHaveLength(34);
    expect(taskUnitNames()).toEqual(expect.arrayContaining(["Sở Khoa học và Công nghệ", "Công an tỉnh", "Văn phòng Tỉnh ủy", "UBND tỉnh", "Trường Đại học Hồng Đức"]));
    expect(taskUnitNames().some((n) => /^(Các|Bộ (Công an|Tài chính|Khoa học))/.test(n))).toBe(false);
  });

  it("spelling variants map to one name, and the variants are recorded", () => {
    const variants = (n: string) => taskAgencies.find((a) => a.name === n)?.variants;
    expect(variants("Đài Phát thanh và Truyền hình tỉnh")).toEqual(["Đài PTTH tỉnh", "Đài PTTT tỉnh"]);
    expect(variants("Ban Quản lý Khu Kinh tế Nghi Sơn và các KCN")).toEqual([
      "Ban Quản lý KKT Nghi Sơn và các KCN",
      "Ban Quản lý Khu Kinh tế Nghi sơn và các KCN",
    ]);
    expect(variants("Văn phòng UBND tỉnh")).toEqual(["Văn UBND tỉnh"]);
    expect(variants("Công an tỉnh")).toEqual(["Công an tinh"]);
    expect(findTaskAgency("Üy Ban kiểm tra Tỉnh ủy")?.name).toBe("Ủy ban Kiểm tra Tỉnh ủy");
    expect(findTaskAgency("sở kh&cn")?.name).toBe("Sở Khoa học và Công nghệ");
    expect(findTaskAgency("Sở Văn hoá, Thể thao và Du lịch")?.name).toBe("Sở Văn hóa, Thể thao và Du lịch");
  });

  it("tasksLedBy / tasksCooperatedBy: Phụ lục IV counts the province's unit as lead", () => {
    const kh = "Sở Khoa học và Công nghệ";
    const led = tasksLedBy([kh]);
    expect(led).toHaveLength(taskAgencies.find((a) => a.name === kh)!.leadCount);
    expect(led.map((t) => t.key)).toEqual(expect.arrayContaining(["III.1", "III.13", "IV.1", "IV.86", "IV.93"]));
    expect(led.every((t) => t.leads.includes(kh))).toBe(true);
    expect(tasksLedBy(["Sở KH&CN"])).toEqual(led);
    expect(tasksCooperatedBy([kh])).toHaveLength(taskAgencies.find((a) => a.name === kh)!.cooperatingCount);
    expect(tasksCooperatedBy([kh]).map((t) => t.key)).toContain("II.1");
    // a variant spelling, several names at once, unknown names
    expect(tasksLedBy(["Công an tinh"])).toEqual(tasksLedBy(["Công an tỉnh"]));
    const both = tasksLedBy(["Sở Y tế", "Sở Ngoại vụ"]).map((t) => t.key);
    expect(both).toEqual(["III.57", "III.86", "IV.58", "IV.89", "IV.91"]);
    expect(tasksLedBy(["Không có cơ quan này"])).toEqual([]);
    // tasks led by a collective phrase only with includeGroups
    expect(tasksLedBy(["Sở Y tế"]).map((t) => t.key)).not.toContain("III.12");
    expect(tasksLedBy(["Sở Y tế"], { includeGroups: true }).map((t) => t.key)).toContain("III.12");
    expect(tasksByAgency("Bộ Quốc phòng").map((t) => t.key)).toEqual(["IV.19", "IV.71", "IV.77"]);
  });
});

describe("the department's report wording (Báo cáo, Phụ lục II)", () => {
  it("counts the status cells as the report words them", () => {
    const w = taskCatalog.reportWording;
    expect(w.sentence.startsWith("Đang thực hiện 46, Đã tổ chức triển khai 10, Đã hoàn thành 7")).toBe(true);
    expect(w.entries.map((e) => [e.wording, e.count, e.status])).toEqual([
      ["Đang thực hiện", 46, "Đang triển khai"],
      ["Đã tổ chức triển khai", 10, "Đang triển khai"],
      ["Đã hoàn thành", 7, "Đã hoàn thành"],
      ["Đã thực hiện", 7, "Đang triển khai"],
      ["Dừng thực hiện", 5, null],
      ["Chưa thực hiện", 1, "Chưa triển khai"],
    ]);
  });

  it("summarizeTasks over the report's own status cells (read from the seed) gives the report's counts", () => {
    const report = readLines(seedsDir, REPORT_FILE);
    const entries = taskCatalog.reportWording.entries.flatMap((e) =>
      e.lines.map((line) => ({ key: `BC.${line}`, deadline: parseDeadline("Thường xuyên"), status: report[line - 1]! })),
    );
    expect(entries).toHaveLength(76);
    const s = summarizeTasks(entries, "2025-12-31");
    expect(s.wordingSentence).toBe(taskCatalog.reportWording.sentence);
    expect(s.counts).toMatchObject({ "Đang triển khai": 63, "Đã hoàn thành": 7, "Chưa triển khai": 1 });
    expect(s.invalid).toHaveLength(5); // "Dừng thực hiện" is not on the ladder
    expect(s.sentence).toBe("Tổng số 76 nhiệm vụ: Đang triển khai 63, Đã hoàn thành 7, Chưa triển khai 1; 5 nhiệm vụ ghi trạng thái không hợp lệ.");
  });
});

describe("tasks.json is fresh", () => {
  it(`equals what the derivation produces now (seeds: ${seedsDir})`, () => {
    expect(seedsAvailable(seedsDir)).toBe(true);
    expect(deriveTasks(seedsDir)).toEqual(taskCatalog);
  });
});
