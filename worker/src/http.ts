// Request parsing helpers: every bad input becomes an ApiError with a Vietnamese message.
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError, zodDetails } from "./errors.js";

/** Parse the JSON body with a zod schema: malformed JSON → 400, wrong shape → 400 with zod issues in details. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, "malformed_json", "Nội dung gửi lên không phải JSON hợp lệ.", [String(e instanceof Error ? e.message : e)]);
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    throw new ApiError(400, "invalid_body", "Nội dung gửi lên sai cấu trúc hoặc sai kiểu dữ liệu.", zodDetails(r.error));
  }
  return r.data;
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const r = schema.safeParse(c.req.query());
  if (!r.success) {
    throw new ApiError(400, "invalid_query", "Tham số truy vấn không hợp lệ.", zodDetails(r.error));
  }
  return r.data;
}

export function readParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const r = schema.safeParse(c.req.param());
  if (!r.success) {
    throw new ApiError(400, "invalid_path", "Đường dẫn không hợp lệ.", zodDetails(r.error));
  }
  return r.data;
}
