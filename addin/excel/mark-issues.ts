// Marks cells that have problems: a fill (red for errors, yellow for warnings) and a note with the messages
// (notes need ExcelApi 1.18; without it only the fill). Old marks are cleared first and their original fill
// restored. At most 3 round trips: meta; notes/fills of old and new cells; writes.
import type { ExcelHost } from "./host.js";
import { ExcelOpError } from "./errors.js";
import { FILL } from "./layout.js";
import { noteOwnWrite, queueMetaLoad, queueMetaSave, readMetaIndex, withUnprotected, type MarkRecord } from "./meta.js";

export interface CellMark {
  address: string;
  severity: "error" | "warning";
  message: string;
}

export const NOTE_PREFIX = "[Chỉ tiêu] ";

export interface MarkResult {
  marked: number;
  cleared: number;
}

export async function markIssues(host: ExcelHost, sheetId: string, marks: CellMark[]): Promise<MarkResult> {
  const notesOk = host.isSetSupported("ExcelApi", "1.18");
  // One mark per cell: errors win, messages are joined.
  const byCell = new Map<string, { severity: "error" | "warning"; messages: string[] }>();
  for (const m of marks) {
    const cur = byCell.get(m.address);
    if (!cur) byCell.set(m.address, { severity: m.severity, messages: [m.message] });
    else {
      if (m.severity === "error") cur.severity = "error";
      cur.messages.push(m.message);
    }
  }
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetId);
    const metaSetting = queueMetaLoad(context);
    await context.sync(); // 1

    const index = readMetaIndex(metaSetting);
    const meta = index[sheetId];
    if (!meta) throw new ExcelOpError("not_linked");
    const old = new Map(meta.marks.map((m) => [m.address, m]));
    // Probe old notes (the user may have deleted them), notes already on newly marked cells (the Sở KH&CN's review
    // notes, the clerk's own: never overwritten) and the current fill of newly marked cells.
    const oldNotes = new Map<string, Excel.Note>();
    if (notesOk)
      for (const address of new Set([...meta.marks.filter((m) => m.note).map((m) => m.address), ...byCell.keys()])) {
        const note = sheet.notes.getItemOrNullObject(address);
        note.load("content");
        oldNotes.set(address, note);
      }
    const fills = new Map<string, Excel.RangeFill>();
    for (const address of byCell.keys())
      if (!old.has(address)) {
        const fill = sheet.getRange(address).format.fill.load("color");
        fills.set(address, fill);
      }
    if (oldNotes.size || fills.size) await context.sync(); // 2

    const next: MarkRecord[] = [];
    withUnprotected(sheet, meta.protected, () => {
      for (const [address, m] of old) {
        if (byCell.has(address)) continue;
        const range = sheet.getRange(address);
        if (m.fill) range.format.fill.color = m.fill;
        else range.format.fill.clear();
      }
      for (const note of oldNotes.values())
        if (!note.isNullObject && String(note.content ?? "").startsWith(NOTE_PREFIX)) note.delete();
      for (const [address, m] of byCell) {
        const range = sheet.getRange(address);
        range.format.fill.color = m.severity === "error" ? FILL.error : FILL.warning;
        const original = old.get(address)?.fill ?? normalizeFill(fills.get(address)?.color);
        const other = oldNotes.get(address);
        const free = !other || other.isNullObject || String(other.content ?? "").startsWith(NOTE_PREFIX);
        if (notesOk && free) sheet.notes.add(address, NOTE_PREFIX + m.messages.join("\n"));
        next.push({ address, fill: original, note: notesOk && free });
      }
    });
    meta.marks = next;
    queueMetaSave(context, index);
    noteOwnWrite();
    await context.sync(); // 3
    return { marked: next.length, cleared: [...old.keys()].filter((a) => !byCell.has(a)).length };
  });
}

function normalizeFill(color: string | null | undefined): string | null {
  if (!color || color === "#FFFFFF" || color.toLowerCase() === "white") return color ? "#FFFFFF" : null;
  return color;
}
