/**
 * Derives the task catalog (Kế hoạch 266-KH/TU, Phụ lục II, III, IV) from the extracted plan text, and the status
 * wording of the department's results report (Báo cáo, Phụ lục II). Pure: reads the seeds, returns data.
 *
 * The extracted tables are damaged in places. What this file does about it, in order:
 *  1. finds the three tables by their header row ("STT | Tên nhiệm vụ | …") and takes their titles from §11 of
 *     the plan (the headings above the tables are garbled: "PHÒNG LỤC IV", no heading at all for Phụ lục III);
 *  2. reads every tab-separated row: a Roman numeral starts a section, digits a task, an empty first cell is a
 *     fragment of a row split by a page break; cells written as HTML paragraphs (merged cells) are spread back
 *     over their columns; 5-cell rows (a column lost) have their last cell placed by content (date → deadline);
 *  3. joins each fragment to its task with the explicit table ORPHANS (every fragment must be listed there, so a
 *     new one fails loudly), moves the task cells printed on a section heading to the task below it, and moves a
 *     deadline printed in the result column;
 *  4. applies the OCR fix table TASK_OCR_FIXES to names, results and headings; splits the agency cells and
 *     normalises the names (AGENCY_ALIASES), keeping every variant seen;
 *  5. parses every deadline (shared/tasks/deadline.ts) and flags what cannot be trusted.
 * Every inference stays visible as a Vietnamese doubt on the task. Keys: docs/TASKS.md.
 */
import { parseDeadline } from "../../shared/tasks/deadline.js";
import { parseTaskStatus } from "../../shared/tasks/status.js";
import type {
  AgencyKind,
  AppendixCode,
  ReportWording,
  Task,
  TaskAgency,
  TaskAppendix,
  TaskCatalog,
  TaskDoubt,
  TaskField,
  TaskOrphan,
  TaskSection,
  TaskStatus,
} from "../../shared/tasks/types.js";
import { PLAN_FILE, REPORT_FILE, applyOcr, clean, readLines, withVersion } from "./common.js";

const APPENDICES: AppendixCode[] = ["II", "III", "IV"];
const ROMAN_RE = /^(X|IX|VIII|VII|VI|V|IV|III|II|I)(?:\s+(.*))?$/;

/** OCR errors in the task tables (names, results, headings). Each application is recorded in the task's ocrFixes. */
export const TASK_OCR_FIXES: readonly { from: string; to: string }[] = [
  { from: "chuyên đổi", to: "chuyển đổi" },
  { from: "Chuyên đổi", to: "Chuyển đổi" },
  { from: "chuyên giao", to: "chuyển giao" },
  { from: "Đề án chuyên các", to: "Đề án chuyển các" },
  { from: "dột pha", to: "đột phá" },
  { from: "Thực đẩy", to: "Thúc đẩy" },
  { from: "khích thích", to: "kích thích" },
  { from: "da dạng hóa", to: "đa dạng hóa" },
  { from: "cảm nang", to: "cẩm nang" },
  { from: "Lê phát động", to: "Lễ phát động" },
  { from: "do lường", to: "đo lường" },
  { from: "đang ở tình", to: "đảng ở tỉnh" },
  { from: "Sổ hóa các hồ sơ", to: "Số hóa các hồ sơ" },
  { from: "phê đuyệt", to: "phê duyệt" },
  { from: "Công điện phối dữ liệu", to: "Cổng điều phối dữ liệu" },
  { from: "Công xuất nhập cảnh", to: "Cổng xuất nhập cảnh" },
  { from: "Công Dịch vụ công", to: "Cổng Dịch vụ công" },
  { from: "Công thông tin điện tử", to: "Cổng thông tin điện tử" },
  { from: "công thông tin điện tử", to: "cổng thông tin điện tử" },
  { from: "VNedID", to: "VNeID" },
  { from: "VNEdID", to: "VNeID" },
  { from: "VN eID", to: "VNeID" },
  { from: "Dảm bảo", to: "Đảm bảo" },
  { from: "bão đảm", to: "bảo đảm" },
  { from: "bao đảm", to: "bảo đảm" },
  { from: "dài ngõ", to: "đãi ngộ" },
  { from: "mục nước", to: "mực nước" },
  { from: "thảm canh", to: "thâm canh" },
  { from: "má vạch", to: "mã vạch" },
  { from: "nhà thuộc", to: "nhà thuốc" },
  { from: "bảng biển logistics", to: "cảng biển logistics" },
  { from: "thẻ hộ mới", to: "thế hệ mới" },
  { from: "sân giao dịch việc làm", to: "sàn giao dịch việc làm" },
  { from: "họp đồng lao động", to: "hợp đồng lao động" },
  { from: "Thành Hóa", to: "Thanh Hóa" },
  { from: "tinh Thanh Hóa", to: "tỉnh Thanh Hóa" },
  { from: "cấp tinh", to: "cấp tỉnh" },
  { from: "hành chính tinh", to: "hành chính tỉnh" },
  { from: "thiết bị tinh", to: "thiết bị tỉnh" },
  { from: "bù trích", to: "bố trí" },
  { from: "thông nhât", to: "thống nhất" },
  { from: "phurom thúc đổi tác công tur", to: "phương thức đối tác công tư" },
  { from: "Thuê xuất khẩu", to: "Thuế xuất khẩu" },
  { from: "thê chẽ", to: "thể chế" },
  { from: "Cấp nhất Khung", to: "Cập nhật Khung" },
  { from: "bản giao", to: "bàn giao" },
  { from: "một cua số", to: "một cửa số" },
  { from: "tri tuệ nhân tạo", to: "trí tuệ nhân tạo" },
  { from: "thông kê", to: "thống kê" },
];

