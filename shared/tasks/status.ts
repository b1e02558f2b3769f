/**
 * The task status ladder and its rules. Pure: the clock is always an argument (`today`, a Vietnam local date
 * "YYYY-MM-DD"); nothing here reads the current time.
 *
 * Ladder (what a lead agency reports): Chưa triển khai → Đang triển khai → Đã hoàn thành.
 * Derived: "Chậm tiến độ" when the deadline has passed and the task is not done (see `taskProgress`).
 * Spellings accepted: STATUS_WORDINGS below (case, accents and spacing do not matter).
 */
import { viDate } from "./deadline.js";
import type { Deadline, TaskDisplayStatus, TaskStatus } from "./types.js";
import { OVERDUE_STATUS, TASK_STATUSES } from "./types.js";

export { OVERDUE_STATUS, TASK_STATUSES };
export type { TaskDisplayStatus, TaskStatus };

/**
 * Every wording accepted for a status, as people write it (the first of each status is the canonical one).
 * `status: null` = a wording that is not on the ladder; it is refused with `message`.
 * The department's own report (Báo cáo, Phụ lục II) uses "Đang thực hiện", "Đã tổ chức triển khai",
 * "Đã hoàn thành", "Đã thực hiện", "Chưa thực hiện" and "Dừng thực hiện".
 */
export const STATUS_WORDINGS: readonly { wording: string; status: TaskStatus | null; note?: string; message?: string }[] = [
  { wording: "Chưa triển khai", status: "Chưa triển khai" },
  { wording: "Chưa thực hiện", status: "Chưa triển khai" },
  { wording: "Chưa bắt đầu", status: "Chưa triển khai" },
  { wording: "Chưa tổ chức triển khai", status: "Chưa triển khai" },
  { wording: "Đang triển khai", status: "Đang triển khai" },
  { wording: "Đang thực hiện", status: "Đang triển khai" },
  { wording: "Đang tổ chức triển khai", status: "Đang triển khai" },
  { wording: "Đã tổ chức triển khai", status: "Đang triển khai" },
  { wording: "Đã triển khai", status: "Đang triển khai" },
  { wording: "Đã và đang thực hiện", status: "Đang triển khai" },
  { wording: "Đã và đang triển khai", status: "Đang triển khai" },
  { wording: "Đang tiến hành", status: "Đang triển khai" },
  { wording: "Đã hoàn thành một phần", status: "Đang triển khai" },
  {
    wording: "Đã thực hiện",
    status: "Đang triển khai",
    note: "“Đã thực hiện” được hiểu là Đang triển khai; nếu nhiệm vụ đã xong, ghi “Đã hoàn thành”.",
  },
  { wording: "Đã hoàn thành", status: "Đã hoàn thành" },
  { wording: "Hoàn thành", status: "Đã hoàn thành" },
  { wording: "Đã xong", status: "Đã hoàn thành" },
  {
    wording: "Chưa hoàn thành",
    status: null,
    message: "“Chưa hoàn thành” chưa rõ là chưa triển khai hay đang triển khai; hãy chọn “Chưa triển khai” hoặc “Đang triển khai”.",
  },
  {
    wording: "Chậm tiến độ",
    status: null,
    message: "“Chậm tiến độ” được tính tự động khi quá thời hạn; hãy ghi trạng thái thực tế: “Chưa triển khai” hoặc “Đang triển khai”.",
  },
  {
    wording: "Dừng thực hiện",
    status: null,
    message: "“Dừng thực hiện” không có trong thang trạng thái; ghi trạng thái thực tế và nêu lý do dừng ở cột Ghi chú.",
  },
];

