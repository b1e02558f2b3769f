/**
 * The reporting calendar of Kế hoạch 266-KH/TU, §9.1 (001 line 493): units report monthly (before the 20th),
 * quarterly (before the 20th of the quarter's last month), 6-monthly (before 15/6), yearly (before 25/11), plus
 * ad-hoc ("đột xuất") reports. A period is named by a short id that travels on the wire and never reaches a
 * clerk; people see `periodLabel(id)`.
 *
 *   2025-T03  month       "Tháng 3/2025"
 *   2025-Q2   quarter     "Quý II/2025"
 *   2025-6T   half year   "6 tháng đầu năm 2025"
 *   2025-N    year        "Năm 2025"
 *   2025-DX1  ad hoc      "Báo cáo đột xuất số 1/2025"
 *
 * Dates here are calendar dates in Vietnam ("YYYY-MM-DD", Asia/Ho_Chi_Minh); stored times stay UTC.
 * The defaults are documented in docs/CALENDAR.md; the Sở KH&CN may set other dates when it opens a period.
 */

export type PeriodKind = "month" | "quarter" | "half" | "year" | "adhoc";

export interface PeriodRef {
  id: string;
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4, ad-hoc number 1–99; 1 for the half year and the year. */
  seq: number;
}

const PERIOD_RE = /^(20[2-9]\d)-(N|6T|Q([1-4])|T(0[1-9]|1[0-2])|DX([1-9]\d?))$/;

/** The same pattern as a string, for the zod wire schema. */
export const PERIOD_ID_PATTERN = PERIOD_RE.source;

export function parsePeriod(id: string): PeriodRef | null {
  const m = PERIOD_RE.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  const tail = m[2]!;
  if (tail === "N") return { id, kind: "year", year, seq: 1 };
  if (tail === "6T") return { id, kind: "half", year, seq: 1 };
  if (m[3]) return { id, kind: "quarter", year, seq: Number(m[3]) };
  if (m[4]) return { id, kind: "month", year, seq: Number(m[4]) };
  return { id, kind: "adhoc", year, seq: Number(m[5]) };
}

export function isPeriodId(id: string): boolean {
  return PERIOD_RE.test(id);
}

/** Builds an id from its parts ("month", 2025, 3 → "2025-T03"). */
export function periodId(kind: PeriodKind, year: number, seq = 1): string {
  switch (kind) {
    case "year":
      return `${year}-N`;
    case "half":
      return `${year}-6T`;
    case "quarter":
      return `${year}-Q${seq}`;
    case "month":
      return `${year}-T${String(seq).padStart(2, "0")}`;
    case "adhoc":
      return `${year}-DX${seq}`;
  }
}

const ROMAN = ["", "I", "II", "III", "IV"];

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  month: "Hằng tháng",
  quarter: "Hằng quý",
  half: "6 tháng",
  year: "Hằng năm",
  adhoc: "Đột xuất",
};

/** What a person reads: "Tháng 3/2025", "Quý II/2025", "6 tháng đầu năm 2025", "Năm 2025", "Báo cáo đột xuất số 1/2025". */
export function periodLabel(id: string): string {
  const p = parsePeriod(id);
  if (!p) return id;
  switch (p.kind) {
    case "year":
      return `Năm ${p.year}`;
    case "half":
      return `6 tháng đầu năm ${p.year}`;
    case "quarter":
      return `Quý ${ROMAN[p.seq]}/${p.year}`;
    case "month":
      return `Tháng ${p.seq}/${p.year}`;
    case "adhoc":
      return `Báo cáo đột xuất số ${p.seq}/${p.year}`;
  }
}

/** A short label for sheet names (Excel allows 31 characters): "T3-2025", "Q2-2025", "6T-2025", "Năm 2025", "ĐX1-2025". */
export function periodShortLabel(id: string): string {
  const p = parsePeriod(id);
  if (!p) return id;
  switch (p.kind) {
    case "year":
      return `Năm ${p.year}`;
    case "half":
      return `6T-${p.year}`;
    case "quarter":
      return `Q${ROMAN[p.seq]}-${p.year}`;
    case "month":
      return `T${p.seq}-${p.year}`;
    case "adhoc":
      return `ĐX${p.seq}-${p.year}`;
  }
}

