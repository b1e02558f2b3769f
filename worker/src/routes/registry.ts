// The unit registry and tokens for many units at once, for the Sở KH&CN's sheets "Danh sách đơn vị" and
// "Phiếu cấp mã truy cập". Mounted under /api/admin (admin only).
import { Hono } from "hono";
import { z } from "zod";
import { CATEGORY_LABELS, checkRegistry, registryPushSchema, UNIT_CODE_RE } from "../../../shared/registry/index.js";
import { knownAgencyNames } from "../agencies.js";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import { readJson } from "../http.js";
import { applyRegistry, diffRegistry, readRegistry, registryHistory, registryVersion } from "../store/registry.js";
import { revokeStmt, tokenInsert } from "../store/tokens.js";
import { listUnits } from "../store/units.js";

export const registry = new Hono<AppEnv>();
registry.use("*", requireRole("admin"));

registry.get("/registry", async (c) => {
  const [version, units] = await Promise.all([registryVersion(c.env.DB), readRegistry(c.env.DB)]);
  return c.json({ version, units, knownAgencies: knownAgencyNames(), categories: CATEGORY_LABELS });
});

registry.get("/registry/history", async (c) => {
  const rows = await registryHistory(c.env.DB);
  return c.json({ history: rows.map((r) => ({ version: r.id, by: r.by_token, at: r.at, summary: JSON.parse(r.summary) as unknown })) });
});

/** Checks the pushed sheet; `dryRun` shows what would change; otherwise applies it atomically on top of `baseVersion`. */
registry.put("/registry", async (c) => {
  const body = await readJson(c, registryPushSchema);
  const caller = c.get("caller");
  const current = await readRegistry(c.env.DB);
  const problems = checkRegistry(body.units, { knownAgencies: knownAgencyNames(), existingCodes: current.map((u) => u.code), selfCode: caller.unit });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) {
    throw new ApiError(422, "registry_invalid", `Danh sách đơn vị có ${errors.length} lỗi, chưa được ghi nhận. Hãy sửa các dòng được nêu rồi gửi lại.`, errors);
  }
  const warnings = problems.filter((p) => p.severity === "warning");
  const version = await registryVersion(c.env.DB);
  const diff = diffRegistry(current, body.units);
  const summary = {
    added: diff.added.length,
    changed: diff.changed.length,
    unchanged: diff.unchanged,
    notInSheet: diff.notInSheet.length,
  };
  if (body.dryRun) return c.json({ version, dryRun: true, summary, diff, warnings });
  if (body.baseVersion !== version) throw stale(version);
  if (diff.added.length === 0 && diff.changed.length === 0) return c.json({ version, applied: false, summary, diff, warnings });
  // The snapshot is the registry after this push: the sheet's units over the ones it does not list.
  const after = new Map(current.map((u) => [u.code, u]));
  for (const u of body.units) after.set(u.code, { ...u, row: undefined });
  let next: number;
  try {
    next = await applyRegistry(c.env.DB, version, diff, caller.tokenId, [...after.values()]);
  } catch (e) {
    if ((await registryVersion(c.env.DB)) !== version) throw stale(await registryVersion(c.env.DB));
    throw e;
  }
  return c.json({ version: next, applied: true, summary, diff, warnings });
});

function stale(version: number) {
  return new ApiError(409, "registry_conflict", "Danh sách đơn vị vừa được người khác cập nhật. Hãy tải lại danh sách, sửa lại rồi gửi.", [], { currentVersion: version });
}

const unitsBody = z.strictObject({
  units: z.array(z.string().regex(UNIT_CODE_RE)).min(1).max(500),
  label: z.string().trim().max(200).optional(),
});

/** New tokens for many units at once (one each); the secrets are returned once and only their hashes are kept. */
registry.post("/tokens/issue", async (c) => {
  const body = await readJson(c, unitsBody);
  return c.json(await issue(c.env.DB, body.units, c.get("caller").tokenId, body.label ?? "phiếu cấp mã", false), 201);
});

