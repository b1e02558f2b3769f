// The Sở KH&CN's notes on a unit's entry sheet: when the latest submission was returned with notes on cells, each of
// those cells carries the note as an Excel note (ExcelApi 1.18); older Excel gets an orange fill instead (the pane lists
// the notes either way). When the review changes — a resubmission starts clean, an approval has no notes — the notes
// placed earlier are removed and the cells' fills restored. The placed marks live in the sheet's meta (`review`).
// 2 round trips: the meta, the sheet and the notes/fills at the old and new cells; then the writes.
import { queueMarkProbe, queueMarkWrites, type PlacedMark } from "./cell-marks.js";
import { ExcelOpError } from "./errors.js";
import type { ExcelHost } from "./host.js";
import { noteOwnWrite, queueMetaLoad, queueMetaSave, readMetaIndex, withUnprotected } from "./meta.js";

export const REVIEW_PREFIX = "[Sở KH&CN] ";
/** Fill of a returned cell where Excel cannot show notes. */
export const REVIEW_FILL = "#F8CBAD";

export interface ReviewNoteMark {
  address: string;
  message: string;
}

export interface PlaceReviewResult {
  placed: number;
  removed: number;
  /** As notes (ExcelApi 1.18) or as fills only. */
  notes: boolean;
  /** Cells that already had another note: marked by the pane's list only. */
  noteSkipped: string[];
}

/**
 * Replaces the review marks of an entry sheet with `marks` (empty = remove them). `old` = the marks the sheet's meta
 * had when the caller read it (readSheet), so they can be probed in the first round trip.
 */
export async function placeReviewNotes(
  host: ExcelHost,
  sheetId: string,
  old: PlacedMark[],
  marks: ReviewNoteMark[],
  state: { submission: string; status: string } | null,
): Promise<PlaceReviewResult> {
  const notesOk = host.isSetSupported("ExcelApi", "1.18");
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetId);
    const setting = queueMetaLoad(context);
    const probe = queueMarkProbe(
      sheet,
      old,
      marks.map((m) => m.address),
      notesOk,
    );
    await context.sync(); // 1
    const index = readMetaIndex(setting);
    const meta = index[sheetId];
    if (!meta) throw new ExcelOpError("not_linked");
    let w = { records: [] as PlacedMark[], noteSkipped: [] as string[], cleared: 0 };
    withUnprotected(sheet, meta.protected, () => {
      w = queueMarkWrites(
        sheet,
        probe,
        old,
        marks.map((m) => ({ address: m.address, message: m.message, fill: notesOk ? null : REVIEW_FILL })),
        { notesOk, prefix: REVIEW_PREFIX },
      );
    });
    if (state || w.records.length) meta.review = { submission: state?.submission ?? "", status: state?.status ?? "", marks: w.records };
    else delete meta.review;
    queueMetaSave(context, index);
    noteOwnWrite();
    await context.sync(); // 2
    return { placed: w.records.length, removed: w.cleared, notes: notesOk, noteSkipped: w.noteSkipped };
  });
}
