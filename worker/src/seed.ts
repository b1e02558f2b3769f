// Seed data for local development and worker tests: the same SQL both ways (INSERT OR IGNORE, so re-running is harmless).
// Units = the catalog's lead agencies (departments) + a sample of communes/wards + one admin + one viewer.
import { isConcreteAgency } from "../../shared/catalog/index.js";
import type { Catalog } from "../../shared/catalog/types.js";
import type { FormDef } from "../../shared/forms/types.js";
import { sha256Hex } from "./crypto.js";
import type { UnitKind } from "./env.js";

/** ASCII code from a Vietnamese name: "Sở Khoa học và Công nghệ" → "so-khoa-hoc-va-cong-nghe". */
export function unitCode(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/&/g, " va ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
}

/** Distinct lead agencies of the catalog, in first-seen order. */
export function catalogAgencies(catalog: Catalog): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const ind of catalog.indicators) {
    for (const a of ind.agencies) {
      const name = a.trim();
      if (!isConcreteAgency(name)) continue;
      const code = unitCode(name);
      if (code && !seen.has(code)) seen.set(code, name);
    }
  }
  return [...seen].map(([code, name]) => ({ code, name }));
}

/** A sample of Thanh Hóa communes and wards (after the 2025 reorganisation) for local development. */
export const SAMPLE_COMMUNES = [
  "Phường Hạc Thành",
  "Phường Quảng Phú",
  "Phường Đông Quang",
  "Phường Đông Sơn",
  "Phường Hàm Rồng",
  "Phường Nguyệt Viên",
  "Phường Sầm Sơn",
  "Phường Nam Sầm Sơn",
  "Phường Bỉm Sơn",
  "Phường Nghi Sơn",
  "Xã Hoằng Hóa",
  "Xã Hậu Lộc",
  "Xã Nga Sơn",
  "Xã Thọ Xuân",
  "Xã Yên Định",
  "Xã Vĩnh Lộc",
  "Xã Triệu Sơn",
  "Xã Ngọc Lặc",
  "Xã Bá Thước",
  "Xã Mường Lát",
];

export const ADMIN_UNIT = { code: "skhcn-quan-tri", name: "Sở Khoa học và Công nghệ (quản trị)", kind: "admin" as const };
export const VIEWER_UNIT = { code: "lanh-dao-tinh", name: "Lãnh đạo UBND tỉnh (xem)", kind: "viewer" as const };
export const SEED_PERIODS = ["2025-6T", "2025-N", "2026-6T", "2026-N"];

/** Fixed development tokens: known values so a newcomer can curl at once. Never seed these in production. */
export const DEV_TOKENS = {
  admin: { id: "devadmin", secret: "ad".repeat(16) },
  viewer: { id: "devviewer", secret: "be".repeat(16) },
  commune: { id: "devxa", secret: "c0".repeat(16) },
  department: { id: "devso", secret: "d0".repeat(16) },
} as const;
export const devToken = (t: { id: string; secret: string }) => `tok_${t.id}.${t.secret}`;

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface SeedUnit {
  code: string;
  name: string;
  kind: UnitKind;
}

export function seedUnits(catalog: Catalog): SeedUnit[] {
  return [
    ADMIN_UNIT,
    VIEWER_UNIT,
    ...catalogAgencies(catalog).map((a) => ({ ...a, kind: "department" as const })),
    ...SAMPLE_COMMUNES.map((name) => ({ code: unitCode(name), name, kind: "commune" as const })),
  ];
}

export interface SeedResult {
  statements: string[];
  /** Which unit each dev token belongs to, with the full token text. */
  tokens: { label: string; unit: string; unitName: string; token: string }[];
}

/** Plain SQL statements (one per string, no trailing semicolons) – usable by `wrangler d1 execute --file` and by tests. */
export async function seedSql(catalog: Catalog, forms: FormDef[], opts: { devTokens?: boolean } = {}): Promise<SeedResult> {
  const units = seedUnits(catalog);
  const s: string[] = [];
  for (const u of units) {
    s.push(`INSERT OR IGNORE INTO units (code, name, kind) VALUES (${q(u.code)}, ${q(u.name)}, ${q(u.kind)})`);
  }
  for (const f of forms) {
    s.push(
      `INSERT OR IGNORE INTO forms (id, kind, audience, title) VALUES (${q(f.id)}, ${q(f.kind)}, ${q(f.audience)}, ${q(f.title.join(" / "))})`,
    );
  }
  for (const p of SEED_PERIODS) {
    const [y, h] = p.split("-") as [string, string];
    s.push(`INSERT OR IGNORE INTO periods (id, year, half) VALUES (${q(p)}, ${Number(y)}, ${q(h)})`);
  }
  const tokens: SeedResult["tokens"] = [];
  if (opts.devTokens !== false) {
    const firstDept = units.find((u) => u.kind === "department");
    const firstCommune = units.find((u) => u.kind === "commune");
    const plan: [string, { id: string; secret: string }, SeedUnit | undefined, "admin" | "viewer" | "unit"][] = [
      ["quản trị (Sở KH&CN)", DEV_TOKENS.admin, ADMIN_UNIT, "admin"],
      ["lãnh đạo (xem)", DEV_TOKENS.viewer, VIEWER_UNIT, "viewer"],
      ["xã/phường", DEV_TOKENS.commune, firstCommune, "unit"],
      ["sở/ngành", DEV_TOKENS.department, firstDept, "unit"],
    ];
    for (const [label, t, unit, role] of plan) {
      if (!unit) continue;
      const hash = await sha256Hex(t.secret);
      s.push(
        `INSERT OR IGNORE INTO tokens (id, unit, hash, role, label) VALUES (${q(t.id)}, ${q(unit.code)}, ${q(hash)}, ${q(role)}, ${q("dev: " + label)})`,
      );
      tokens.push({ label, unit: unit.code, unitName: unit.name, token: devToken(t) });
    }
  }
  return { statements: s, tokens };
}

/** Apply the seed to a D1 binding (tests). */
export async function seed(db: D1Database, catalog: Catalog, forms: FormDef[]): Promise<SeedResult> {
  const r = await seedSql(catalog, forms);
  await db.batch(r.statements.map((sql) => db.prepare(sql)));
  return r;
}