/** Interim periods are judged from the projection for the year, never on their partial actual (docs/ASSESSMENT.md). */
export function isInterim(id: string): boolean {
  return parsePeriod(id)?.kind !== "year";
}

/** The plan year whose targets a period is compared with. */
export function targetYearOf(id: string): number {
  return parsePeriod(id)?.year ?? Number(id.slice(0, 4));
}

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The last day a report may arrive (§9.1 says "trước ngày 20", so the 19th is the last day).
 * Ad-hoc reports have no default: the Sở KH&CN sets the date when it asks for one.
 */
export function defaultDueDate(id: string): string | null {
  const p = parsePeriod(id);
  if (!p) return null;
  switch (p.kind) {
    case "month":
      return ymd(p.year, p.seq, 19);
    case "quarter":
      return ymd(p.year, p.seq * 3, 19);
    case "half":
      return ymd(p.year, 6, 14);
    case "year":
      return ymd(p.year, 11, 24);
    case "adhoc":
      return null;
  }
}

/**
 * "Số liệu tính đến ngày": the 14th of the month the report is due (the "ngày 14" convention of Nghị định
 * 09/2019/NĐ-CP, Điều 12), or the end of the previous month when the report is due by the 14th (6 tháng).
 * Later figures of the year go into "Ước thực hiện cả năm".
 */
export function defaultCutoffDate(id: string): string | null {
  const p = parsePeriod(id);
  if (!p) return null;
  switch (p.kind) {
    case "month":
      return ymd(p.year, p.seq, 14);
    case "quarter":
      return ymd(p.year, p.seq * 3, 14);
    case "half":
      return ymd(p.year, 5, lastDay(p.year, 5));
    case "year":
      return ymd(p.year, 11, 14);
    case "adhoc":
      return null;
  }
}

/** The period before, of the same kind (for "large change" warnings); null for ad-hoc reports. */
export function previousPeriod(id: string): string | null {
  const p = parsePeriod(id);
  if (!p) return null;
  switch (p.kind) {
    case "month":
      return p.seq === 1 ? periodId("month", p.year - 1, 12) : periodId("month", p.year, p.seq - 1);
    case "quarter":
      return p.seq === 1 ? periodId("quarter", p.year - 1, 4) : periodId("quarter", p.year, p.seq - 1);
    case "half":
      return periodId("year", p.year - 1);
    case "year":
      return periodId("half", p.year);
    case "adhoc":
      return null;
  }
}

/** Sort key: by year, then by the month the period ends in, shorter periods first, ad-hoc reports last. */
export function periodOrder(id: string): number {
  const p = parsePeriod(id);
  if (!p) return 0;
  const endMonth = p.kind === "month" ? p.seq : p.kind === "quarter" ? p.seq * 3 : p.kind === "half" ? 6 : 12;
  const rank = { month: 0, quarter: 1, half: 2, year: 3, adhoc: 4 }[p.kind];
  return p.year * 100_000 + endMonth * 1_000 + rank * 100 + (p.kind === "adhoc" ? p.seq : 0);
}

/**
 * Which forms are due at which cadence (defaults, documented in docs/CALENDAR.md). Indicators are measured at
 * 6 months and at the year's end; task progress is what §9.1's monthly and quarterly reports are about. An ad-hoc
 * period lists its forms when it is opened.
 */
export const FORM_CADENCE: Record<string, PeriodKind[]> = {
  "pl1-tinh": ["half", "year"],
  "pl1-xa": ["half", "year"],
  "pl2-xa": ["half", "year"],
  "tiendo-nv": ["month", "quarter", "half", "year"],
};

/** Whether a form is reported in a period by default (ad-hoc periods name their forms explicitly). */
export function formDueIn(formId: string, periodIdValue: string, forms?: string[] | null): boolean {
  if (forms && forms.length) return forms.includes(formId);
  const p = parsePeriod(periodIdValue);
  if (!p || p.kind === "adhoc") return false;
  return (FORM_CADENCE[formId] ?? ["half", "year"]).includes(p.kind);
}
