/**
 * CT.TASKSTATUS / CT.TRANGTHAI: a task's status in any sheet, answered by the server in batches (POST /api/task-status,
 * worker/src/routes/task-status.ts), like CT.ACTUAL.
 *
 *   =CT.TASKSTATUS("III.12")             latest status ("Đã hoàn thành", "Đang triển khai", "Chưa triển khai",
 *                                        "Chậm tiến độ" when the deadline has passed, "Chưa báo cáo")
 *   =CT.TASKSTATUS("III.12"; "2026-Q4")  the status reported for that period, as the merged report counts it
 *
 * The key's shape and the period id are checked here with no network; no task catalog is bundled (the server knows
 * the tasks). Free of Office: functions.ts turns CtError into CustomFunctions.Error.
 */
import { isPeriodId } from "../../shared/periods/index.js";
import { canonicalTaskKey } from "../../shared/tasks/key.js";
import { RequestBatcher, type BatcherOptions } from "./batcher.js";
import { CtError, type CellInput } from "./core.js";

export interface TaskStatusRequest {
  /** The task key in the catalog's spelling ("III.12"). */
  key: string;
  /** A period id ("2026-Q4"); absent = the latest status. */
  period?: string;
}

/** What the server answers for one request (shared/schemas taskStatusResultSchema). */
export interface TaskStatusAnswer {
  key: string;
  period: string | null;
  display: string | null;
  status: string | null;
  daysLate: number | null;
  dueDate: string | null;
  asOf: string | null;
  note?: string;
}

export type TaskStatusFetcher = (request: TaskStatusRequest) => Promise<TaskStatusAnswer>;

/** The server's bound on one POST /api/task-status (shared/schemas MAX_TASK_STATUS_REQUESTS; no zod in this bundle). */
export const MAX_TASK_STATUS_BATCH = 250;

export const taskStatusId = (r: TaskStatusRequest) => `${r.key.toUpperCase()}|${r.period ?? ""}`;

export class TaskStatusBatcher extends RequestBatcher<TaskStatusRequest, TaskStatusAnswer> {
  constructor(options: BatcherOptions = {}) {
    super(options, { endpoint: "/api/task-status", maxBatch: MAX_TASK_STATUS_BATCH });
  }

  readonly fetcher: TaskStatusFetcher = (request) => this.get(request);

  protected idOf(request: TaskStatusRequest): string {
    return taskStatusId(request);
  }

  protected pick(results: unknown[], i: number, request: TaskStatusRequest): TaskStatusAnswer {
    const same = (r: unknown): r is TaskStatusAnswer =>
      !!r && typeof r === "object" && typeof (r as TaskStatusAnswer).key === "string" && (r as TaskStatusAnswer).key.toUpperCase() === request.key.toUpperCase();
    const found = same(results[i]) ? results[i] : results.find(same);
    if (!found) return { key: request.key, period: request.period ?? null, display: null, status: null, daysLate: null, dueDate: null, asOf: null };
    return found;
  }
}

let current: TaskStatusFetcher = new TaskStatusBatcher().fetcher;

/** Replace the fetcher (register.ts at start-up, with the API base and the token; tests). */
export function configureTaskStatus(fetcher: TaskStatusFetcher): void {
  current = fetcher;
}

export function taskStatusFetcher(): TaskStatusFetcher {
  return current;
}

/** The key as typed → the catalog's spelling, or #VALUE! saying how to write it. */
export function taskKeyOf(key: CellInput): string {
  const text = key === null || key === undefined ? "" : String(key).normalize("NFC").trim().replace(/^['"“”‘’]+|['"“”‘’]+$/g, "");
  const k = canonicalTaskKey(text);
  if (!k) throw new CtError("#VALUE!", text ? `Mã nhiệm vụ "${text}" không hợp lệ; ghi Phụ lục và số thứ tự, ví dụ "III.12".` : 'Chưa ghi mã nhiệm vụ (ví dụ "III.12").');
  return k;
}

/** CT.TASKSTATUS: validates locally, then asks the fetcher; the status as the report shows it, or #N/A with the reason. */
export async function ctTaskStatus(fetcher: TaskStatusFetcher, key: CellInput, period?: CellInput): Promise<string> {
  const k = taskKeyOf(key);
  const p = period === null || period === undefined ? "" : String(period).trim().toUpperCase().replace(/^(\d{4})-T(\d)$/, "$1-T0$2");
  if (p && !isPeriodId(p)) throw new CtError("#VALUE!", `Kỳ báo cáo "${String(period)}" không hợp lệ; ví dụ "2026-Q4", "2026-T03", "2026-6T", "2026-N".`);
  const r = await fetcher(p ? { key: k, period: p } : { key: k });
  if (r.display) return r.display;
  throw new CtError("#N/A", r.note ?? `Chưa có trạng thái của nhiệm vụ ${k}.`);
}