// ------------------------------------------------------------------ agencies

/** Agency names that contain a comma or "và các" and must not be split. */
const PROTECTED_AGENCIES = [
  "Sở Văn hóa, Thể thao và Du lịch",
  "Bộ Văn hóa, Thể thao và Du lịch",
  "Ban Quản lý Khu Kinh tế Nghi Sơn và các KCN",
  "Ban Quản lý Khu Kinh tế Nghi sơn và các KCN",
  "Ban Quản lý KKT Nghi Sơn và các KCN",
];

/** Spelling variants (as split from the cells, first letter capitalised) → one name. */
export const AGENCY_ALIASES: Readonly<Record<string, string>> = {
  "Ban Tuyên Giáo và Dân vận Tỉnh ủy": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
  "Đài PTTH tỉnh": "Đài Phát thanh và Truyền hình tỉnh",
  "Đài PTTT tỉnh": "Đài Phát thanh và Truyền hình tỉnh",
  "Văn phòng Tỉnh uy": "Văn phòng Tỉnh ủy",
  "Công an tinh": "Công an tỉnh",
  "Üy Ban kiểm tra Tỉnh ủy": "Ủy ban Kiểm tra Tỉnh ủy",
  "Văn UBND tỉnh": "Văn phòng UBND tỉnh",
  "Sở Công thương": "Sở Công Thương",
  "Bộ Tài Chính": "Bộ Tài chính",
  "Ban Quản lý KKT Nghi Sơn và các KCN": "Ban Quản lý Khu Kinh tế Nghi Sơn và các KCN",
  "Ban Quản lý Khu Kinh tế Nghi sơn và các KCN": "Ban Quản lý Khu Kinh tế Nghi Sơn và các KCN",
  "Viện Nông nghiệp tinh": "Viện Nông nghiệp Thanh Hóa",
  "Trường Cao đẳng Công nghiệp": "Trường Cao đẳng Công nghiệp Thanh Hóa",
  "Bộ Chỉ huy Quân sự": "Bộ Chỉ huy Quân sự tỉnh",
  "Ủy ban MTTQ": "Ủy ban MTTQ Việt Nam tỉnh",
  "Doanh nghiệp Viễn thông - Công nghệ thông tin": "Các doanh nghiệp Viễn thông - Công nghệ thông tin",
  "Các cơ quan, đơn vị có liên quan": "Các cơ quan, đơn vị liên quan",
  "Các đơn vị có liên quan": "Các đơn vị liên quan",
};

/** Where one agency ends and the next begins inside a cell: after ";", or before ", X"/" và X" with X an agency start. */
const AGENCY_START =
  "(?:Sở|Bộ|Công an|Văn phòng|Ban|UBND|Ủy ban|Üy Ban|Liên hiệp|Trường|Viện|Báo|Đài|Cảng|Hiệp hội|Thanh tra|Bảo hiểm|Ngân hàng|Doanh nghiệp|[Cc]ác|[Cc]ấp ủy)\\s";
const SPLIT_RE = new RegExp(`\\s*;\\s*|,\\s+(?=${AGENCY_START})|\\s+và\\s+(?=${AGENCY_START})`, "u");

export function splitAgencies(cell: string): string[] {
  let s = clean(cell);
  if (!s) return [];
  const protectedNames: string[] = [];
  for (const p of PROTECTED_AGENCIES) {
    while (s.includes(p)) {
      s = s.replace(p, `\uE000${protectedNames.length}\uE000`);
      protectedNames.push(p);
    }
  }
  return s
    .split(SPLIT_RE)
    .map((x) => x.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => protectedNames[Number(i)]!))
    .map((x) => x.replace(/^[\s,.;]+|[\s,.;]+$/g, ""))
    .filter((x) => x !== "");
}

/** The name an agency piece is filed under. */
export function normalizeAgency(piece: string): string {
  const s = clean(piece);
  const cap = s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
  return AGENCY_ALIASES[cap] ?? cap;
}

/** A collective phrase rather than one body. */
export function isGroupAgency(name: string): boolean {
  return /^(Các|Cấp ủy)[\s,]/u.test(name) || ["UBND cấp xã", "Địa phương được lựa chọn"].includes(name);
}

// ------------------------------------------------------------------ the tables

interface Work {
  appendix: AppendixCode;
  section: TaskSection | null;
  stt: string;
  order: number;
  lines: number[];
  namePrinted: string;
  c3: string;
  c4: string;
  result: string;
  deadline: string;
  doubts: TaskDoubt[];
  key: string;
  /** The row had 5 cells (a column lost in this part of the table). */
  fiveCells: boolean;
}

type Col = "c3" | "c4" | "result" | "deadline";

