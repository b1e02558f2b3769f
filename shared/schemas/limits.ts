// Limits of the wire contract that the add-in's first bundle needs too (no zod here).

/** POST /api/actuals: at most this many cells per request. */
export const MAX_ACTUAL_REQUESTS = 500;

/**
 * POST /api/actuals: at most this many distinct (unit, year) pairs per request. Each pair costs the worker up to two
 * merges (the full-year and the half-year period), so a request costs at most 16 merges however it is built; cells
 * beyond the first 8 pairs (in request order) get raw: null and a note. The add-in's batcher splits its requests
 * so that it never meets this limit (addin/functions/actual-batcher.ts).
 */
export const MAX_ACTUAL_SCOPES = 8;

/** The (unit, year) pair a CT.ACTUAL request counts against MAX_ACTUAL_SCOPES. */
export const actualScope = (r: { year: number; unit?: string | null | undefined }): string => `${r.unit ?? ""}\u0000${r.year}`;
