/**
 * Derives the indicator catalog (Kế hoạch 266-KH/TU, Phụ lục I: 79 chỉ tiêu) from the extracted seed text,
 * cross-checked against Phụ lục V of the 2025-2030 report. Pure: reads the seeds, returns data.
 *
 * The extracted Phụ lục I is damaged. What this file does about it, in order:
 *  1. parses every tab-separated row generically (STT, name, unit, baseline, targets, agency);
 *  2. applies the OCR fix table (common.ts) and strips footnote markers into `newNotAssessed`;
 *  3. rebuilds group II (STT 8-14) with the explicit table GROUP_II_REBUILD below, because there the
 *     name, value and agency columns slid against each other (proved by Phụ lục V and the commune plan);
 *  4. places rows with only 4 target cells using Phụ lục V's 2025/2030 values, flagging what stays unknown;
 *  5. compares baseline/2025/2030/name/unit with Phụ lục V and records every disagreement.
 * Every inference is kept visible as a Doubt (Vietnamese) on the indicator.
 */
import type {
  Catalog,
  CatalogCell,
  CrossCheckDisagreement,
  Direction,
  Doubt,
  GroupCode,
  Indicator,
  TargetYear,
} from "../../shared/catalog/types.js";
import { TARGET_YEARS } from "../../shared/catalog/types.js";
import {
  type ParseFn,
  PLAN_FILE,
  REPORT_FILE,
  applyOcr,
  cellKey,
  defaultParse,
  clean,
  compareKey,
  makeCell,
  readLines,
  withVersion,
} from "./common.js";
import { checkManualKinds, kindOf } from "./kinds.js";
import { shortNameOf } from "../../shared/values/read.js";

export const DECLARED_TOTAL = 79;
const GROUPS: GroupCode[] = ["I", "II", "III", "IV", "V"];

/** Keys by STT. Short, ASCII, what an Excel user would type. */
export const KEYS: readonly string[] = [
  "", // 0 unused
  "5G", "6G", "BANGRONG_1GB", "TT_ANM", "TT_DULIEU", // I
  "CHI_KHCN", "CBCC_XA_KNS", "CBCC_TINH_KNS", "CBCCVC_KNS", "DS_TIEPCAN_DVS",
  "NGUOI_NC_VANDAN", "CUM_CHUYENGIA", "DS_DUNG_DVS", "HDI", // II
  "DN_KHCN", "TC_KHCN_CONGLAP", "CT_KHCN_NGHIEMTHU", "CB_NCKH", "NV_KHCN", "KQ_UNGDUNG",
  "DON_SHTT", "DN_DUNG_KQNC", "BAIBAO_SCOPUS", "GIAITHUONG_KHCN", "AI_IOT_DOTHI", "CONGBO_QT", // III
  "DN_KNST", "VUON_UOM", "DN_DOIMOI_QT", "SP_DMST", "DA_DMST_NS", "SANGCHE", "BAIBAO_DMST",
  "DNVVN_HOPTAC", "SANGKIEN_CONG", "DA_KNST", "TT_DMST", "XK_CNC", "DN_DMST", "TIEMLUC_KHCN",
  "NANGLUC_CN_DN", "PII", // IV
  "DTI", "TTHC_PHIDIAGIOI", "TTHC_TRUCTUYEN_SXKD", "GD_PHITIEPXUC", "TTHC_SOHOA", "DVC_TOANTRINH",
  "HS_TRUCTUYEN", "KQ_TTHC_DIENTU", "TAISD_DULIEU", "THANHTOAN_TT", "VB_DIENTU", "NV_GIAMSAT_DT",
  "DIEUHANH_DT", "KHONG_TIENMAT", "TK_NGANHANG", "CLOUD", "CSDL_LIENTHONG", "DULIEU_TICHHOP",
  "DNVVN_CNS", "VNEID", "CHUKYSO", "SO_SUCKHOE", "PM_QUANTRI_XA", "CQ_DANG_CDS", "IOC",
  "HTTT_THONGMINH", "AI_DANG_CQ", "KTS_GRDP", "DOTHI_TM", "DV_TIENTIEN", "HOINHAP_DTTM", "TFP",
  "NLCT_SO", "CSDL_CHUYENNGANH", "ATTT_XH", "DN_CNS_TOP", "DN_CNS_1000", // V
];

// ------------------------------------------------------------------ Phụ lục I (plan) raw rows

interface PlanRow {
  line: number; // 1-based
  sttPrinted: string;
  nameRaw: string;
  unitRaw: string;
  baselineRaw: string;
  targetsRaw: string[];
  agencyRaw: string;
  /** Heading the row appeared under in the extracted text (0-based heading index). */
  headingIndex: number;
  agencyFromNextLine: boolean;
}

interface PlanHeading {
  line: number;
  printed: string;
  label: string; // printed roman numeral ("" if lost)
  title: string;
}

const AGENCY_RE = /^(Sở|Văn phòng|Công an|Các |Cấp ủy|Ngân hàng|Bảo hiểm)/;
const HEADING_RE = /^(I|II|III|IV|V)?\s*(PHÁT TRIỂN\b.*)$/;

