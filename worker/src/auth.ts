// Bearer-token auth and role checks. Identity (unit, role) always comes from the token, never the body.
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Role } from "./env.js";
import { ApiError } from "./errors.js";
import { verifyToken } from "./store/tokens.js";

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) {
    throw new ApiError(401, "unauthorized", "Thiếu mã truy cập (Authorization: Bearer tok_…). Liên hệ Sở KH&CN để được cấp.");
  }
  const caller = await verifyToken(c.env.DB, m[1] ?? "");
  if (!caller) {
    throw new ApiError(401, "unauthorized", "Mã truy cập không hợp lệ hoặc đã bị thu hồi. Liên hệ Sở KH&CN để được cấp mã mới.");
  }
  c.set("caller", caller);
  await next();
};

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get("caller").role)) {
      throw new ApiError(403, "forbidden", "Tài khoản của bạn không có quyền thực hiện thao tác này.");
    }
    await next();
  };
}

/**
 * Which unit's data a read/write targets: units are pinned to their own code;
 * admin (and viewer for reads) may name any unit.
 */
export function targetUnit(c: { get(k: "caller"): AppEnv["Variables"]["caller"] }, requested: string | undefined, write: boolean): string {
  const caller = c.get("caller");
  if (caller.role === "unit") {
    if (requested && requested !== caller.unit) {
      throw new ApiError(403, "forbidden", write ? "Đơn vị chỉ được gửi số liệu của chính mình." : "Đơn vị chỉ được xem số liệu của chính mình.");
    }
    return caller.unit;
  }
  if (caller.role === "viewer" && write) {
    throw new ApiError(403, "forbidden", "Tài khoản lãnh đạo chỉ được xem, không được gửi số liệu.");
  }
  if (!requested) {
    throw new ApiError(400, "unit_required", "Cần chỉ rõ đơn vị (tham số unit).");
  }
  return requested;
}

/** Per-token rate limit (the WRITE_LIMIT binding) for routes that write or fan out: 429 with a Vietnamese message. */
export const limitPerToken: MiddlewareHandler<AppEnv> = async (c, next) => {
  const limiter = c.env.WRITE_LIMIT;
  if (limiter) {
    const { success } = await limiter.limit({ key: c.get("caller").tokenId });
    if (!success) {
      c.header("Retry-After", "60");
      throw new ApiError(429, "rate_limited", "Gửi quá nhiều lần trong một phút. Vui lòng đợi một phút rồi gửi lại; số liệu đã nhập không bị mất.");
    }
  }
  await next();
};
