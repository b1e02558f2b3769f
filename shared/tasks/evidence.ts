/**
 * The date of an evidence document ("Ngày ban hành" of the decision, plan or report that shows a task's result), as
 * people write it. Pure; no clock.
 *
 *   "05/03/2026", "5/3/2026", "05-03-2026", "05.03.2026"  day/month/year (the Vietnamese order)
 *   "2026-03-05"                                        ISO
 *   "ngày 5 tháng 3 năm 2026", "5 tháng 3 năm 2026"     as written in documents
 *
 * A two-digit year, a month/day out of range ("31/02/2026") or anything else is refused with a Vietnamese message.
 */
export type EvidenceDate = { ok: true; date: string } | { ok: false; message: string };

const pad = (n: number) => String(n).padStart(2, "0");
const EXAMPLE = "ví dụ 05/03/2026";

function build(d: number, m: number, y: number, raw: string): EvidenceDate {
  if (y < 1990 || y > 2100) return { ok: false, message: `năm ${y} trong "${raw}" không hợp lệ; ghi ngày/tháng/năm đủ 4 chữ số năm, ${EXAMPLE}` };
  if (m < 1 || m > 12) return { ok: false, message: `"${raw}" có tháng ${m} không hợp lệ; ghi ngày/tháng/năm, ${EXAMPLE}` };
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > last) return { ok: false, message: `"${raw}": tháng ${m}/${y} không có ngày ${d}` };
  return { ok: true, date: `${y}-${pad(m)}-${pad(d)}` };
}

export function parseEvidenceDate(input: string): EvidenceDate {
  const raw = input.replace(/\s+/g, " ").trim();
  if (!raw) return { ok: false, message: "chưa ghi ngày" };
  let m = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{2,4})$/.exec(raw);
  if (m) {
    if (m[4]!.length !== 4) return { ok: false, message: `"${raw}": năm cần đủ 4 chữ số, ${EXAMPLE}` };
    return build(Number(m[1]), Number(m[3]), Number(m[4]), raw);
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (m) return build(Number(m[3]), Number(m[2]), Number(m[1]), raw);
  m = /^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$/iu.exec(raw.normalize("NFC"));
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  return { ok: false, message: `"${raw}" không phải là ngày hợp lệ; ghi ngày/tháng/năm, ${EXAMPLE}` };
}

/** "2026-03-05" → "05/03/2026". */
export function viDateOf(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
