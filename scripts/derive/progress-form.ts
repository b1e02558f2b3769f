/**
 * Derives the task-progress form (biểu mẫu "tiendo-nv") from the task catalog (shared/tasks, Phụ lục II–IV of
 * Kế hoạch 266-KH/TU) in the layout of the department's own results report (000_40e726fba39188e5.txt, Phụ lục II,
 * line 2831: TT | Nội dung thực hiện | Tiến độ thực hiện | Sản phẩm/Kết quả | Cơ quan chủ trì), plus the deadline the
 * plan prints, the evidence (document number and date) and Ghi chú.
 *
 * Rows are every task of the catalog, under appendix headings (level 1) and section headings (level 2, Phụ lục III
 * and IV). The add-in shows a department the tasks it leads and, apart, those it cooperates on (addin/excel).
 */
import type { ColumnDef, FormDef, FormRow, HeaderCell } from "../../shared/forms/types.js";
import type { TaskCatalog } from "../../shared/tasks/types.js";
import { REPORT_FILE, clean, readLines } from "./common.js";

export const PROGRESS_FORM_ID = "tiendo-nv";

/** The header row of the report's Phụ lục II (the words are checked against the seed, so the layout cites its source). */
const REPORT_HEADER = /^TT Nội dung thực hiện Tiến độ thực hiện Sản phẩm\/Kết quả/;

const span = (text: string, row: number, col: number, rowSpan = 1, colSpan = 1): HeaderCell => ({ text, row, col, rowSpan, colSpan });

export function progressColumns(): ColumnDef[] {
  return [
    { id: "stt", header: "TT", role: "catalog", kind: "stt", width: 8 },
    { id: "name", header: "Nội dung thực hiện", role: "catalog", kind: "text", width: 55 },
    { id: "deadline", header: "Thời hạn theo Kế hoạch", role: "catalog", kind: "dueText", width: 16 },
    { id: "status", header: "Tiến độ thực hiện", role: "input", kind: "taskStatus", width: 18 },
    { id: "result", header: "Sản phẩm/Kết quả", role: "input", kind: "text", width: 40, requiredWhenDone: true },
    { id: "docNo", header: "Số, ký hiệu văn bản", role: "input", kind: "text", width: 18 },
    { id: "docDate", header: "Ngày ban hành", role: "input", kind: "date", width: 12 },
    { id: "lead", header: "Cơ quan chủ trì", role: "catalog", kind: "text", width: 26 },
    { id: "note", header: "Ghi chú", role: "input", kind: "text", width: 26 },
  ];
}

export function deriveProgressForm(seedsDir: string, tasks: TaskCatalog): FormDef {
  const report = readLines(seedsDir, REPORT_FILE);
  const headerLine = report.findIndex((l, i) => i >= 2830 && REPORT_HEADER.test(clean(l)));
  if (headerLine < 0) throw new Error(`${REPORT_FILE}: không tìm thấy dòng tiêu đề "TT Nội dung thực hiện Tiến độ thực hiện Sản phẩm/Kết quả"`);

  const columns = progressColumns();
  const header: HeaderCell[] = [];
  columns.forEach((c, i) => {
    if (c.id === "docNo") header.push(span("Văn bản minh chứng", 0, i, 1, 2), span(c.header, 1, i));
    else if (c.id === "docDate") header.push(span(c.header, 1, i));
    else header.push(span(c.header, 0, i, 2));
  });

  const rows: FormRow[] = [];
  for (const a of tasks.appendices) {
    rows.push({ type: "section", level: 1, label: `PHỤ LỤC ${a.code}`, title: a.title });
    let section: string | null = null;
    for (const t of tasks.tasks.filter((x) => x.appendix === a.code)) {
      if (t.section && t.section.code !== section) {
        section = t.section.code;
        rows.push({ type: "section", level: 2, label: t.section.code, title: t.section.title });
      }
      rows.push({
        type: "task",
        item: t.key,
        appendix: t.appendix,
        stt: t.stt,
        name: t.name,
        deadline: t.deadline.printed,
        leads: [...t.leads],
        cooperating: [...t.cooperating],
      });
    }
  }
  return {
    id: PROGRESS_FORM_ID,
    kind: "progress",
    audience: "department",
    title: [
      "Báo cáo tiến độ nhiệm vụ: KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH SỐ 266-KH/TU",
      tasks.title,
    ],
    headerRows: 2,
    header,
    columns,
    rows,
  };
}