interface OrphanRule {
  line: number;
  /** The fragment's non-empty cells, joined with " | ", exactly. */
  text: string;
  /** Key of the task the fragment belongs to; null = it cannot be placed (kept in `orphans`). */
  to: string | null;
  /** Which cell (index in the fragment's row) fills which column of the task. */
  cells?: Partial<Record<Col, number>>;
  /** For an unplaced fragment: tasks that get a doubt about it, and that doubt. */
  near?: { key: string; field: TaskField }[];
  note: string;
}

/**
 * Every row fragment (no STT, not a section) of the three tables. Fragments come just before the row they belong to
 * (the extractor emits the short cells of a tall row first), sometimes shifted one column to the left.
 */
const ORPHANS: OrphanRule[] = [
  {
    line: 752,
    text: "Công an tỉnh, các sở, ngành, đơn vị liên quan | Quyết định phê duyệt chủ trương đầu tư | Tháng 6/2025",
    to: null,
    near: [
      { key: "III.67", field: "lead" },
      { key: "III.68", field: "lead" },
    ],
    note: "Dòng rời giữa nhiệm vụ 66 và 67 (lệch một cột): không rõ thuộc nhiệm vụ nào.",
  },
  {
    line: 753,
    text: "Sở Y tế | Các sở, ngành, đơn vị liên quan | Quyết định phê duyệt chủ trương đầu tư | Tháng 6/2025",
    to: null,
    near: [
      { key: "III.67", field: "lead" },
      { key: "III.68", field: "lead" },
    ],
    note: "Dòng rời giữa nhiệm vụ 66 và 67 (lệch một cột, chủ trì “Sở Y tế”): có lẽ là các ô của nhiệm vụ 67 (dữ liệu y tế), nhưng không chắc.",
  },
  {
    line: 784,
    text: "Sở Khoa học và Công nghệ; Sở Tài chính; các địa phương, đơn vị liên quan | Quyết định phê duyệt dự án | Tháng 9/2026",
    to: "III.93",
    cells: { c4: 2, result: 3, deadline: 4 },
    note: "Dòng rời ngay trên nhiệm vụ 93 (lệch một cột trái); nhiệm vụ 93 chỉ có tên và cơ quan chủ trì.",
  },
  {
    line: 832,
    text: "Thực hiện theo kế hoạch, hướng dẫn của Trung ương | Tháng 5/2025",
    to: "IV.5",
    cells: { result: 4, deadline: 5 },
    note: "Dòng rời ngay trên nhiệm vụ 5; nhiệm vụ 5 để trống Kết quả và Thời hạn.",
  },
  {
    line: 839,
    text: "Văn bản tham gia ý kiến | Tháng 02/2025",
    to: "IV.9",
    cells: { result: 3, deadline: 4 },
    note: "Dòng rời ngay trên nhiệm vụ 9; nhiệm vụ 9 để trống Kết quả và Thời hạn.",
  },
  {
    line: 920,
    text: "Văn bản hướng dẫn | Thường xuyên",
    to: "IV.77",
    cells: { result: 3, deadline: 4 },
    note: "Dòng rời ngay trên nhiệm vụ 77 (nhiệm vụ 76 đã đủ ô); nhiệm vụ 77 chỉ có tên.",
  },
  {
    line: 921,
    text: "Bộ Quốc phòng | Bộ Chỉ huy Quân sự tỉnh",
    to: "IV.77",
    cells: { c3: 2, c4: 3 },
    note: "Dòng rời ngay trên nhiệm vụ 77; nhiệm vụ 77 chỉ có tên.",
  },
  {
    line: 932,
    text: "Tháng 9/2025",
    to: "IV.85",
    cells: { deadline: 4 },
    note: "Dòng rời ngay dưới nhiệm vụ 85 (đoạn bảng mất một cột); nhiệm vụ 85 không có thời hạn, dòng dưới đó đã đủ ô.",
  },
];

/** Doubts about wording the extraction damaged beyond a safe fix. */
const TEXT_DOUBTS: { key: string; field: TaskField; reason: string }[] = [
  { key: "II.5", field: "result", reason: "Ô Kết quả in “Phản dame đạt tỷ lệ 5%” (lỗi trích xuất); có lẽ là “Phấn đấu đạt tỷ lệ 5%”." },
  { key: "III.40", field: "name", reason: "Tên có đoạn lỗi trích xuất “bẩn dossal”; có lẽ là “bán dẫn” (nhân lực công nghiệp bán dẫn)." },
  { key: "III.65", field: "name", reason: "Tên có đoạn lỗi trích xuất “cản thiêt gian”; không đọc chắc được (có thể là “cắt giảm thời gian”)." },
  { key: "IV.89", field: "name", reason: "Cuối tên có đoạn lỗi trích xuất “dệt phẩ.”; không đọc được." },
];

const COLUMN_NAMES: Record<AppendixCode, Record<Col, string>> = {
  II: { c3: "Cơ quan chủ trì", c4: "Cơ quan phối hợp", result: "Kết quả", deadline: "Thời gian hoàn thành" },
  III: { c3: "Cơ quan chủ trì", c4: "Cơ quan phối hợp", result: "Kết quả", deadline: "Thời gian hoàn thành" },
  IV: { c3: "Bộ, ngành chủ trì", c4: "Đơn vị của tỉnh chủ trì phối hợp", result: "Kết quả", deadline: "Thời gian hoàn thành" },
};

