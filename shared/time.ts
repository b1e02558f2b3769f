/**
 * Vietnam time for everything a person reads. Stored times are ISO-8601 UTC; Vietnam is UTC+7 all year (no daylight
 * saving), so the conversion is a fixed offset and does not depend on the machine's zone or on Intl time-zone data.
 */
const VN_OFFSET_MS = 7 * 3600 * 1000;

const pad = (n: number) => String(n).padStart(2, "0");

function vnParts(at: Date | string | number): Date | null {
  const d = at instanceof Date ? at : new Date(at);
  const t = d.getTime();
  return Number.isFinite(t) ? new Date(t + VN_OFFSET_MS) : null;
}

/** "YYYY-MM-DD" of the Vietnam calendar day containing `at`. */
export function vnDate(at: Date | string | number = Date.now()): string {
  const d = vnParts(at);
  if (!d) return "";
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "dd/mm/yyyy HH:mm" in Vietnam time; "" for a missing or invalid time. */
export function formatVnDateTime(at: Date | string | number | null | undefined): string {
  if (at === null || at === undefined || at === "") return "";
  const d = vnParts(at);
  if (!d) return "";
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "dd/mm/yyyy" of a Vietnam calendar date ("2025-06-14") or of an instant. */
export function formatVnDate(dateOrInstant: string | null | undefined): string {
  if (!dateOrInstant) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOrInstant);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const d = vnParts(dateOrInstant);
  return d ? `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}` : "";
}

/** Whole days from calendar date `from` to `to` (both "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** Excel's serial day number of a calendar date ("YYYY-MM-DD"), for date cells a spreadsheet can compute with. */
export function excelSerial(date: string): number | null {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(t)) return null;
  return Math.round(t / 86_400_000) + 25_569;
}
