// Bounds on what one request may ask of the worker.
//
// Body size: every route that can read a body (POST, PUT, PATCH, DELETE under /api) goes through one middleware,
// so a new route is limited from the day it is added (test/worker/hardening.test.ts sends an oversize body to
// every such route it finds in the app). The limit is per path; anything not listed gets the small default.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./env.js";
import { ApiError } from "./errors.js";

const KiB = 1024;

/** Submissions are small (≈ 80 indicators × 3 fields); 1 MiB leaves room for long task lists. */
export const MAX_SUBMISSION_BYTES = 1024 * KiB;
/** 500 CT.ACTUAL cells × at most ~170 bytes each (key and unit of 64 characters). */
export const MAX_ACTUALS_BYTES = 128 * KiB;
/** Admin bodies (a unit, a period, a target correction) are a few hundred bytes; 2,000-character comments fit. */
export const MAX_DEFAULT_BYTES = 32 * KiB;
/** The whole unit registry (shared/registry: up to 3,000 rows with contacts, agency names and notes). */
export const MAX_REGISTRY_BYTES = 2048 * KiB;
/** A review with up to 500 notes of 1,000 characters on cells. */
export const MAX_REVIEW_BYTES = 1024 * KiB;
/** Tokens for up to 500 units at once (codes of up to 64 characters). */
export const MAX_TOKENS_BYTES = 64 * KiB;

export function maxBodyBytes(path: string): number {
  if (path === "/api/submissions") return MAX_SUBMISSION_BYTES;
  if (path === "/api/actuals") return MAX_ACTUALS_BYTES;
  if (path === "/api/admin/registry") return MAX_REGISTRY_BYTES;
  if (/^\/api\/admin\/submissions\/[^/]+\/review$/.test(path)) return MAX_REVIEW_BYTES;
  if (path.startsWith("/api/admin/tokens/")) return MAX_TOKENS_BYTES;
  return MAX_DEFAULT_BYTES;
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const tooLarge = (max: number) =>
  new ApiError(
    413,
    "payload_too_large",
    `Dữ liệu gửi lên quá lớn (tối đa ${max >= 1024 * KiB ? `${max / (1024 * KiB)} MB` : `${max / KiB} KB`} cho địa chỉ này). Hãy chia nhỏ rồi gửi lại.`,
  );

/** 413 with a Vietnamese message before any handler reads more than the limit (streamed bodies are counted). */
export const limitBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!BODY_METHODS.has(c.req.method)) return next();
  const max = maxBodyBytes(c.req.path);
  return bodyLimit({
    maxSize: max,
    onError: () => {
      throw tooLarge(max);
    },
  })(c, next);
};