function colField(appendix: AppendixCode, c: Col): TaskField {
  if (c === "c3") return appendix === "IV" ? "centralLead" : "lead";
  if (c === "c4") return appendix === "IV" ? "lead" : "cooperating";
  return c;
}

/** Cells of a line, HTML paragraphs (merged cells) spread over the columns they stand for. */
function splitCells(line: string): { cells: string[]; merged: boolean } {
  const raw = line.split("\t");
  if (!line.includes("<p>")) return { cells: raw.map(clean), merged: false };
  const cells: string[] = [];
  raw.forEach((c, i) => {
    const paras = [...c.matchAll(/<p>(.*?)<\/p>/g)].map((m) => clean(m[1]!));
    if (!paras.length) cells.push(clean(c));
    else if (i <= 1) cells.push(paras.join(" ")); // STT, name: one cell written as several paragraphs
    else cells.push(...paras);
  });
  return { cells, merged: true };
}

/** A cell that reads as a deadline: a date, "Thường xuyên", "Hàng năm" ("Hoàn thành" alone is a result, not a deadline). */
const isDeadlineText = (s: string) => s !== "" && !["unknown", "done"].includes(parseDeadline(s).kind);

function doubt(w: Work, field: TaskField, reason: string) {
  if (!w.doubts.some((d) => d.field === field && d.reason === reason)) w.doubts.push({ field, reason });
}

interface ParsedTable {
  appendix: AppendixCode;
  headerLine: number;
  columns: string[];
  titlePrinted: string[];
  sections: TaskSection[];
  works: Work[];
  orphans: TaskOrphan[];
  lastStt: number;
}

function parseTable(lines: string[], appendix: AppendixCode, header: number, ocr: (s: string) => string): ParsedTable {
  const columns = lines[header]!.split("\t").map(clean);
  const titlePrinted: string[] = [];
  for (let i = Math.max(0, header - 7); i < header; i++) {
    const t = clean(lines[i]!.replace(/\*\*/g, ""));
    if (/^\d+$/.test(t) || lines[i]!.includes("\t")) titlePrinted.length = 0;
    else if (t) titlePrinted.push(t);
  }
  const sections: TaskSection[] = [];
  const works: Work[] = [];
  const pending: { line: number; cells: string[] }[] = [];
  let section: TaskSection | null = null;
  let carry: { line: number; cells: string[] } | null = null;
  let i = header + 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    if (!line.includes("\t")) break; // end of the table (page number, next title)
    const { cells, merged } = splitCells(line);
    const first = cells[0]!;
    const sec = appendix === "II" ? null : ROMAN_RE.exec(first);
    if (sec) {
      section = { code: sec[1]!, title: ocr(sec[2] ? clean(sec[2]) : cells[1]!) };
      sections.push(section);
      const rest = sec[2] ? cells.slice(1) : cells.slice(2);
      if (rest.some((c) => c !== "")) carry = { line: i + 1, cells: ["", "", ...(sec[2] ? rest.slice(1) : rest)] };
      continue;
    }
    if (/^\d+$/.test(first) || first === "") {
      const isTask = /^\d+$/.test(first) || (cells[1] !== "" && cells.length >= 6 && cells.slice(2).some((c) => c));
      // an unnumbered row with a name is a task (Phụ lục II after 6, Phụ lục IV after 85); anything else is a fragment
      if (!isTask || (first === "" && ORPHANS.some((o) => o.line === i + 1))) {
        pending.push({ line: i + 1, cells });
        continue;
      }
      const w: Work = {
        appendix,
        section,
        stt: first,
        order: works.length + 1,
        lines: [i + 1],
        namePrinted: cells[1] ?? "",
        c3: "",
        c4: "",
        result: "",
        deadline: "",
        doubts: [],
        key: "",
        fiveCells: cells.length === 5,
      };
      if (cells.length >= 6) {
        if (cells.slice(6).some((c) => c !== "")) throw new Error(`${PLAN_FILE}:${i + 1}: dòng có hơn 6 ô: ${line}`);
        [w.c3, w.c4, w.result, w.deadline] = [cells[2]!, cells[3]!, cells[4]!, cells[5]!];
      } else if (cells.length === 5) {
        [w.c3, w.c4] = [cells[2]!, cells[3]!];
        const last = cells[4]!;
        if (isDeadlineText(last)) w.deadline = last;
        else w.result = last;
        doubt(
          w,
          "row",
          last
            ? `Đoạn bảng này trong bản trích xuất chỉ có 5 cột (mất một cột): ô cuối “${last}” được xếp vào ${
                isDeadlineText(last) ? "Thời gian hoàn thành" : "Kết quả"
              } theo nội dung.`
            : "Đoạn bảng này trong bản trích xuất chỉ có 5 cột (mất một cột), ô cuối để trống.",
        );
      } else throw new Error(`${PLAN_FILE}:${i + 1}: dòng có ${cells.length} ô: ${line}`);
      if (merged) {
        doubt(w, "row", "Các ô của dòng này bị gộp trong bản trích xuất (ô dạng HTML); đã tách lại theo thứ tự cột.");
      }
      if (carry) {
        const cols: Col[] = ["c3", "c4", "result", "deadline"];
        const moved = cols.filter((c, k) => carry!.cells[k + 2] !== "");
        if (moved.some((c) => w[c] !== "")) throw new Error(`${PLAN_FILE}:${carry.line}: ô trên dòng tiêu đề mục không chuyển được`);
        moved.forEach((c) => (w[c] = carry!.cells[cols.indexOf(c) + 2]!));
        w.lines.unshift(carry.line);
        doubt(
          w,
          "row",
          `Các ô ${moved.map((c) => COLUMN_NAMES[appendix][c]).join(", ")} của nhiệm vụ này in trên dòng tiêu đề mục ${section!.code} (dòng ${carry.line} của bản trích xuất), còn dòng của nhiệm vụ để trống: ô bị gộp khi trích xuất; đã chuyển về nhiệm vụ.`,
        );
        carry = null;
      }
      works.push(w);
      continue;
    }
    throw new Error(`${PLAN_FILE}:${i + 1}: dòng không nhận dạng được: ${line}`);
  }
  if (carry) throw new Error(`${PLAN_FILE}:${carry.line}: ô trên dòng tiêu đề mục không có nhiệm vụ nhận`);
  const numbers = works.filter((w) => w.stt).map((w) => Number(w.stt));
  assignKeys(works, appendix);
  const orphans = placeOrphans(works, pending, appendix);
  hintMergedDeadlines(works);
  return { appendix, headerLine: header + 1, columns, titlePrinted, sections, works, orphans, lastStt: Math.max(...numbers) };
}

