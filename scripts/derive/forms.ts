/**
 * Derives the three form definitions (biểu mẫu) from the seeds and the catalog:
 *  - pl1-tinh: provincial Phụ lục I for departments (79 indicators, 5 groups);
 *  - pl1-xa:   commune/ward Phụ lục 1 (21 indicators with the commune's own 2025 targets);
 *  - pl2-xa:   commune/ward Phụ lục 2 task list (rows added by the unit), followed up with status, spend and result;
 *  - tiendo-nv: task progress of provincial units over the plan's Phụ lục II–IV (scripts/derive/progress-form.ts).
 */
import type { Catalog, CatalogCell, Doubt, GroupCode, Indicator } from "../../shared/catalog/types.js";
import type { ColumnDef, FormDef, FormRow, HeaderCell } from "../../shared/forms/types.js";
import type { TaskCatalog } from "../../shared/tasks/types.js";
import { planTitleLines } from "./catalog.js";
import { deriveProgressForm } from "./progress-form.js";
import { deriveTasks } from "./tasks.js";
import { rowKind } from "./kinds.js";
import { COMMUNE_FILE, type ParseFn, applyOcr, defaultParse, cellKey, clean, compareKey, makeCell, readLines, withVersion } from "./common.js";

export interface FormsFile {
  version: string;
  catalogVersion: string;
  forms: FormDef[];
}

const INPUT_COLUMNS: ColumnDef[] = [
  { id: "actual", header: "Thực hiện kỳ báo cáo", role: "input", kind: "indicatorValue", width: 16 },
  { id: "projected", header: "Ước thực hiện cả năm", role: "input", kind: "indicatorValue", width: 16 },
  { id: "note", header: "Ghi chú", role: "input", kind: "text", width: 28 },
];

function span(text: string, row: number, col: number, rowSpan = 1, colSpan = 1): HeaderCell {
  return { text, row, col, rowSpan, colSpan };
}

function provincialForm(catalog: Catalog, title: string[]): FormDef {
  const yearCols: ColumnDef[] = [2025, 2030, 2035, 2040, 2045].map((y) => ({
    id: `target${y}`,
    header: `Năm ${y}`,
    role: "catalog",
    kind: "indicatorValue",
    width: 11,
  }));
  const columns: ColumnDef[] = [
    { id: "stt", header: "STT", role: "catalog", kind: "stt", width: 6 },
    { id: "name", header: "Nội dung chỉ tiêu", role: "catalog", kind: "text", width: 60 },
    { id: "unit", header: "Đơn vị tính/đo lường", role: "catalog", kind: "text", width: 14 },
    { id: "baseline", header: "Hiện trạng (tháng 3/2025)", role: "catalog", kind: "indicatorValue", width: 16 },
    ...yearCols,
    { id: "agencies", header: "Cơ quan, đơn vị chủ trì tham mưu; theo dõi, báo cáo", role: "catalog", kind: "text", width: 30 },
    ...INPUT_COLUMNS,
  ];
  const header: HeaderCell[] = [
    span("STT", 0, 0, 2),
    span("Nội dung chỉ tiêu", 0, 1, 2),
    span("Đơn vị tính/đo lường", 0, 2, 2),
    span("CHỈ TIÊU", 0, 3, 1, 6),
    span("Cơ quan, đơn vị chủ trì tham mưu; theo dõi, báo cáo", 0, 9, 2),
    span("Thực hiện kỳ báo cáo", 0, 10, 2),
    span("Ước thực hiện cả năm", 0, 11, 2),
    span("Ghi chú", 0, 12, 2),
    span("Hiện trạng (tháng 3/2025)", 1, 3),
    ...yearCols.map((c, i) => span(c.header, 1, 4 + i)),
  ];
  const rows: FormRow[] = [];
  for (const g of catalog.groups) {
    rows.push({ type: "group", group: g.code, label: g.code, title: g.name });
    for (const ind of catalog.indicators.filter((i) => i.group === g.code)) {
      rows.push({ type: "indicator", item: ind.key, stt: String(ind.stt), indicatorKey: ind.key });
    }
  }
  return { id: "pl1-tinh", kind: "indicators", audience: "department", title, headerRows: 2, header, columns, rows };
}

// ------------------------------------------------------------------ commune Phụ lục 1

interface CommuneRow {
  tt: string;
  group: GroupCode;
  groupLabel: string;
  groupTitle: string;
  text: string;
  line: number;
}

