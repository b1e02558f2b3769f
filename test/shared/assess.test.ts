import { describe, it, expect } from "vitest";
import { assess } from "../../shared/assess/index.js";
import { parseValue } from "../../shared/values/index.js";
import type { ParsedValue } from "../../shared/values/index.js";

function p(raw: string): ParsedValue {
  const r = parseValue(raw);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

type Dir = "higher" | "lower";
type Expect = ["vuot" | "dat" | "khong_dat" | "chua_danh_gia", number | null];

/** [target, actual, direction, expected status, expected progress] */
const CASES: [string, string, Dir, ...Expect][] = [
  // plain numbers, higher is better
  ["32", "35", "higher", "vuot", 35 / 32],
  ["32", "32", "higher", "dat", 1],
  ["32", "31", "higher", "khong_dat", 31 / 32],
  ["2.100", "2.100", "higher", "dat", 1],
  ["0.75", "0,75", "higher", "dat", 1],
  ["0,1", "0.1", "higher", "dat", 1],
  // percent
  ["60%", "65%", "higher", "vuot", 65 / 60],
  ["60%", "60%", "higher", "dat", 1],
  ["85%", "82,7%", "higher", "khong_dat", 82.7 / 85],
  // percent vs bare number: compared as written
  ["60%", "60", "higher", "dat", 1],
  ["60", "59%", "higher", "khong_dat", 59 / 60],
  // ≥ comparators: reaching the bound is Đạt, exceeding is Vượt
  ["≥ 1,5%", "1,5%", "higher", "dat", 1],
  ["≥ 1,5%", "2%", "higher", "vuot", 2 / 1.5],
  ["≥ 1,5%", "0,61%", "higher", "khong_dat", 0.61 / 1.5],
  ["≥ 450 ha", "220", "higher", "khong_dat", 220 / 450],
  ["≥ 5 nhóm", "11 nhóm", "higher", "vuot", 11 / 5],
  ["≥ 90%", "≥ 90%", "higher", "dat", 1],
  // the comparator decides the way even if the direction says otherwise
  ["≥ 50", "60", "lower", "vuot", 60 / 50],
  // > : exceeding is the target itself
  ["Trên 80%", "81%", "higher", "dat", 81 / 80],
  ["Trên 80%", "80%", "higher", "khong_dat", 1],
  // > range
  ["> 3-4 lần", "3,05 lần", "higher", "dat", 3.05 / 3],
  ["> 3-4 lần", "5 lần", "higher", "vuot", 5 / 3],
  ["> 3-4 lần", "3 lần", "higher", "khong_dat", 1],
  // ranks ≤ x
  ["≤ 10", "6", "lower", "vuot", 10 / 6],
  ["≤ 10", "10", "lower", "dat", 1],
  ["≤ 10", "12", "lower", "khong_dat", 10 / 12],
  ["≤ 10", "06", "higher", "vuot", 10 / 6],
  ["< 10", "9", "lower", "dat", 10 / 9],
  ["< 10", "10", "lower", "khong_dat", 1],
  // plain rank target, lower is better
  ["26", "20", "lower", "vuot", 26 / 20],
  ["26", "30", "lower", "khong_dat", 26 / 30],
  // ranges
  ["50-60", "55", "higher", "dat", 55 / 50],
  ["50-60", "50", "higher", "dat", 1],
  ["50-60", "60", "higher", "dat", 60 / 50],
  ["50-60", "61", "higher", "vuot", 61 / 50],
  ["50-60", "49", "higher", "khong_dat", 49 / 50],
  ["15-20", "14-25", "higher", "khong_dat", 14 / 15],
  ["15-20", "16-18", "higher", "dat", 16 / 15],
  // rank groups
  ["Nhóm 10", "8", "lower", "dat", 10 / 8],
  ["Nhóm 10", "10", "lower", "dat", 1],
  ["Nhóm 10", "3", "lower", "dat", 10 / 3],
  ["Nhóm 10", "11", "lower", "khong_dat", 10 / 11],
  ["Nhóm 20", "26", "lower", "khong_dat", 20 / 26],
  ["Nhóm 10", "Nhóm 5", "lower", "vuot", 2],
  ["Nhóm 10", "Nhóm 10", "lower", "dat", 1],
  ["Nhóm 10", "Nhóm 20", "lower", "khong_dat", 0.5],
  ["≤ 10", "Nhóm 5", "lower", "vuot", 2],
  // Có and statuses
  ["Có", "Có", "higher", "dat", 1],
  ["Có", "Không", "higher", "khong_dat", 0],
  ["Có", "Hoàn thành", "higher", "dat", 1],
  ["Có", "Đã hoàn thành", "higher", "dat", 1],
  ["Có", "Cơ bản hoàn thành", "higher", "khong_dat", null],
  ["Có", "Đang triển khai", "higher", "khong_dat", null],
  ["Có", "Chưa triển khai", "higher", "khong_dat", 0],
  // a number against Có is not comparable ("1.234" is not "Có"; validation rejects it as the wrong kind)
  ["Có", "1", "higher", "chua_danh_gia", null],
  ["Có", "0", "higher", "chua_danh_gia", null],
  ["Có", "1.234", "higher", "chua_danh_gia", null],
  ["Cơ bản hoàn thành", "Hoàn thành", "higher", "vuot", 1],
  ["Cơ bản hoàn thành", "Cơ bản hoàn thành", "higher", "dat", 1],
  ["Cơ bản hoàn thành", "Đang triển khai", "higher", "khong_dat", null],
  ["Cơ bản hoàn thành", "Có", "higher", "vuot", 1],
  // the unit's own verdict written as text
  ["≥ 10 DN", "Đạt", "higher", "dat", null],
  ["≥ 10 DN", "Không đạt", "higher", "khong_dat", null],
  // missing / not comparable
  ["-", "50%", "higher", "chua_danh_gia", null],
  ["", "50%", "higher", "chua_danh_gia", null],
  ["Chỉ tiêu mới, chưa đánh giá", "50%", "higher", "chua_danh_gia", null],
  ["60%", "-", "higher", "chua_danh_gia", null],
  ["60%", "", "higher", "chua_danh_gia", null],
  ["Thuộc nhóm các tỉnh, thành phố ở mức Khá", "Khá", "lower", "chua_danh_gia", null],
  ["60%", "Đang triển khai", "higher", "chua_danh_gia", null],
  ["03", "Hoàn thành", "higher", "chua_danh_gia", null],
  ["Nhóm 10", "Có", "lower", "chua_danh_gia", null],
  ["≥ 450 ha", "5 m2", "higher", "chua_danh_gia", null],
  ["60%", "Số liệu đang tổng hợp", "higher", "chua_danh_gia", null],
  ["Không", "Không", "higher", "chua_danh_gia", null],
  // progress undefined when the target is 0
  ["0", "5", "higher", "vuot", null],
];

const LABELS = { vuot: "Vượt", dat: "Đạt", khong_dat: "Không đạt", chua_danh_gia: "Chưa đánh giá" };

describe("assess", () => {
  it.each(CASES)("target %j, actual %j (%s) → %s", (target, actual, dir, status, progress) => {
    const a = assess(p(target), p(actual), dir);
    expect(a.status).toBe(status);
    expect(a.label).toBe(LABELS[status]);
    if (progress === null) expect(a.progress).toBeNull();
    else expect(a.progress).toBeCloseTo(progress, 9);
  });

  it("gives reasons", () => {
    expect(assess(p("Thuộc nhóm các tỉnh, thành phố ở mức Khá"), p("Khá"), "higher").reason).toBe(
      "chỉ tiêu định tính, cần đánh giá thủ công",
    );
    expect(assess(p("Có"), p("Cơ bản hoàn thành"), "higher").reason).toContain("Cơ bản hoàn thành");
    expect(assess(p("60%"), p("60"), "higher").reason).toContain("%");
    expect(assess(p("60%"), p("61%"), "higher").reason).toBeUndefined();
    expect(assess(p("Chỉ tiêu mới, chưa đánh giá"), p("5"), "higher").reason).toContain("chỉ tiêu mới");
    expect(assess(p("60%"), p("-"), "higher").reason).toContain("chưa có số liệu");
    expect(assess(p("≥ 450 ha"), p("5 m2"), "higher").reason).toContain("đơn vị khác nhau");
  });

  it("treats float noise as equal", () => {
    const a = assess({ kind: "number", value: 0.3, percent: false }, { kind: "number", value: 0.1 + 0.2, percent: false }, "higher");
    expect(a.status).toBe("dat");
  });

  it("compares units loosely (người/vạn dân vs người/1 vạn dân)", () => {
    expect(assess(p("7 người/vạn dân"), p("5,5 người/1 vạn dân"), "higher").status).toBe("khong_dat");
  });
});