/**
 * Key rule: "<appendix>.<STT>". An unnumbered row takes the one number missing between its neighbours when exactly one
 * is missing (IV.86); otherwise the previous STT with a letter (II.6a, then b, c…). Both carry a doubt.
 */
function assignKeys(works: Work[], appendix: AppendixCode) {
  const printed = new Set(works.filter((w) => w.stt).map((w) => Number(w.stt)));
  works.forEach((w, k) => {
    if (w.stt) {
      w.key = `${appendix}.${w.stt}`;
      return;
    }
    const prev = works.slice(0, k).reverse().find((x) => x.stt);
    const next = works.slice(k + 1).find((x) => x.stt);
    const p = prev ? Number(prev.stt) : 0;
    const n = next ? Number(next.stt) : p + 1;
    const between = next ? `giữa nhiệm vụ ${p} và ${n}` : `sau nhiệm vụ ${p}`;
    if (n - p === 2 && !printed.has(p + 1) && !works.slice(0, k).some((x) => x.key === `${appendix}.${p + 1}`)) {
      w.key = `${appendix}.${p + 1}`;
      doubt(
        w,
        "stt",
        `Dòng không có STT, in ${between}, và bảng không có STT ${p + 1}: nhiều khả năng đây là nhiệm vụ ${p + 1} bị mất số khi trích xuất (khóa ${w.key}).`,
      );
      return;
    }
    let letter = 0;
    do w.key = `${appendix}.${p}${String.fromCharCode(97 + letter++)}`;
    while (works.some((x) => x !== w && x.key === w.key));
    doubt(w, "stt", `Dòng không có STT, in ${between}; được coi là một nhiệm vụ riêng, khóa ${w.key} (STT dòng trước + chữ cái).`);
  });
}

/**
 * In a 5-column stretch, a row without a deadline may share a vertically merged cell with a row below it that has one
 * (IV.78–79 above IV.80 "Tháng 6/2026"). Not filled in: the doubt names the candidate.
 */
function hintMergedDeadlines(works: Work[]) {
  works.forEach((w, k) => {
    if (!w.fiveCells || w.deadline !== "") return;
    let below: Work | undefined;
    for (let j = k + 1; j < works.length && works[j]!.fiveCells; j++) {
      if (works[j]!.deadline !== "") {
        below = works[j];
        break;
      }
    }
    doubt(
      w,
      "deadline",
      `Không có thời hạn trong bản trích xuất (đoạn bảng mất một cột).${
        below ? ` Có thể là ô gộp dọc với nhiệm vụ ${below.key} bên dưới (“${below.deadline}”); chưa tự điền, cần đối chiếu bản gốc.` : ""
      }`,
    );
  });
}

function placeOrphans(works: Work[], pending: { line: number; cells: string[] }[], appendix: AppendixCode): TaskOrphan[] {
  const out: TaskOrphan[] = [];
  for (const p of pending) {
    const rule = ORPHANS.find((o) => o.line === p.line);
    const text = p.cells.filter((c) => c !== "").join(" | ");
    if (!rule) throw new Error(`${PLAN_FILE}:${p.line}: dòng rời chưa có trong bảng ORPHANS: ${text}`);
    if (rule.text !== text) throw new Error(`${PLAN_FILE}:${p.line}: dòng rời khác bảng ORPHANS: “${text}”`);
    if (rule.to === null) {
      out.push({ appendix, line: p.line, cells: p.cells, note: rule.note });
      for (const n of rule.near ?? []) {
        const w = works.find((x) => x.key === n.key);
        if (!w) throw new Error(`ORPHANS ${p.line}: không có nhiệm vụ ${n.key}`);
        doubt(
          w,
          n.field,
          `Ngay trên nhiệm vụ này có dòng rời không ghép được (dòng ${p.line}: “${text}”). ${rule.note} Các ô của nhiệm vụ này có thể bị lệch dòng; cần đối chiếu bản gốc.`,
        );
      }
      continue;
    }
    const w = works.find((x) => x.key === rule.to);
    if (!w) throw new Error(`ORPHANS ${p.line}: không có nhiệm vụ ${rule.to}`);
    const filled: Col[] = [];
    for (const [col, idx] of Object.entries(rule.cells ?? {}) as [Col, number][]) {
      const v = p.cells[idx] ?? "";
      if (v === "") throw new Error(`ORPHANS ${p.line}: ô ${idx} trống`);
      if (w[col] !== "") throw new Error(`ORPHANS ${p.line}: ${rule.to} đã có ${col} “${w[col]}”`);
      w[col] = v;
      filled.push(col);
    }
    w.lines.push(p.line);
    w.lines.sort((a, b) => a - b);
    for (const col of filled) {
      doubt(
        w,
        colField(appendix, col),
        `Ô ${COLUMN_NAMES[appendix][col]} lấy từ một dòng rời không có STT (dòng ${p.line} của bản trích xuất), do bảng bị ngắt khi trích xuất. ${rule.note}`,
      );
    }
  }
  return out;
}

