/**
 * Batches CT.ACTUAL calls into one request per recalculation (batcher.ts: one POST per burst, identical requests
 * (same key, year, unit) shared, short-TTL cache, a timeout per call so a cell never stays #BUSY!).
 *
 * Wire contract (proposed to the worker):
 *   POST /api/actuals  { requests: [{ key, year, unit? }] }
 *   200 → { results: [{ key, year, unit, raw, value, period? }] }   results[i] answers requests[i]
 */
import { RequestBatcher, type BatcherOptions } from "./batcher.js";
import type { ActualRequest, ActualResult } from "./core.js";
import { MAX_ACTUAL_SCOPES, actualScope } from "../../shared/schemas/limits.js";

export { OFFLINE_MESSAGE } from "./batcher.js";
export type ActualBatcherOptions = BatcherOptions;

export function requestId(r: ActualRequest): string {
  return `${r.key.toUpperCase()}|${r.year}|${(r.unit ?? "").toUpperCase()}`;
}

/** The server's bound on one POST /api/actuals (shared/schemas MAX_ACTUAL_REQUESTS; the functions bundle carries no zod). */
export const MAX_ACTUAL_BATCH = 500;

export class ActualBatcher extends RequestBatcher<ActualRequest, ActualResult> {
  constructor(options: ActualBatcherOptions = {}) {
    super(options, { endpoint: "/api/actuals", maxBatch: MAX_ACTUAL_BATCH });
  }

  /** The fetcher handed to core.ctActual. */
  readonly fetcher = (request: ActualRequest): Promise<ActualResult> => this.get(request);

  protected idOf(request: ActualRequest): string {
    return requestId(request);
  }

  /** The worker answers at most MAX_ACTUAL_SCOPES distinct (unit, year) pairs per request. */
  protected override scopeOf(request: ActualRequest): string {
    return actualScope(request);
  }
  protected override readonly maxScopes = MAX_ACTUAL_SCOPES;

  protected pick(results: unknown[], i: number, request: ActualRequest): ActualResult {
    return pickResult(results as ActualResult[], i, request);
  }
}

/** results[i] answers requests[i]; if the server reordered, fall back to matching key/year/unit. */
function pickResult(results: ActualResult[], i: number, request: ActualRequest): ActualResult {
  const id = requestId(request);
  const matches = (r: ActualResult | undefined): r is ActualResult =>
    !!r &&
    typeof r.key === "string" &&
    requestId({ key: r.key, year: Number(r.year), ...(request.unit ? { unit: r.unit ?? "" } : {}) }) === id;
  const byIndex = results[i];
  const found = matches(byIndex) ? byIndex : results.find(matches);
  if (!found) return { key: request.key, year: request.year, unit: request.unit ?? null, raw: null, value: null };
  return {
    key: found.key,
    year: Number(found.year),
    unit: found.unit ?? null,
    raw: typeof found.raw === "string" ? found.raw : null,
    value: typeof found.value === "number" && Number.isFinite(found.value) ? found.value : null,
    period: found.period ?? null,
  };
}
