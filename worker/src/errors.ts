// One error shape for every failure: {error, message (Vietnamese), details[]} (shared/schemas errorSchema).
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
    /** Extra top-level fields (e.g. conflict bodies carry currentRevision and current). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const errorBody = (code: string, message: string, details: unknown[] = []) => ({ error: code, message, details });

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string, details: unknown[] = []) {
  return c.json(errorBody(code, message, details), status);
}

/** zod issues → details the add-in can show next to a field. */
export function zodDetails(err: ZodError): unknown[] {
  return err.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message }));
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json({ ...errorBody(err.code, err.message, err.details), ...err.extra }, err.status);
  }
  if (err instanceof HTTPException) {
    // Hono's own (e.g. malformed JSON from c.req.json()) – keep the status, translate the message.
    const status = err.status as ContentfulStatusCode;
    const message = status === 400 ? "Yêu cầu không hợp lệ (JSON sai cú pháp?)" : "Yêu cầu không được chấp nhận";
    return c.json(errorBody("bad_request", message, [err.message]), status);
  }
  console.error("unhandled", err);
  return c.json(errorBody("internal", "Lỗi máy chủ, vui lòng thử lại sau", []), 500);
}
