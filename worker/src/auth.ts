// Bearer-token auth and role checks. Identity (unit, role) always comes from the token, never the body.
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Caller, Role } from "./env.js";
import { ApiError } from "./errors.js";
import { verifyToken } from "./store/tokens.js";

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) {
    throw new ApiError(401, "unauthorized", "Chưa có mã truy cập. Hãy nhập mã do Sở KH&CN cấp rồi kết nối lại.");
  }
  const caller = await verifyToken(c.env.DB, m[1] ?? "");
  if (!caller) {
    throw new ApiError(401, "unauthorized", "Mã truy cập không hợp lệ hoặc đã bị thu hồi. Liên hệ Sở KH&CN để được cấp mã mới.");
  }
  c.set("caller", caller);
  await next();
};

/** Whether the caller has one of the roles: "unit" = may report, "viewer" = may read merged tables, "admin". */
export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return roles.some((r) => (r === "admin" ? caller.can.admin : r === "viewer" ? caller.can.view : caller.can.report));
}

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!hasRole(c.get("caller"), ...roles)) {
      throw new ApiError(403, "forbidden", "Tài khoản của bạn không có quyền thực hiện thao tác này.");
    }
    await next();
  };
}

/**
 * Which unit's data a read/write targets. Without `requested`, a reporting unit targets itself. Naming another
 * unit: admins may read and write it; units that may read merged tables (viewers, Văn phòng Tỉnh ủy…) may read it.
 */
export function targetUnit(c: { get(k: "caller"): Caller }, requested: string | undefined, write: boolean): string {
  const caller = c.get("caller");
  const other = requested !== undefined && requested !== caller.unit;
  if (other) {
    if (caller.can.admin || (!write && caller.can.view)) return requested;
    throw new ApiError(403, "forbidden", write ? "Đơn vị chỉ được gửi số liệu của chính mình." : "Đơn vị chỉ được xem số liệu của chính mình.");
  }
  if (caller.can.report || (caller.can.admin && requested !== undefined)) return caller.unit;
  if (write && !caller.can.admin) {
    throw new ApiError(403, "forbidden", "Tài khoản này chỉ được xem, không được gửi số liệu.");
  }
  throw new ApiError(400, "unit_required", "Hãy chọn đơn vị cần xem hoặc gửi số liệu.");
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