// ------------------------------------------------------------------ titles from §11

function officialTitles(lines: string[]): Record<AppendixCode, string> {
  const start = lines.findIndex((l) => /^11\. Danh mục các nhiệm vụ cụ thể/.test(l.trim()));
  if (start < 0) throw new Error(`${PLAN_FILE}: không tìm thấy mục “11. Danh mục các nhiệm vụ cụ thể”`);
  const items: string[] = [];
  for (let i = start + 1; i < lines.length && items.length <= 3; i++) {
    const t = clean(lines[i]!);
    if (!t) continue;
    if (t.startsWith("- ")) items.push(t.slice(2));
    else if (items.length && !/\(\*Chi tiết tại Phụ lục/.test(items.at(-1)!)) items[items.length - 1] += " " + t;
    else break;
  }
  const out: Partial<Record<AppendixCode, string>> = {};
  for (const it of items) {
    const m = /^(.*?)\s*\(\*Chi tiết tại Phụ lục (II|III|IV) kèm theo\*\)\.?$/.exec(it);
    if (m) out[m[2] as AppendixCode] = m[1]!;
  }
  for (const a of APPENDICES) if (!out[a]) throw new Error(`${PLAN_FILE}: mục 11 không có tên Phụ lục ${a}`);
  return out as Record<AppendixCode, string>;
}

// ------------------------------------------------------------------ report wording (Báo cáo, Phụ lục II)

function reportWording(lines: string[]): ReportWording {
  const start = lines.findIndex((l) => l.trim() === "Phụ lục II.");
  const end = lines.findIndex((l, i) => i > start && /^Phụ lục III\./.test(l.trim()));
  if (start < 0 || end < 0) throw new Error(`${REPORT_FILE}: không tìm thấy Phụ lục II`);
  const byWording = new Map<string, { wording: string; status: TaskStatus | null; lines: number[]; first: number }>();
  // the status cell is a line of its own that begins with a status wording, followed by at most 3 more words
  const known = /^(Đang thực hiện|Đã tổ chức triển khai|Đã hoàn thành|Đã thực hiện|Chưa thực hiện|Dừng thực hiện)(\s+\S+){0,3}$/;
  for (let i = start + 1; i < end; i++) {
    const t = clean(lines[i]!);
    if (!known.test(t)) continue;
    const p = parseTaskStatus(t);
    const wording = p.wording ?? t;
    const e = byWording.get(wording) ?? { wording, status: p.ok ? p.status : null, lines: [], first: i };
    e.lines.push(i + 1);
    byWording.set(wording, e);
  }
  const entries = [...byWording.values()]
    .sort((a, b) => b.lines.length - a.lines.length || a.first - b.first)
    .map((e) => ({ wording: e.wording, count: e.lines.length, status: e.status, lines: e.lines }));
  return {
    source: { file: REPORT_FILE, lines: [start + 1, end] },
    entries,
    sentence: entries.map((e) => `${e.wording} ${e.count}`).join(", "),
  };
}

// ------------------------------------------------------------------ assemble

export function deriveTasks(seedsDir: string): TaskCatalog {
  const lines = readLines(seedsDir, PLAN_FILE);
  const headers = lines.flatMap((l, i) => (/^STT\tTên nhiệm vụ\t/.test(l) ? [i] : []));
  if (headers.length !== 3) throw new Error(`${PLAN_FILE}: cần 3 bảng nhiệm vụ, thấy ${headers.length}`);
  if (!lines[headers[2]!]!.includes("Bộ, ngành chủ trì")) throw new Error(`${PLAN_FILE}: bảng thứ ba không phải Phụ lục IV`);
  const titles = officialTitles(lines);

  const tasks: Task[] = [];
  const appendices: TaskAppendix[] = [];
  const orphans: TaskOrphan[] = [];
  // section headings get the same OCR fixes (not recorded: headings have no ocrFixes field)
  const tables = APPENDICES.map((a, k) => parseTable(lines, a, headers[k]!, (s) => applyOcr(s, [], TASK_OCR_FIXES)));
  const usedRule = new Set(tables.flatMap((t) => t.works.flatMap((w) => w.lines)));
  for (const o of ORPHANS) if (!usedRule.has(o.line) && !tables.some((t) => t.orphans.some((x) => x.line === o.line))) {
    throw new Error(`ORPHANS ${o.line}: không gặp dòng này trong bảng`);
  }

  for (const t of tables) {
    const seenNames = new Map<string, string>();
    for (const w of t.works) {
      const ocrFixes: { from: string; to: string }[] = [];
      const name = applyOcr(w.namePrinted, ocrFixes, TASK_OCR_FIXES);
      let result = w.result;
      let deadline = w.deadline;
      // a deadline printed in the result column, with the deadline cell blank
      if (deadline === "" && isDeadlineText(result)) {
        doubt(w, "deadline", `Ô Thời gian hoàn thành để trống, còn ô Kết quả ghi “${result}” (giống thời hạn): hiểu là thời hạn, ô Kết quả để trống.`);
        doubt(w, "result", `Ô Kết quả in “${result}”, đã được hiểu là thời hạn (lệch cột); kết quả không rõ.`);
        deadline = result;
        result = "";
      } else if (isDeadlineText(result)) {
        doubt(w, "result", `Ô Kết quả ghi “${result}”, giống một thời hạn hơn là sản phẩm; có thể lệch cột.`);
      }
      result = applyOcr(result, ocrFixes, TASK_OCR_FIXES);
      const leadCell = t.appendix === "IV" ? w.c4 : w.c3;
      const coopCell = t.appendix === "IV" ? "" : w.c4;
      const centralCell = t.appendix === "IV" ? w.c3 : "";
      const leads = [...new Set(splitAgencies(leadCell).map(normalizeAgency))];
      const cooperating = [...new Set(splitAgencies(coopCell).map(normalizeAgency))];
      const centralLeads = [...new Set(splitAgencies(centralCell).map(normalizeAgency))];
      const parsed = parseDeadline(deadline);

      if (!name && !leadCell && !result && !deadline) {
        doubt(w, "row", `Dòng STT ${w.stt} trong bản trích xuất chỉ có số thứ tự, mọi ô khác trống: nội dung nhiệm vụ bị mất khi trích xuất PDF.`);
      } else if (!name) doubt(w, "name", "Không có tên nhiệm vụ trong bản trích xuất.");
      if (!leads.length) doubt(w, "lead", `Không có ${t.appendix === "IV" ? "đơn vị của tỉnh chủ trì phối hợp" : "cơ quan chủ trì"} trong bản trích xuất.`);
      if (t.appendix === "IV" && !centralLeads.length && name) doubt(w, "centralLead", "Không có bộ, ngành chủ trì trong bản trích xuất.");
      if (!result && name && !w.doubts.some((d) => d.field === "result")) doubt(w, "result", "Không có kết quả (sản phẩm) trong bản trích xuất.");
      if (parsed.kind === "unknown" && !w.doubts.some((d) => d.field === "deadline")) {
        doubt(w, "deadline", deadline ? `Không đọc được thời hạn: ${parsed.reason}` : "Không có thời hạn trong bản trích xuất.");
      }
      const both = leads.filter((a) => cooperating.includes(a));
      if (both.length) doubt(w, "cooperating", `${both.join(", ")} vừa là cơ quan chủ trì vừa là cơ quan phối hợp.`);
      if (name) {
        const dup = seenNames.get(name);
        if (dup) doubt(w, "name", `Tên nhiệm vụ trùng nguyên văn với ${dup} (có thể in lặp).`);
        else seenNames.set(name, w.key);
      }
      for (const d of TEXT_DOUBTS.filter((x) => x.key === w.key)) doubt(w, d.field, d.reason);

      tasks.push({
        key: w.key,
        appendix: t.appendix,
        section: w.section,
        stt: w.stt,
        order: w.order,
        name,
        namePrinted: w.namePrinted,
        leads,
        cooperating,
        centralLeads,
        leadPrinted: clean(leadCell),
        cooperatingPrinted: clean(coopCell),
        centralLeadPrinted: clean(centralCell),
        result,
        deadline: { printed: clean(deadline), value: parsed },
        ocrFixes,
        doubts: w.doubts,
        source: { file: PLAN_FILE, lines: w.lines },
      });
    }
    orphans.push(...t.orphans);
    appendices.push({
      code: t.appendix,
      title: titles[t.appendix],
      titlePrinted: t.titlePrinted,
      columns: t.columns,
      sections: t.sections,
      lastStt: t.lastStt,
      count: t.works.length,
      headerLine: t.headerLine,
    });
  }
  for (const d of TEXT_DOUBTS) if (!tasks.some((t) => t.key === d.key)) throw new Error(`TEXT_DOUBTS: không có nhiệm vụ ${d.key}`);
  const keys = tasks.map((t) => t.key.toUpperCase());
  if (new Set(keys).size !== keys.length) throw new Error("Khóa nhiệm vụ bị trùng");

  return withVersion<TaskCatalog>({
    title: "Danh mục các nhiệm vụ cụ thể (Phụ lục II, III, IV kèm theo Kế hoạch số 266-KH/TU ngày 26/4/2025 của Ban Thường vụ Tỉnh ủy)",
    source: { file: PLAN_FILE },
    appendices,
    tasks,
    agencies: collectAgencies(tasks),
    orphans,
    reconciliation: reconcile(appendices, tasks, orphans, tables),
    reportWording: reportWording(readLines(seedsDir, REPORT_FILE)),
  });
}

function collectAgencies(tasks: Task[]): TaskAgency[] {
  const map = new Map<string, TaskAgency>();
  const add = (printedCell: string, role: "lead" | "cooperating" | "central") => {
    for (const piece of splitAgencies(printedCell)) {
      const name = normalizeAgency(piece);
      const a = map.get(name) ?? { name, kind: "unit" as AgencyKind, variants: [], leadCount: 0, cooperatingCount: 0, centralCount: 0 };
      const spelled = clean(piece);
      const capitalised = spelled.charAt(0).toLocaleUpperCase("vi") + spelled.slice(1);
      if (capitalised !== name && !a.variants.includes(capitalised)) a.variants.push(capitalised);
      map.set(name, a);
    }
    for (const name of new Set(splitAgencies(printedCell).map(normalizeAgency))) {
      const a = map.get(name)!;
      if (role === "lead") a.leadCount++;
      else if (role === "cooperating") a.cooperatingCount++;
      else a.centralCount++;
    }
  };
  for (const t of tasks) {
    add(t.leadPrinted, "lead");
    add(t.cooperatingPrinted, "cooperating");
    add(t.centralLeadPrinted, "central");
  }
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
  const order: AgencyKind[] = ["unit", "group", "central"];
  return [...map.values()]
    .map((a) => ({
      ...a,
      kind: (a.centralCount > 0 && a.leadCount + a.cooperatingCount === 0 ? "central" : isGroupAgency(a.name) ? "group" : "unit") as AgencyKind,
      variants: [...a.variants].sort(),
    }))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (fold(a.name) < fold(b.name) ? -1 : fold(a.name) > fold(b.name) ? 1 : 0));
}