function parsePlan(lines: string[]) {
  const start = lines.findIndex((l) => l.includes("Danh mục các chỉ tiêu cụ thể"));
  if (start < 0) throw new Error(`${PLAN_FILE}: không tìm thấy "Danh mục các chỉ tiêu cụ thể"`);
  const end = lines.findIndex((l, i) => i > start && /^Ghi chú:/.test(l.trim()));
  if (end < 0) throw new Error(`${PLAN_FILE}: không tìm thấy dòng "Ghi chú" cuối Phụ lục I`);
  const rows: PlanRow[] = [];
  const headings: PlanHeading[] = [];
  for (let i = start + 1; i < end; i++) {
    const raw = lines[i]!;
    const cells = raw.split("\t").map((c) => clean(c));
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    if (cells.length === 0) continue;
    if (cells[0] === "STT" || cells.some((c) => c.startsWith("Hiện trạng"))) continue; // header
    const h = HEADING_RE.exec(cells.filter(Boolean).join(" "));
    if (h && cells.filter(Boolean).length === 1) {
      headings.push({ line: i + 1, printed: cells.filter(Boolean)[0]!, label: h[1] ?? "", title: clean(h[2]!) });
      continue;
    }
    const nonEmpty = cells.filter(Boolean);
    if (cells[0] === "" && cells[1] === "" && nonEmpty.length === 1 && AGENCY_RE.test(nonEmpty[0]!)) {
      const prev = rows[rows.length - 1];
      if (!prev || prev.agencyRaw) throw new Error(`${PLAN_FILE}:${i + 1}: dòng cơ quan không gắn được`);
      prev.agencyRaw = nonEmpty[0]!;
      prev.agencyFromNextLine = true;
      continue;
    }
    if (!/^\d*$/.test(cells[0]!) || !cells[1]) throw new Error(`${PLAN_FILE}:${i + 1}: dòng không nhận dạng được: ${raw}`);
    const rest = cells.slice(4);
    let agencyRaw = "";
    if (rest.length && AGENCY_RE.test(rest[rest.length - 1]!)) agencyRaw = rest.pop()!;
    rows.push({
      line: i + 1,
      sttPrinted: cells[0]!,
      nameRaw: cells[1]!,
      unitRaw: cells[2] ?? "",
      baselineRaw: cells[3] ?? "",
      targetsRaw: rest,
      agencyRaw,
      headingIndex: headings.length - 1,
      agencyFromNextLine: false,
    });
  }
  return { rows, headings, titleLines: findTitle(lines, start) };
}

function findTitle(lines: string[], start: number): string[] {
  const win = lines.slice(Math.max(0, start - 8), start + 1).map(clean);
  const pl = win.find((l) => /PH[ỤỦ] LỤC I$/.test(l));
  const attach = win.find((l) => l.startsWith("(Kèm theo Kế hoạch số 266"));
  if (!pl || !attach) throw new Error(`${PLAN_FILE}: không tìm thấy tiêu đề Phụ lục I`);
  // "TỈNH HỘI PHỦ LỤC I": letterhead "TỈNH ỦY" merged into the title line, and "PHỤ" read as "PHỦ".
  return ["PHỤ LỤC I", "Danh mục các chỉ tiêu cụ thể", attach];
}

