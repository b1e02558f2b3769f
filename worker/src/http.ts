// Request parsing helpers: every bad input becomes an ApiError with a Vietnamese message.
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError, zodDetails } from "./errors.js";

/** A lone surrogate (half of a UTF-16 pair): such a string cannot be stored as UTF-8 as it was sent. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path ("cells.3.raw") of the first string (value or key) that is not well-formed UTF-16, or null.
 * Iterative: a body may nest arrays thousands deep.
 */
export function malformedTextAt(value: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: "" }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      if (LONE_SURROGATE.test(v)) return path || "(gốc)";
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: path ? `${path}.${i}` : String(i) });
    } else if (v && typeof v === "object") {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        if (LONE_SURROGATE.test(k)) return path ? `${path}.(tên trường)` : "(tên trường)";
        stack.push({ v: x, path: path ? `${path}.${k}` : k });
      }
    }
  }
  return null;
}

const invalidText = (details: unknown[]) =>
  new ApiError(
    400,
    "invalid_text",
    "Nội dung gửi lên có ký tự hỏng (không phải văn bản Unicode hợp lệ), nên chưa được ghi nhận. Hãy gõ lại hoặc dán lại ô đó từ nguồn khác.",
    details,
  );

/**
 * Parse the JSON body with a zod schema: bytes that are not UTF-8 → 400, malformed JSON → 400, a string that is not
 * well-formed UTF-16 (a lone surrogate such as "\ud800", anywhere) → 400, wrong shape → 400 with zod issues in
 * details. Nothing is hashed or stored before these checks.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalidText(["Dữ liệu không phải UTF-8 hợp lệ."]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, "malformed_json", "Nội dung gửi lên không phải JSON hợp lệ.", [String(e instanceof Error ? e.message : e)]);
  }
  const bad = malformedTextAt(data);
  if (bad !== null) throw invalidText([{ path: bad, message: "Chuỗi có nửa cặp UTF-16 (surrogate) đứng một mình." }]);
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