/** For matching: lowercase, no accents ("đ" → "d"), punctuation → space, single spaces. */
export function foldStatus(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const FOLDED = STATUS_WORDINGS.map((w) => ({ ...w, folded: foldStatus(w.wording) })).sort(
  (a, b) => b.folded.length - a.folded.length,
);

export type StatusParse =
  | { ok: true; status: TaskStatus; wording: string; note?: string }
  | { ok: false; wording: string | null; message: string };

/**
 * A status as typed → the ladder. Accepts any STATUS_WORDINGS entry regardless of case/accents/spacing, also at the
 * start of a longer text ("Đã tổ chức triển khai và báo cáo định kỳ", "Đã hoàn thành Đề án"). `wording` is the
 * canonical wording matched (for counting in the report's words).
 */
export function parseTaskStatus(raw: string): StatusParse {
  const f = foldStatus(raw);
  if (!f) return { ok: false, wording: null, message: "Chưa ghi trạng thái." };
  const hit = FOLDED.find((w) => f === w.folded || f.startsWith(w.folded + " "));
  if (!hit) {
    return {
      ok: false,
      wording: null,
      message: `Trạng thái “${raw.trim()}” không có trong thang: ${TASK_STATUSES.map((s) => `“${s}”`).join(", ")}.`,
    };
  }
  if (hit.status === null) return { ok: false, wording: hit.wording, message: hit.message! };
  return hit.note
    ? { ok: true, status: hit.status, wording: hit.wording, note: hit.note }
    : { ok: true, status: hit.status, wording: hit.wording };
}

// ------------------------------------------------------------------ dates

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`Ngày không hợp lệ (cần YYYY-MM-DD): ${iso}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() + 1 !== Number(m[2]) || d.getUTCDate() !== Number(m[3])) {
    throw new Error(`Ngày không hợp lệ: ${iso}`);
  }
  return t / 86_400_000;
}

/** Whole days from `a` to `b` (ISO dates); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** The calendar date in Vietnam (UTC+7, no daylight saving) at instant `at`. The caller passes the instant. */
export function vietnamDate(at: Date | number): string {
  const t = (typeof at === "number" ? at : at.getTime()) + 7 * 3_600_000;
  return new Date(t).toISOString().slice(0, 10);
}

// ------------------------------------------------------------------ overdue

export interface TaskProgress {
  /** The reported status; null when nothing was reported. */
  status: TaskStatus | null;
  /** What to show: "Chưa báo cáo" when unreported, "Đã hoàn thành", else "Chậm tiến độ" when overdue, else the status. */
  display: TaskDisplayStatus;
  overdue: boolean;
  /** Days past `dueDate` when overdue, else null. */
  daysLate: number | null;
  /** The date the task is compared against (null: no date applies, e.g. "Thường xuyên", unknown deadline). */
  dueDate: string | null;
  /** Vietnamese: which rule gave dueDate/overdue. */
  basis: string;
}

/**
 * Whether a task is late on `today` (a Vietnam local date, "YYYY-MM-DD").
 *
 * - Đã hoàn thành is never late.
 * - dated: a task not started (or not reported) is late after its first due date; a task under way is late after its
 *   last due date ("(1) Tháng 6/2025; (2) Tháng 10/2025": not started → late from 01/07/2025; under way → from 01/11/2025).
 * - recurring (yearly): the status is the status for `year` (default: today's year); the task is due by the first date
 *   in the year of that date, else by 31/12 of `year`; it is late after that if not reported done for the year.
 * - ongoing ("Thường xuyên"): never late, except that a task with a first date ("Tháng 6/2025; thường xuyên") that is
 *   not started is late after that date.
 * - done ("Đã hoàn thành" printed as the deadline) and unknown deadlines: never late (unknown is flagged in the catalog).
 */
export function taskProgress(deadline: Deadline, status: TaskStatus | null, today: string, opts: { year?: number } = {}): TaskProgress {
  dayNumber(today); // validates
  const started = status === "Đang triển khai";
  const result = (dueDate: string | null, basis: string): TaskProgress => {
    const overdue = status !== "Đã hoàn thành" && dueDate !== null && daysBetween(dueDate, today) > 0;
    // A task nobody reported stays "Chưa báo cáo" even past its deadline: it may well be done. It is still flagged
    // overdue (with days late) so the report can list it among the late ones, marked as not reported.
    const display: TaskDisplayStatus =
      status === null ? "Chưa báo cáo" : status === "Đã hoàn thành" ? status : overdue ? OVERDUE_STATUS : status;
    return { status, display, overdue, daysLate: overdue ? daysBetween(dueDate!, today) : null, dueDate, basis };
  };
  switch (deadline.kind) {
    case "dated": {
      const dates = deadline.dates.map((d) => d.date).sort();
      if (started || dates.length === 1) return result(dates.at(-1)!, `Hạn ${viDate(dates.at(-1)!)}${dates.length > 1 ? " (hạn cuối)" : ""}.`);
      return result(dates[0]!, `Hạn đầu tiên ${viDate(dates[0]!)} (nhiệm vụ chưa triển khai).`);
    }
    case "recurring": {
      const year = opts.year ?? Number(today.slice(0, 4));
      const firstYear = deadline.first ? Number(deadline.first.date.slice(0, 4)) : null;
      if (firstYear !== null && year < firstYear) return result(null, `Nhiệm vụ hàng năm, bắt đầu từ năm ${firstYear}.`);
      const due = firstYear === year ? deadline.first!.date : `${year}-12-31`;
      return result(due, `Nhiệm vụ hàng năm: hạn năm ${year} là ${viDate(due)}.`);
    }
    case "ongoing":
      if (deadline.first && !started) return result(deadline.first.date, `Nhiệm vụ thường xuyên, phải bắt đầu trước ${viDate(deadline.first.date)}.`);
      return result(null, "Nhiệm vụ thường xuyên, không có hạn kết thúc.");
    case "done":
      return result(null, "Kế hoạch ghi đã hoàn thành khi ban hành.");
    case "unknown":
      return result(null, "Không xác định được thời hạn.");
  }
}

// ------------------------------------------------------------------ summary

export interface TaskReportEntry {
  key: string;
  deadline: Deadline;
  /** As typed (any STATUS_WORDINGS spelling), an already-parsed status, or null/"" when nothing was reported. */
  status: string | null;
}

export interface TaskSummary {
  total: number;
  /** Every task counted once, under its display status. */
  counts: Record<TaskDisplayStatus, number>;
  /** Tasks whose status text is not on the ladder (counted in `total` only). */
  invalid: { key: string; printed: string; message: string }[];
  /** Counts by the wording people used ("Đang thực hiện", "Đã tổ chức triển khai"…), most frequent first. */
  byWording: { wording: string; count: number; status: TaskStatus | null }[];
  /** Reported tasks that are late ("Chậm tiến độ"), most days late first. */
  overdue: { key: string; daysLate: number; dueDate: string; status: TaskStatus | null }[];
  /** Tasks nobody reported whose deadline has passed (counted under "Chưa báo cáo"), most days late first. */
  unreportedLate: { key: string; daysLate: number; dueDate: string }[];
  /** "Tổng số 25 nhiệm vụ: Đang triển khai 12, Đã hoàn thành 7, …" — counts by display status, most frequent first. */
  sentence: string;
  /** Counts in the words people used, as the department's report writes them: "Đang thực hiện 46, Đã tổ chức triển khai 10, …". */
  wordingSentence: string;
}

const DISPLAY_ORDER: TaskDisplayStatus[] = ["Chưa triển khai", "Đang triển khai", "Đã hoàn thành", OVERDUE_STATUS, "Chưa báo cáo"];

/** "A 46, B 10, C 7": most frequent first, ties in `order`, zero counts left out. */
export function countsSentence(pairs: { label: string; count: number }[]): string {
  return pairs
    .map((p, i) => ({ ...p, i }))
    .filter((p) => p.count > 0)
    .sort((a, b) => b.count - a.count || a.i - b.i)
    .map((p) => `${p.label} ${p.count}`)
    .join(", ");
}

/** Counts, overdue list and sentences for a set of tasks with their reported statuses, on `today` (Vietnam date). */
export function summarizeTasks(entries: TaskReportEntry[], today: string, opts: { year?: number } = {}): TaskSummary {
  const counts = Object.fromEntries(DISPLAY_ORDER.map((s) => [s, 0])) as Record<TaskDisplayStatus, number>;
  const invalid: TaskSummary["invalid"] = [];
  const overdue: TaskSummary["overdue"] = [];
  const unreportedLate: TaskSummary["unreportedLate"] = [];
  const wordings = new Map<string, { wording: string; count: number; status: TaskStatus | null; first: number }>();
  entries.forEach((e, i) => {
    const raw = (e.status ?? "").trim();
    let status: TaskStatus | null = null;
    if (raw) {
      const p = parseTaskStatus(raw);
      const wording = p.wording ?? raw.replace(/\s+/g, " ");
      const w = wordings.get(wording) ?? { wording, count: 0, status: p.ok ? p.status : null, first: i };
      w.count++;
      wordings.set(wording, w);
      if (!p.ok) {
        invalid.push({ key: e.key, printed: raw, message: p.message });
        return;
      }
      status = p.status;
    }
    const pr = taskProgress(e.deadline, status, today, opts);
    counts[pr.display]++;
    if (pr.overdue && status !== null) overdue.push({ key: e.key, daysLate: pr.daysLate!, dueDate: pr.dueDate!, status });
    else if (pr.overdue) unreportedLate.push({ key: e.key, daysLate: pr.daysLate!, dueDate: pr.dueDate! });
  });
  const byLate = (a: { key: string; daysLate: number }, b: { key: string; daysLate: number }) => b.daysLate - a.daysLate || a.key.localeCompare(b.key);
  overdue.sort(byLate);
  unreportedLate.sort(byLate);
  const byWording = [...wordings.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map(({ wording, count, status }) => ({ wording, count, status }));
  const main = countsSentence(DISPLAY_ORDER.map((s) => ({ label: s, count: counts[s] })));
  const bad = invalid.length ? `; ${invalid.length} nhiệm vụ ghi trạng thái không hợp lệ` : "";
  const late = overdue.length ? ` (chậm nhất: ${overdue[0]!.key}, ${overdue[0]!.daysLate} ngày)` : "";
  const unreported = unreportedLate.length ? `; trong số chưa báo cáo có ${unreportedLate.length} nhiệm vụ đã quá thời hạn` : "";
  return {
    total: entries.length,
    counts,
    invalid,
    byWording,
    overdue,
    unreportedLate,
    sentence: `Tổng số ${entries.length} nhiệm vụ: ${main || "chưa có"}${late}${unreported}${bad}.`,
    wordingSentence: countsSentence(byWording.map((w) => ({ label: w.wording, count: w.count }))),
  };
}