function reconcile(appendices: TaskAppendix[], tasks: Task[], orphans: TaskOrphan[], tables: ParsedTable[]): string[] {
  const out: string[] = [];
  let numbered = 0;
  for (const a of appendices) {
    const ts = tasks.filter((t) => t.appendix === a.code);
    const withStt = ts.filter((t) => t.stt);
    const without = ts.filter((t) => !t.stt);
    numbered += withStt.length;
    const printed = new Set(withStt.map((t) => Number(t.stt)));
    const missing = Array.from({ length: a.lastStt }, (_, k) => k + 1).filter((n) => !printed.has(n));
    const parts = [
      `Phụ lục ${a.code}: bảng đánh số 1–${a.lastStt}${a.sections.length ? ` trong ${a.sections.length} mục (${a.sections[0]!.code}–${a.sections.at(-1)!.code})` : ""}`,
      missing.length ? `, không có STT ${missing.join(", ")}` : "",
      `; bản trích xuất có ${withStt.length} dòng có STT`,
      without.length
        ? ` + ${without.length} dòng không có STT (${without.map((t) => `khóa ${t.key}`).join(", ")})`
        : "",
      ` = ${ts.length} nhiệm vụ`,
      ts.length === a.lastStt ? `, bằng STT cuối ${a.lastStt}.` : `, STT cuối là ${a.lastStt}.`,
    ];
    out.push(parts.join(""));
    const table = tables.find((t) => t.appendix === a.code)!;
    const joined = ORPHANS.filter((o) => o.to?.startsWith(`${a.code}.`) && table.works.some((w) => w.lines.includes(o.line)));
    const kept = orphans.filter((o) => o.appendix === a.code);
    if (joined.length || kept.length) {
      out.push(
        `Phụ lục ${a.code}: ${joined.length + kept.length} dòng rời (mảnh của dòng bị ngắt trang)` +
          (joined.length ? `; ghép vào nhiệm vụ: ${joined.map((o) => `dòng ${o.line} → ${o.to}`).join(", ")}` : "") +
          (kept.length ? `; không ghép được: ${kept.map((o) => `dòng ${o.line}`).join(", ")} (giữ trong orphans, nghi vấn ghi ở nhiệm vụ gần đó)` : "") +
          ".",
      );
    }
    const empty = ts.filter((t) => t.doubts.some((d) => d.field === "row" && d.reason.includes("chỉ có số thứ tự")));
    if (empty.length) out.push(`Phụ lục ${a.code}: ${empty.map((t) => t.key).join(", ")} chỉ có số thứ tự, không có nội dung; vẫn giữ trong danh mục (có nghi vấn).`);
  }
  const total = tasks.length;
  out.push(
    `Tổng cộng ${appendices.map((a) => a.count).join(" + ")} = ${total} nhiệm vụ: ${numbered} dòng có STT và ${total - numbered} dòng không có STT.`,
  );
  const flagged = tasks.filter((t) => t.doubts.length).length;
  out.push(`${flagged} nhiệm vụ có nghi vấn (doubts), ${tasks.reduce((n, t) => n + t.doubts.length, 0)} nghi vấn; mỗi nghi vấn nói ô nào và vì sao.`);
  const heading = appendices.map((a) => `Phụ lục ${a.code}: “${a.titlePrinted.join(" ")}”`).join("; ");
  out.push(`Tiêu đề in phía trên các bảng bị lỗi trích xuất (${heading}); tên phụ lục lấy theo mục 11 của Kế hoạch.`);
  return out;
}