const GROUP_HEAD = /^(I|II|III|IV|V)\s+(PHÁT TRIỂN.*)$/;

/** The "(Kèm theo …)" line after a title, joined across wrapped lines up to the closing parenthesis. */
function attachedLine(lines: string[], from: number): string {
  const i = lines.findIndex((l, k) => k > from && k < from + 6 && l.trim().startsWith("(Kèm theo"));
  if (i < 0) throw new Error(`${COMMUNE_FILE}:${from + 1}: không tìm thấy dòng "(Kèm theo …)"`);
  const parts: string[] = [];
  for (let k = i; k < i + 4; k++) {
    parts.push(clean(lines[k]!));
    if (lines[k]!.includes(")")) break;
  }
  return clean(parts.join(" "));
}

function parseCommune(lines: string[]) {
  const start = lines.findIndex((l) => /^\s*Phụ lục 1:/.test(l));
  const end = lines.findIndex((l) => /^\s*Phụ lục 2:/.test(l));
  if (start < 0 || end < 0) throw new Error(`${COMMUNE_FILE}: không tìm thấy Phụ lục 1/Phụ lục 2`);
  const title1 = [clean(lines[start]!), attachedLine(lines, start)];
  const rows: CommuneRow[] = [];
  let group: { code: GroupCode; title: string } | null = null;
  let expected = 1;
  let cur: CommuneRow | null = null;
  let inHeader = true;
  for (let i = start + 1; i < end; i++) {
    const t = clean(lines[i]!);
    if (!t) continue;
    const g = GROUP_HEAD.exec(t);
    if (g) {
      group = { code: g[1] as GroupCode, title: clean(g[2]!) };
      cur = null;
      inHeader = false;
      continue;
    }
    if (/^TT Nội dung chỉ tiêu/.test(t)) {
      cur = null;
      inHeader = true; // the table header repeats at a page break
      continue;
    }
    const m = /^(\d{1,2})(?:\s+(.*))?$/.exec(t);
    if (m && Number(m[1]) === expected && group) {
      cur = { tt: m[1]!, group: group.code, groupLabel: group.code, groupTitle: group.title, text: m[2] ?? "", line: i + 1 };
      rows.push(cur);
      expected++;
      inHeader = false;
      continue;
    }
    if (cur && !inHeader) cur.text = `${cur.text} ${t}`;
  }
  const title2 = [clean(lines[end]!), attachedLine(lines, end)];
  return { rows, title1, title2 };
}

function matchIndicator(name: string, catalog: Catalog): Indicator | undefined {
  const k = compareKey(name);
  const exact = catalog.indicators.filter((i) => compareKey(i.name) === k);
  return exact.length === 1 ? exact[0] : undefined;
}