/** Revokes every token of the units and issues one new token each, atomically per request. */
registry.post("/tokens/rotate", async (c) => {
  const body = await readJson(c, unitsBody);
  return c.json(await issue(c.env.DB, body.units, c.get("caller").tokenId, body.label ?? "cấp lại", true), 201);
});

const revokeBody = z
  .strictObject({
    units: z.array(z.string().regex(UNIT_CODE_RE)).max(500).optional(),
    tokenIds: z.array(z.string().regex(/^[A-Za-z0-9]{1,32}$/)).max(500).optional(),
  })
  .refine((b) => (b.units?.length ?? 0) + (b.tokenIds?.length ?? 0) > 0, "Cần chọn đơn vị hoặc mã truy cập để thu hồi");

registry.post("/tokens/revoke", async (c) => {
  const body = await readJson(c, revokeBody);
  const by = c.get("caller").tokenId;
  if (body.units?.includes(c.get("caller").unit)) {
    throw new ApiError(422, "self_revoke", "Không thể thu hồi mã của chính tài khoản quản trị đang dùng ở đây.");
  }
  const stmts = [
    ...(body.units ?? []).map((u) => revokeStmt(c.env.DB, { unit: u }, by)),
    ...(body.tokenIds ?? []).map((id) => revokeStmt(c.env.DB, { id }, by)),
  ];
  const res = await c.env.DB.batch(stmts);
  return c.json({ revoked: res.reduce((n, r) => n + (r.meta.changes ?? 0), 0) });
});

/** Every token's state (never the hash or the secret), for the admin's sheet. */
registry.get("/tokens", async (c) => {
  const rows = (
    await c.env.DB.prepare(
      `SELECT t.id, t.unit, u.name, t.label, t.created_at, t.revoked_at FROM tokens t JOIN units u ON u.code = t.unit ORDER BY u.name, t.created_at`,
    ).all<{ id: string; unit: string; name: string; label: string | null; created_at: string; revoked_at: string | null }>()
  ).results;
  return c.json({ tokens: rows.map((r) => ({ id: r.id, unit: r.unit, unitName: r.name, label: r.label, issuedAt: r.created_at, revokedAt: r.revoked_at })) });
});

async function issue(db: D1Database, codes: string[], by: string, label: string, rotate: boolean) {
  const unique = [...new Set(codes)];
  const units = new Map((await listUnits(db)).map((u) => [u.code, u]));
  const missing = unique.filter((c) => !units.has(c));
  if (missing.length) {
    throw new ApiError(404, "unknown_unit", `Không có đơn vị: ${missing.map((m) => `"${m}"`).join(", ")}.`, missing.map((m) => ({ unit: m })));
  }
  const inactive = unique.filter((c) => units.get(c)!.active !== 1);
  if (inactive.length) {
    throw new ApiError(422, "inactive_unit", `Đơn vị đã ngừng hoạt động, không cấp mã: ${inactive.map((c) => units.get(c)!.name).join(", ")}.`);
  }
  const stmts: D1PreparedStatement[] = [];
  const tokens: { unit: string; unitName: string; token: string; id: string; issuedAt: string }[] = [];
  for (const code of unique) {
    const u = units.get(code)!;
    if (rotate) stmts.push(revokeStmt(db, { unit: code }, by));
    const t = await tokenInsert(db, code, u.kind, { createdBy: by, label });
    stmts.push(t.stmt);
    tokens.push({ unit: code, unitName: u.name, token: t.token.token, id: t.token.id, issuedAt: t.token.createdAt });
  }
  await db.batch(stmts);
  return { tokens, note: "Mã chỉ hiển thị một lần: hãy ghi vào phiếu và giao cho từng đơn vị. Máy chủ chỉ lưu bản băm." };
}