/** "(1) Nhóm phát triển hạ tầng 05 chỉ tiêu; ..." → declared counts per group. */
function parseDeclared(lines: string[]): { total: number; counts: number[] } {
  const line = lines.find((l) => /gồm 05 nhóm chỉ tiêu với \d+ chỉ tiêu/.test(l));
  if (!line) throw new Error(`${PLAN_FILE}: không tìm thấy câu khai báo số chỉ tiêu`);
  const total = Number(/với (\d+) chỉ tiêu/.exec(line)![1]);
  const counts = [...line.matchAll(/\((\d)\) Nhóm [^;(]*?(\d{2}) chỉ tiêu/g)].map((m) => Number(m[2]));
  if (counts.length !== 5) throw new Error(`${PLAN_FILE}: đọc được ${counts.length} nhóm, cần 5`);
  return { total, counts };
}

// ------------------------------------------------------------------ Phụ lục V (report) rows

export interface ReportRow {
  stt: number;
  lines: [number, number];
  /** "name unit" as flattened text (values removed). */
  prefix: string;
  baseline: string;
  t2025: string;
  t2030: string;
}

const REPORT_VALUE_RES: RegExp[] = [
  /(?:^|\s)(Chỉ tiêu mới, chưa đánh giá)$/,
  /(?:^|\s)(Đang triển khai)$/,
  /(?:^|\s)(Cơ bản hoàn thành)$/,
  /(?:^|\s)(Đạt trên mức trung bình cả nước)$/,
  /(?:^|\s)(Thuộc nhóm các tỉnh, thành phố ở mức [^-]+?)$/,
  /(?:^|\s)(Nhóm \d+)$/,
  /(?:^|\s)([≥≤] ?\d[\d.,]*%?)$/,
  /(?:^|\s)(\d[\d.,]*%?)$/,
  /(?:^|\s)(-)$/,
  /(?:^|\s)(Có)$/,
];

function popValue(s: string): { value: string; rest: string } | null {
  for (const re of REPORT_VALUE_RES) {
    const m = re.exec(s);
    if (m) return { value: m[1]!, rest: s.slice(0, m.index).trim() };
  }
  return null;
}

export function parseReport(lines: string[]): Map<number, ReportRow> {
  const start = lines.findIndex((l) => l.trim() === "PHỤ LỤC V");
  if (start < 0) throw new Error(`${REPORT_FILE}: không tìm thấy "PHỤ LỤC V"`);
  const out = new Map<number, ReportRow>();
  let expected = 1;
  let cur: { stt: number; first: number; last: number; text: string[] } | null = null;
  const flush = () => {
    if (!cur) return;
    let s = clean(cur.text.join(" "));
    const vals: string[] = [];
    for (let k = 0; k < 3; k++) {
      const p = popValue(s);
      if (!p) throw new Error(`${REPORT_FILE}:${cur.first}: không tách được giá trị: ${s}`);
      vals.unshift(p.value);
      s = p.rest;
    }
    out.set(cur.stt, { stt: cur.stt, lines: [cur.first, cur.last], prefix: s, baseline: vals[0]!, t2025: vals[1]!, t2030: vals[2]! });
    cur = null;
  };
  let inTable = false;
  for (let i = start + 1; i < lines.length; i++) {
    const t = clean(lines[i]!);
    if (/^PHỤ LỤC/.test(t)) break;
    if (HEADING_RE.test(t) && /^(I|II|III|IV|V)\s/.test(t)) {
      flush();
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    const m = /^(\d{1,2})(?:\s+(.*))?$/.exec(t);
    if (m && Number(m[1]) === expected) {
      flush();
      cur = { stt: expected, first: i + 1, last: i + 1, text: [m[2] ?? ""] };
      expected++;
      continue;
    }
    if (cur && t) {
      cur.text.push(t);
      cur.last = i + 1;
    }
  }
  flush();
  return out;
}

/** Split a report prefix "name unit" given the expected unit. */
function splitReportPrefix(prefix: string, unit: string): { name: string; unit: string | null } {
  if (unit === "") return { name: prefix, unit: "" };
  const u = clean(unit);
  if (prefix === u) return { name: "", unit: u };
  if (prefix.endsWith(" " + u)) return { name: prefix.slice(0, -u.length).trim(), unit: u };
  return { name: prefix, unit: null };
}

// ------------------------------------------------------------------ group II rebuild

type Src = { plan: string } | { report: number };
interface Rebuild {
  stt: number;
  name: Src;
  values: Src;
  agencies: { plan: string };
  doubts: Doubt[];
}

/**
 * Group II of the extracted Phụ lục I prints STT 6-12 and one unnumbered row, 8 rows for 9 declared.
 * Phụ lục V (report) lists all 9: 8 "…cấp tỉnh được bồi dưỡng kỹ năng số căn bản" (35,7% | 100% | 100%),
 * 9 "…làm chủ kỹ năng số…" (20% | 80% | 100%), 10 "…tiếp cận dịch vụ số…" (20% | 80% | 90%),
 * 11 "Số người…" (5,5 | 07 | 12), 12 "Thu hút…", 13 "…thường xuyên sử dụng dịch vụ số…", 14 HDI.
 * In the extracted Phụ lục I the value cells of printed rows 8 and 9 equal the report's rows 8 and 9, while
 * their names are the report's rows 9 and 10: the name column lost "cấp tỉnh…" and the value column lost
 * row 10's values. The commune plan (Phụ lục 1, row 4) also gives 80% for "làm chủ kỹ năng số" in 2025.
 * The agency cells follow the value rows (Sở Y tế; Sở GD&ĐT; Sở Xây dựng; BHXH fits "y tế, giáo dục,
 * bảo hiểm, giao thông", not "Số người nghiên cứu").
 */
function sameReason(fields: string[], reason: string): Doubt[] {
  return fields.map((field) => ({ field, reason }));
}
const SHIFT_NOTE =
  "Trong Phụ lục I (bản trích xuất), nhóm II chỉ có 8 dòng cho 9 chỉ tiêu và cột tên, cột giá trị, cột cơ quan bị lệch nhau; danh mục sắp lại theo Phụ lục V của Báo cáo 2025-2030 (đủ 9 chỉ tiêu, STT 6-14).";
const GROUP_II_REBUILD: Rebuild[] = [
  {
    stt: 8,
    name: { report: 8 },
    values: { plan: "8" },
    agencies: { plan: "8" },
    doubts: [
      { field: "row", reason: `${SHIFT_NOTE} Chỉ tiêu này không có tên trong Phụ lục I; tên lấy từ Phụ lục V (STT 8).` },
      { field: "stt", reason: "STT 8 theo Phụ lục V; trong Phụ lục I số 8 in cạnh tên chỉ tiêu \"làm chủ kỹ năng số\"." },
      ...sameReason(["2035", "2040", "2045"], "Giá trị 2035-2045 lấy từ dòng in số 8 của Phụ lục I (35,7% … 100%), dòng mà Phụ lục V xác nhận hiện trạng, năm 2025, năm 2030 khớp với chỉ tiêu này."),
    ],
  },
  {
    stt: 9,
    name: { plan: "8" },
    values: { plan: "9" },
    agencies: { plan: "9" },
    doubts: [
      { field: "stt", reason: `${SHIFT_NOTE} Tên chỉ tiêu này in ở dòng số 8 của Phụ lục I; theo Phụ lục V là STT 9.` },
      { field: "2025", reason: "Phụ lục I in 100% (năm 2025) cạnh tên chỉ tiêu này, nhưng đó là giá trị của chỉ tiêu cấp tỉnh (STT 8). Giá trị 20% | 80% | 100% lấy từ dòng in số 9, khớp Phụ lục V (STT 9) và Phụ lục 1 của xã/phường (80%)." },
    ],
  },
  {
    stt: 10,
    name: { plan: "9" },
    values: { report: 10 },
    agencies: { plan: "10" },
    doubts: [
      { field: "stt", reason: `${SHIFT_NOTE} Tên chỉ tiêu này in ở dòng số 9 của Phụ lục I; theo Phụ lục V là STT 10.` },
      ...sameReason(["baseline", "2025", "2030"], "Phụ lục I mất các ô giá trị của chỉ tiêu này; hiện trạng, năm 2025, năm 2030 (20% | 80% | 90%) lấy từ Phụ lục V (STT 10). Phụ lục I in 20% | 80% | 100% cạnh tên này nhưng đó là giá trị của chỉ tiêu STT 9."),
      ...sameReason(["2035", "2040", "2045"], "Không có nguồn nào cho chỉ tiêu năm 2035, 2040, 2045 của chỉ tiêu này (Phụ lục I mất các ô, Phụ lục V chỉ đến năm 2030); để trống."),
      { field: "agencies", reason: "Cơ quan chủ trì in ở dòng số 10 của Phụ lục I (cạnh tên \"Số người thực hiện…\"); gắn vào chỉ tiêu này vì khớp nội dung y tế, giáo dục, bảo hiểm, giao thông." },
    ],
  },
  {
    stt: 11,
    name: { plan: "10" },
    values: { plan: "10" },
    agencies: { plan: "11" },
    doubts: [
      { field: "stt", reason: `${SHIFT_NOTE} Phụ lục I in số 10; theo Phụ lục V là STT 11.` },
      { field: "agencies", reason: "Phụ lục I in \"Sở Y tế; Sở Giáo dục và Đào tạo; Sở Xây dựng; Bảo hiểm xã hội Khu vực VI\" cạnh chỉ tiêu này, nhưng cơ quan đó thuộc chỉ tiêu STT 10; tạm ghi Sở Khoa học và Công nghệ (ô cơ quan của dòng in số 11). Cần xác nhận." },
    ],
  },
  {
    stt: 12,
    name: { plan: "11" },
    values: { plan: "11" },
    agencies: { plan: "11" },
    doubts: [
      { field: "stt", reason: `${SHIFT_NOTE} Phụ lục I in số 11; theo Phụ lục V là STT 12.` },
      { field: "agencies", reason: "Do cột cơ quan bị lệch trong nhóm II, cơ quan chủ trì của chỉ tiêu này không chắc chắn; tạm ghi Sở Khoa học và Công nghệ theo dòng in. Cần xác nhận." },
    ],
  },
  {
    stt: 13,
    name: { plan: "12" },
    values: { plan: "12" },
    agencies: { plan: "12" },
    doubts: [{ field: "stt", reason: `${SHIFT_NOTE} Phụ lục I in số 12; theo Phụ lục V là STT 13.` }],
  },
  {
    stt: 14,
    name: { plan: "" },
    values: { plan: "" },
    agencies: { plan: "" },
    doubts: [{ field: "stt", reason: "Dòng này không có STT trong Phụ lục I; STT 14 theo vị trí (sau chỉ tiêu 13, trước nhóm III) và theo Phụ lục V." }],
  },
];

// ------------------------------------------------------------------ derivation

const MARKER_RE = /\s*\((\*|'|’|\^c|•|)\)\s*$/;

interface Working {
  stt: number;
  sttPrinted: string;
  group: GroupCode;
  namePrinted: string;
  unitRaw: string;
  baselineRaw: string;
  targetsRaw: string[]; // as printed, 4 or 5 (or 3 from the report)
  targetsFromReport: boolean;
  agencyRaw: string;
  agencyFromNextLine: boolean;
  headingIndex: number;
  doubts: Doubt[];
  lines: number[];
  reconstructed: boolean;
}

function groupOf(stt: number, counts: number[]): GroupCode {
  let acc = 0;
  for (let g = 0; g < 5; g++) {
    acc += counts[g]!;
    if (stt <= acc) return GROUPS[g]!;
  }
  throw new Error(`STT ${stt} vượt quá tổng số chỉ tiêu`);
}

export function deriveCatalog(seedsDir: string, parse: ParseFn = defaultParse): Catalog {
  const planLines = readLines(seedsDir, PLAN_FILE);
  const reportLines = readLines(seedsDir, REPORT_FILE);
  const { rows, headings, titleLines } = parsePlan(planLines);
  const declared = parseDeclared(planLines);
  const report = parseReport(reportLines);

  if (declared.total !== DECLARED_TOTAL) throw new Error(`Kế hoạch khai báo ${declared.total} chỉ tiêu, không phải ${DECLARED_TOTAL}`);
  if (KEYS.length !== DECLARED_TOTAL + 1) throw new Error("KEYS phải có đúng 79 khóa");
  if (headings.length !== 5) throw new Error(`Phụ lục I: đọc được ${headings.length} tiêu đề nhóm, cần 5`);

  const byPrinted = new Map<string, PlanRow>();
  for (const r of rows) {
    if (byPrinted.has(r.sttPrinted)) throw new Error(`Phụ lục I: STT "${r.sttPrinted}" lặp lại`);
    byPrinted.set(r.sttPrinted, r);
  }
  const planRow = (stt: string): PlanRow => {
    const r = byPrinted.get(stt);
    if (!r) throw new Error(`Phụ lục I: không có dòng STT "${stt}"`);
    return r;
  };
  const reportRow = (stt: number): ReportRow => {
    const r = report.get(stt);
    if (!r) throw new Error(`Phụ lục V: không có dòng STT ${stt}`);
    return r;
  };

  // 1. Working rows in catalog order.
  const rebuildByStt = new Map(GROUP_II_REBUILD.map((r) => [r.stt, r]));
  const rebuiltPrinted = new Set(GROUP_II_REBUILD.flatMap((r) => [r.name, r.values, r.agencies]).flatMap((s) => ("plan" in s ? [s.plan] : [])));
  const working: Working[] = [];
  for (let stt = 1; stt <= DECLARED_TOTAL; stt++) {
    const group = groupOf(stt, declared.counts);
    const rb = rebuildByStt.get(stt);
    if (rb) {
      const nameRow = "plan" in rb.name ? planRow(rb.name.plan) : null;
      const valRow = "plan" in rb.values ? planRow(rb.values.plan) : null;
      const agRow = planRow(rb.agencies.plan);
      let namePrinted: string;
      let unitRaw: string;
      if (nameRow) {
        namePrinted = nameRow.nameRaw;
        unitRaw = nameRow.unitRaw;
      } else {
        const rr = reportRow((rb.name as { report: number }).report);
        const unitGuess = valRow?.unitRaw ?? "";
        const split = splitReportPrefix(rr.prefix, unitGuess);
        if (split.unit === null) throw new Error(`Phụ lục V STT ${rr.stt}: không tách được tên/đơn vị`);
        namePrinted = split.name;
        unitRaw = split.unit;
      }
      let baselineRaw: string;
      let targetsRaw: string[];
      let fromReport = false;
      if (valRow) {
        baselineRaw = valRow.baselineRaw;
        targetsRaw = valRow.targetsRaw;
      } else {
        const rr = reportRow((rb.values as { report: number }).report);
        baselineRaw = rr.baseline;
        targetsRaw = [rr.t2025, rr.t2030];
        fromReport = true;
      }
      const used = [nameRow, valRow, agRow].filter((x): x is PlanRow => !!x);
      working.push({
        stt,
        sttPrinted: nameRow?.sttPrinted ?? "",
        group,
        namePrinted,
        unitRaw,
        baselineRaw,
        targetsRaw,
        targetsFromReport: fromReport,
        agencyRaw: agRow.agencyRaw,
        agencyFromNextLine: agRow.agencyFromNextLine,
        headingIndex: (nameRow ?? agRow).headingIndex,
        doubts: rb.doubts.map((d) => ({ ...d })),
        lines: used.map((u) => u.line),
        reconstructed: !nameRow,
      });
      continue;
    }
    const r = planRow(String(stt));
    if (rebuiltPrinted.has(r.sttPrinted)) throw new Error(`STT ${stt}: dòng đã dùng trong bảng sắp lại nhóm II`);
    working.push({
      stt,
      sttPrinted: r.sttPrinted,
      group,
      namePrinted: r.nameRaw,
      unitRaw: r.unitRaw,
      baselineRaw: r.baselineRaw,
      targetsRaw: r.targetsRaw,
      targetsFromReport: false,
      agencyRaw: r.agencyRaw,
      agencyFromNextLine: r.agencyFromNextLine,
      headingIndex: r.headingIndex,
      doubts: [],
      lines: [r.line],
      reconstructed: false,
    });
  }
  const usedPlanLines = new Set(working.flatMap((w) => w.lines));
  const unused = rows.filter((r) => !usedPlanLines.has(r.line));
  if (unused.length) throw new Error(`Phụ lục I: dòng chưa dùng: ${unused.map((r) => r.line).join(", ")}`);

  // 2. Build indicators.
  const crossCheck: CrossCheckDisagreement[] = [];
  const indicators: Indicator[] = working.map((w) => buildIndicator(w, headings, report, parse, crossCheck));

  // 2b. Group II as printed: where a name and the values beside it were not kept together, compare the
  // values printed beside the name with Phụ lục V too, so the disagreement between the documents stays visible.
  for (const rb of GROUP_II_REBUILD) {
    if (!("plan" in rb.name) || ("plan" in rb.values && rb.values.plan === rb.name.plan)) continue;
    const printed = planRow(rb.name.plan);
    const rr = reportRow(rb.stt);
    const key = KEYS[rb.stt]!;
    const pairs: [CrossCheckDisagreement["field"], string, string][] = [
      ["baseline", printed.baselineRaw, rr.baseline],
      ["2025", printed.targetsRaw[0] ?? "", rr.t2025],
      ["2030", printed.targetsRaw[1] ?? "", rr.t2030],
    ];
    for (const [field, planText, reportText] of pairs) {
      if (cellKey(planText) === cellKey(reportText)) continue;
      crossCheck.push({
        key,
        field,
        planText,
        reportText,
        note: `Phụ lục I in "${planText}" cùng dòng với tên chỉ tiêu này (dòng in số ${printed.sttPrinted}); do cột tên và cột giá trị của nhóm II bị lệch, danh mục dùng giá trị khớp Phụ lục V (xem nghi vấn của chỉ tiêu).`,
      });
    }
  }

  // 3. Keys sanity; every hand-decided value kind names a catalog indicator.
  checkManualKinds(indicators.map((i) => i.key));
  const seen = new Set<string>();
  for (const ind of indicators) {
    if (!/^[A-Z0-9_]+$/.test(ind.key)) throw new Error(`Khóa không hợp lệ: ${ind.key}`);
    if (seen.has(ind.key.toUpperCase())) throw new Error(`Khóa trùng: ${ind.key}`);
    seen.add(ind.key.toUpperCase());
  }

  // 4. Groups, missing, reconciliation.
  const groups = GROUPS.map((code, g) => {
    const fixes: { from: string; to: string }[] = [];
    return { code, name: applyOcr(headings[g]!.title, fixes), declaredCount: declared.counts[g]! };
  });
  const numbered = rows.filter((r) => r.sttPrinted !== "").length;
  const unnumbered = rows.length - numbered;
  const reconstructed = indicators.filter((i) => i.reconstructed);
  const missing: Catalog["missing"] = reconstructed.map((i) => ({
    stt: i.stt,
    group: i.group,
    reason: `Phụ lục I (bản trích xuất) không có dòng "${i.name}"; chỉ tiêu được dựng lại từ Phụ lục V (tên) và các ô giá trị bị lệch của Phụ lục I (xem nghi vấn của chỉ tiêu ${i.key}).`,
  }));
  const printedNums = rows.filter((r) => r.sttPrinted).map((r) => Number(r.sttPrinted));
  const absentNums: number[] = [];
  for (let n = 1; n <= DECLARED_TOTAL; n++) if (!printedNums.includes(n)) absentNums.push(n);
  const countBy = (g: GroupCode) => indicators.filter((i) => i.group === g).length;
  const heading = (g: number) => headings[g]!;
  const reconciliation = [
    `Kế hoạch 266-KH/TU khai báo ${declared.total} chỉ tiêu trong 5 nhóm: ${GROUPS.map((g, i) => `nhóm ${g} ${declared.counts[i]}`).join(", ")}.`,
    `Bản trích xuất Phụ lục I có ${rows.length} dòng chỉ tiêu: ${numbered} dòng có STT (không có STT ${absentNums.join(", ")}) và ${unnumbered} dòng không có STT (chỉ số HDI).`,
    `Thiếu ${DECLARED_TOTAL - rows.length} dòng, ở nhóm II: theo Phụ lục V của Báo cáo 2025-2030, nhóm II có 9 chỉ tiêu (STT 6-14); Phụ lục I mất tên chỉ tiêu STT ${reconstructed.map((i) => i.stt).join(", ")} ("${reconstructed.map((i) => i.name).join('", "')}") và mất giá trị chỉ tiêu STT 10, các dòng in số 8-12 tương ứng STT 9-13 của Phụ lục V.`,
    `${rows.length} dòng có trong Phụ lục I + ${missing.length} dòng thiếu (dựng lại từ Phụ lục V, có ghi nghi vấn) = ${indicators.length} chỉ tiêu trong danh mục, bằng con số ${declared.total} được khai báo.`,
    `Số chỉ tiêu theo nhóm trong danh mục: ${GROUPS.map((g) => `nhóm ${g} ${countBy(g)}`).join(", ")}; khớp số khai báo.`,
    `Tiêu đề nhóm IV trong bản trích xuất mất số thứ tự ("${heading(3).printed}") và in trước dòng 26; dòng 26 được xếp vào nhóm III theo số lượng khai báo (12) và Phụ lục V.`,
    `Tiêu đề nhóm V in sai là "${heading(4).printed}"; đã sửa thành "V ${groups[4]!.name}".`,
  ];
  for (const g of GROUPS) {
    const d = declared.counts[GROUPS.indexOf(g)]!;
    if (countBy(g) !== d) throw new Error(`Nhóm ${g}: ${countBy(g)} chỉ tiêu, khai báo ${d}`);
  }

  return withVersion<Catalog>({
    title: `${titleLines[0]}: ${titleLines[1]} ${titleLines[2]}`,
    groups,
    indicators,
    missing,
    reconciliation,
    crossCheck,
  });
}

export function planTitleLines(seedsDir: string): string[] {
  return parsePlan(readLines(seedsDir, PLAN_FILE)).titleLines;
}

function buildIndicator(
  w: Working,
  headings: PlanHeading[],
  report: Map<number, ReportRow>,
  parse: ParseFn,
  crossCheck: CrossCheckDisagreement[],
): Indicator {
  const key = KEYS[w.stt]!;
  const ocrFixes: { from: string; to: string }[] = [];
  const doubts = w.doubts;
  const rr = report.get(w.stt);

  // Name, footnote marker.
  let name = applyOcr(w.namePrinted, ocrFixes);
  let marker = MARKER_RE.exec(name);
  const reportMarker = rr ? /\(\*\)/.test(rr.prefix) : false;
  if (!marker && / ?\(%\)$/.test(name) && reportMarker) {
    // "(%)" at the end of a name where Phụ lục V prints "(*)": the star was read as a percent sign.
    ocrFixes.push({ from: "(%)", to: "(*)" });
    name = name.replace(/ ?\(%\)$/, " (*)");
    marker = MARKER_RE.exec(name);
  }
  if (marker) name = name.slice(0, marker.index).trim();
  const newNotAssessed = !!marker || reportMarker;
  if (!marker && reportMarker) {
    doubts.push({ field: "name", reason: "Phụ lục I không đánh dấu (*) cho chỉ tiêu này, nhưng Phụ lục V đánh dấu là chỉ tiêu mới, chưa có hướng dẫn đánh giá." });
  }
  if (name.includes("tích hợp với trực tuyến") && rr && rr.prefix.includes("trục liên thông dữ liệu cấp tỉnh")) {
    ocrFixes.push({ from: "tích hợp với trực tuyến", to: "tích hợp với trục liên thông dữ liệu cấp tỉnh" });
    name = name.replace("tích hợp với trực tuyến", "tích hợp với trục liên thông dữ liệu cấp tỉnh");
    doubts.push({ field: "name", reason: "Phụ lục I in \"…được tích hợp với trực tuyến\" (mất chữ); tên được hoàn chỉnh theo Phụ lục V: \"…tích hợp với trục liên thông dữ liệu cấp tỉnh\"." });
    crossCheck.push({
      key,
      field: "name",
      planText: w.namePrinted,
      reportText: name,
      note: "Phụ lục I mất chữ trong tên; danh mục dùng tên theo Phụ lục V.",
    });
  }

  const unit = applyOcr(w.unitRaw, ocrFixes);
  if (unit === "") doubts.push({ field: "unit", reason: "Đơn vị tính để trống trong Phụ lục I (và Phụ lục V)." });
  else if (unit === "-" || unit === "Có") doubts.push({ field: "unit", reason: `Đơn vị tính in là "${unit}", không phải một đơn vị đo; giữ nguyên như bản in.` });

  const cell = (printed: string, field: string): CatalogCell =>
    makeCell(applyOcr(printed, ocrFixes), parse, (msg) => doubts.push({ field, reason: `Không đọc được giá trị "${printed}": ${msg}` }));

  const baseline = cell(w.baselineRaw, "baseline");

  // Targets: 5 cells, 4 cells (one lost), or 2 from the report.
  let printedTargets: string[];
  const raw = w.targetsRaw;
  if (w.targetsFromReport) {
    printedTargets = [...raw, "", "", ""].slice(0, 5);
  } else if (raw.length === 5) {
    printedTargets = raw;
  } else if (raw.length === 4) {
    printedTargets = placeFourTargets(w, rr, doubts);
  } else {
    throw new Error(`STT ${w.stt}: ${raw.length} ô chỉ tiêu`);
  }
  const targets = {} as Record<TargetYear, CatalogCell>;
  TARGET_YEARS.forEach((y, i) => {
    targets[y] = cell(printedTargets[i]!, String(y));
  });

  // Agencies.
  const agencyText = applyOcr(w.agencyRaw, ocrFixes);
  const agencies = agencyText.split(";").map(clean).filter(Boolean);
  if (!agencies.length) doubts.push({ field: "agencies", reason: "Không có cơ quan chủ trì trong Phụ lục I." });
  if (w.agencyFromNextLine) {
    doubts.push({ field: "agencies", reason: "Tên cơ quan chủ trì nằm ở dòng kế tiếp trong bản trích xuất; đã gắn vào chỉ tiêu này (dòng cuối bảng)." });
  }

  // Group placement vs heading position.
  const printedGroupIdx = w.headingIndex;
  if (!w.reconstructed && GROUPS[printedGroupIdx] !== w.group) {
    doubts.push({
      field: "row",
      reason: `Trong Phụ lục I dòng này nằm dưới tiêu đề "${headings[printedGroupIdx]!.printed}"; xếp vào nhóm ${w.group} theo số lượng chỉ tiêu khai báo của từng nhóm và theo Phụ lục V.`,
    });
  }

  const direction: Direction =
    /^Thứ bậc/i.test(unit) ||
    Object.values(targets).some((c) => c.value.kind === "rankGroup" || (c.value.kind === "comparator" && (c.value.op === "<=" || c.value.op === "<")))
      ? "lower"
      : "higher";

  // Cross-check with Phụ lục V.
  if (!rr) {
    doubts.push({ field: "row", reason: "Không tìm thấy chỉ tiêu này trong Phụ lục V để đối chiếu." });
  } else {
    const split = splitReportPrefix(rr.prefix, w.unitRaw === "" ? "" : unit);
    const add = (field: CrossCheckDisagreement["field"], planText: string, reportText: string, note: string) => {
      crossCheck.push({ key, field, planText, reportText, note });
      doubts.push({ field, reason: `Phụ lục V ghi "${reportText}", Phụ lục I ghi "${planText}". ${note}` });
    };
    if (split.unit === null) {
      const reportUnit = clean(rr.prefix.slice(Math.max(0, rr.prefix.length - unit.length - 10)));
      add("unit", unit, reportUnit, "Đơn vị tính không khớp giữa hai văn bản.");
    } else if (!w.reconstructed) {
      const reportName = split.name.replace(/\s*\(\*\)\s*$/, "").replace(/\s*\(\*\)\s*/, " ").trim();
      if (compareKey(reportName) !== compareKey(name)) {
        add("name", name, reportName, "Tên chỉ tiêu khác nhau giữa hai văn bản; danh mục dùng tên theo Phụ lục I.");
      }
    }
    const cmp = (field: "baseline" | "2025" | "2030", mine: CatalogCell, theirs: string) => {
      if (cellKey(mine.printed) === cellKey(applyOcr(theirs, []))) return;
      add(field, mine.printed, theirs, "Giá trị khác nhau giữa hai văn bản; danh mục giữ giá trị của Phụ lục I.");
    };
    cmp("baseline", baseline, rr.baseline);
    cmp("2025", targets[2025], rr.t2025);
    cmp("2030", targets[2030], rr.t2030);
  }

  const lines = w.lines.length ? w.lines : [0];
  const kind = kindOf({ key, name, unit, baseline, targets: TARGET_YEARS.map((y) => targets[y]) });
  return {
    key,
    stt: w.stt,
    sttPrinted: w.sttPrinted,
    group: w.group,
    namePrinted: w.namePrinted,
    name,
    shortName: shortNameOf(name),
    ocrFixes,
    unit,
    direction,
    ...kind,
    baseline,
    targets,
    agencies,
    newNotAssessed,
    doubts,
    source: { file: PLAN_FILE, lines: [Math.min(...lines), Math.max(...lines)] },
    ...(w.reconstructed ? { reconstructed: true } : {}),
  };
}

/**
 * A row printed with 4 target cells for 5 years. Try each position for the lost cell; keep those
 * consistent with Phụ lục V's 2025 and 2030. Values fill the years left to right; if more than one
 * position is possible, the last possible year is left blank and the doubt says so.
 */
function placeFourTargets(w: Working, rr: ReportRow | undefined, doubts: Doubt[]): string[] {
  const raw = w.targetsRaw;
  const candidates: number[] = [];
  for (let p = 0; p < 5; p++) {
    const arr = [...raw.slice(0, p), "", ...raw.slice(p)];
    if (rr) {
      if (cellKey(arr[0]!) !== cellKey(rr.t2025)) continue;
      if (cellKey(arr[1]!) !== cellKey(rr.t2030)) continue;
    }
    candidates.push(p);
  }
  const years = TARGET_YEARS as readonly number[];
  const shown = raw.map((v) => `"${v}"`).join(", ");
  if (candidates.length === 1) {
    const p = candidates[0]!;
    doubts.push({
      field: String(years[p]),
      reason: `Dòng này trong Phụ lục I chỉ có 4 ô chỉ tiêu (${shown}) cho 5 mốc năm; đối chiếu Phụ lục V thì ô bị mất là năm ${years[p]}; để trống năm đó.`,
    });
    return [...raw.slice(0, p), "", ...raw.slice(p)];
  }
  const options = candidates.length ? candidates : [0, 1, 2, 3, 4];
  const lost = Math.max(...options);
  const arr = [...raw.slice(0, lost), "", ...raw.slice(lost)];
  const optYears = options.map((p) => years[p]).join(", ");
  const confirmed = rr && candidates.length
    ? `Phụ lục V xác nhận năm 2025 ("${rr.t2025}") và năm 2030 ("${rr.t2030}"), nên ô bị mất thuộc một trong các năm ${optYears}`
    : `Không có nguồn đối chiếu; ô bị mất có thể thuộc bất kỳ năm nào (${optYears})`;
  const after = raw.slice(Math.min(...options));
  const same = after.length > 0 && after.every((v) => v === after[0]) ? ` (có thể cũng là "${after[0]}")` : "";
  const reason = `Dòng này trong Phụ lục I chỉ có 4 ô chỉ tiêu (${shown}) cho 5 mốc năm. ${confirmed}; không xác định được năm nào. Tạm xếp các giá trị theo thứ tự từ trái sang và để trống năm ${years[lost]}${same}.`;
  for (const p of options) if (p >= Math.min(...options)) doubts.push({ field: String(years[p]), reason });
  return arr;
}