function communeForm(catalog: Catalog, seedsDir: string, parse: ParseFn): { pl1: FormDef; pl2Title: string[] } {
  const { rows: crow, title1, title2 } = parseCommune(readLines(seedsDir, COMMUNE_FILE));
  const rows: FormRow[] = [];
  let lastGroup: GroupCode | null = null;
  const usedKeys = new Set<string>();
  for (const r of crow) {
    const fixes: { from: string; to: string }[] = [];
    const text = applyOcr(r.text, fixes);
    const m = /^(.*)\s(\S+)\s(\d[\d.,]*%?|-|Có)$/.exec(text);
    if (!m) throw new Error(`${COMMUNE_FILE}:${r.line}: không tách được dòng: ${text}`);
    const name = m[1]!.trim();
    const unit = m[2]!;
    const targetPrinted = m[3]!;
    const ind = matchIndicator(name, catalog);
    if (!ind) throw new Error(`${COMMUNE_FILE}:${r.line}: không tìm thấy chỉ tiêu tỉnh cho "${name}"`);
    if (usedKeys.has(ind.key)) throw new Error(`${COMMUNE_FILE}:${r.line}: chỉ tiêu ${ind.key} lặp lại`);
    usedKeys.add(ind.key);
    if (ind.group !== r.group) throw new Error(`${COMMUNE_FILE}:${r.line}: nhóm ${r.group} khác nhóm ${ind.group} của ${ind.key}`);
    if (r.group !== lastGroup) {
      const g = catalog.groups.find((x) => x.code === r.group)!;
      rows.push({ type: "group", group: r.group, label: r.groupLabel, title: g.name });
      lastGroup = r.group;
    }
    const doubts: Doubt[] = [];
    const target: CatalogCell = makeCell(targetPrinted, parse, (msg) =>
      doubts.push({ field: "target2025", reason: `Không đọc được giá trị "${targetPrinted}": ${msg}` }),
    );
    const prov = ind.targets[2025];
    if (unit !== ind.unit) {
      doubts.push({ field: "unit", reason: `Phụ lục 1 của xã/phường ghi đơn vị "${unit}", danh mục tỉnh ghi "${ind.unit}".` });
    }
    if (cellKey(targetPrinted) !== cellKey(prov.printed)) {
      const t2030 = ind.targets[2030].printed;
      doubts.push({
        field: "target2025",
        reason: `Chỉ tiêu năm 2025 của xã/phường là "${targetPrinted}", khác chỉ tiêu năm 2025 của tỉnh (chỉ tiêu ${ind.stt} – ${ind.key}: "${prov.printed || "trống"}"; năm 2030: "${t2030 || "trống"}"). Biểu mẫu giữ chỉ tiêu của xã/phường theo Phụ lục 1.`,
      });
    }
    for (const d of ind.doubts.filter((d) => d.field === "2025")) {
      doubts.push({ field: "target2025", reason: `Danh mục tỉnh có nghi vấn về chỉ tiêu năm 2025 của chỉ tiêu này: ${d.reason}` });
    }
    const expect = rowKind({ name, unit, target }, ind);
    rows.push({
      type: "indicator",
      item: ind.key,
      stt: r.tt,
      indicatorKey: ind.key,
      name,
      unit,
      values: { target2025: target },
      ...(doubts.length ? { doubts } : {}),
      ...(expect ? { expect } : {}),
    });
  }
  const columns: ColumnDef[] = [
    { id: "stt", header: "TT", role: "catalog", kind: "stt", width: 6 },
    { id: "name", header: "Nội dung chỉ tiêu", role: "catalog", kind: "text", width: 60 },
    { id: "unit", header: "Đơn vị tính/đo lường", role: "catalog", kind: "text", width: 14 },
    { id: "target2025", header: "Chỉ tiêu", role: "catalog", kind: "indicatorValue", width: 12 },
    ...INPUT_COLUMNS,
  ];
  const header = columns.map((c, i) => span(c.header, 0, i));
  return {
    pl1: {
      id: "pl1-xa",
      kind: "indicators",
      audience: "commune",
      title: title1,
      headerRows: 1,
      header,
      columns,
      rows,
      targetYear: 2025,
    },
    pl2Title: title2,
  };
}

function taskForm(title: string[]): FormDef {
  const columns: ColumnDef[] = [
    { id: "stt", header: "STT", role: "input", kind: "stt", width: 6 },
    { id: "task", header: "Tên nhiệm vụ", role: "input", kind: "text", width: 50, required: true },
    { id: "lead", header: "Đơn vị chủ trì", role: "input", kind: "text", width: 20, required: true },
    { id: "partners", header: "Đơn vị phối hợp", role: "input", kind: "text", width: 20 },
    { id: "result", header: "Kết quả", role: "input", kind: "text", width: 28 },
    { id: "budget", header: "Dự kiến kinh phí (triệu đồng)", role: "input", kind: "money", width: 14 },
    { id: "due", header: "Thời gian hoàn thành", role: "input", kind: "dueText", width: 16 },
    // Follow-up of each planned task (issue 11, item 4): where it stands, what it cost, what it produced.
    { id: "status", header: "Tiến độ thực hiện", role: "input", kind: "taskStatus", width: 16 },
    { id: "spent", header: "Kinh phí đã thực hiện (triệu đồng)", role: "input", kind: "money", width: 14 },
    { id: "outcome", header: "Kết quả thực hiện", role: "input", kind: "text", width: 28, requiredWhenDone: true },
  ];
  return {
    id: "pl2-xa",
    kind: "tasks",
    audience: "commune",
    title,
    headerRows: 1,
    header: columns.map((c, i) => span(c.header, 0, i)),
    columns,
    rows: [],
  };
}

export function deriveForms(seedsDir: string, catalog: Catalog, parse: ParseFn = defaultParse, tasks?: TaskCatalog): FormsFile {
  const { pl1, pl2Title } = communeForm(catalog, seedsDir, parse);
  const progress = deriveProgressForm(seedsDir, tasks ?? deriveTasks(seedsDir));
  const forms = [provincialForm(catalog, planTitleLines(seedsDir)), pl1, taskForm(pl2Title), progress];
  return withVersion<FormsFile>({ catalogVersion: catalog.version, forms });
}
