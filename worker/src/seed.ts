// Seed data for local development and worker tests: the same SQL both ways (INSERT OR IGNORE, so re-running is harmless).
// Full size by default: every concrete agency the catalogs name (with its category and the agency names it answers
// for), 166 communes/wards (placeholders: the seeds give the number, not the names; the real list is imported by the
// administrator through the registry sheet), one admin, one viewer, the current reporting periods and dev tokens.
import { isConcreteAgency } from "../../shared/catalog/index.js";
import { unitCodeFromName } from "../../shared/registry/index.js";
import { taskUnitNames } from "../../shared/tasks/index.js";
import type { Catalog } from "../../shared/catalog/types.js";
import type { FormDef } from "../../shared/forms/types.js";
import { defaultCutoffDate, defaultDueDate, parsePeriod } from "../../shared/periods/index.js";
import { sha256Hex } from "./crypto.js";
import type { UnitCategory, UnitKind } from "./env.js";

/** ASCII code from a Vietnamese name: "Sở Khoa học và Công nghệ" → "so-khoa-hoc-va-cong-nghe" (shared/registry). */
export const unitCode = unitCodeFromName;

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

/** The 19 wards of Thanh Hóa after the 2025 reorganisation, then sample communes, then numbered placeholders up to 166. */
export const SAMPLE_COMMUNES = [
  "Phường Hạc Thành",
  "Phường Quảng Phú",
  "Phường Đông Quang",
  "Phường Đông Sơn",
  "Phường Đông Tiến",
  "Phường Hàm Rồng",
  "Phường Nguyệt Viên",
  "Phường Sầm Sơn",
  "Phường Nam Sầm Sơn",
  "Phường Bỉm Sơn",
  "Phường Quang Trung",
  "Phường Ngọc Sơn",
  "Phường Tân Dân",
  "Phường Hải Lĩnh",
  "Phường Tĩnh Gia",
  "Phường Đào Duy Từ",
  "Phường Hải Bình",
  "Phường Trúc Lâm",
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
/** Thanh Hóa has 166 communes and wards (001, §1); names past the sample are placeholders until the admin imports the list. */
export const COMMUNE_COUNT = 166;
export function communeNames(count = COMMUNE_COUNT): string[] {
  const names = SAMPLE_COMMUNES.slice(0, count);
  for (let i = names.length + 1; i <= count; i++) names.push(`Xã mẫu ${String(i).padStart(3, "0")}`);
  return names;
}

/**
 * Category of a provincial agency by its name: Party bodies, the Fatherland Front and mass organisations, other
 * bodies (banks, insurance, schools, press), else a department (sở, ngành, and offices such as Công an tỉnh).
 */
export function categoryOf(name: string): Exclude<UnitCategory, "commune" | "staff"> {
  const n = name.normalize("NFC");
  if (/tỉnh ủy|tỉnh uỷ|đảng ủy|đảng uỷ|\bTU\b/i.test(n)) return "party";
  if (/MTTQ|Mặt trận|Tỉnh đoàn|Đoàn Thanh niên|Hội Liên hiệp|Hội Nông dân|Hội Cựu chiến binh|Liên đoàn Lao động|Liên hiệp các Hội/i.test(n)) return "mass";
  if (/(^|\s)(Trường|Viện)\s/.test(n)) return "other"; // capitalised: "Sở Nông nghiệp và Môi trường" is a department
  if (/Ngân hàng|Bảo hiểm|Báo |Đài |Viettel|VNPT|Bưu điện|Tập đoàn|Tổng công ty|Công ty|doanh nghiệp|Hiệp hội|Cảng hàng không/i.test(n)) return "other";
  return "department";
}

export const ADMIN_UNIT = { code: "skhcn-quan-tri", name: "Sở Khoa học và Công nghệ (quản trị)", kind: "admin" as const };
export const VIEWER_UNIT = { code: "lanh-dao-tinh", name: "Lãnh đạo UBND tỉnh (xem)", kind: "viewer" as const };
/**
 * Periods opened in a fresh local database (the administrator opens the next ones). 2026-Q4, the current quarter, is
 * there so task progress (tiendo-nv, due monthly and quarterly as well) has a period to go into.
 */
export const SEED_PERIODS = ["2025-6T", "2025-N", "2026-6T", "2026-N", "2026-Q4"];
/** A Party office that reports and also reads merged tables (001, §9.1: reports go to the Ban Chỉ đạo through it). */
export const PARTY_OFFICE = "Văn phòng Tỉnh ủy";

/** Fixed development tokens: known values so a newcomer can curl at once. Never seed these in production. */
export const DEV_TOKENS = {
  admin: { id: "devadmin", secret: "ad".repeat(16) },
  viewer: { id: "devviewer", secret: "be".repeat(16) },
  party: { id: "devtu", secret: "e0".repeat(16) },
  commune: { id: "devxa", secret: "c0".repeat(16) },
  department: { id: "devso", secret: "d0".repeat(16) },
} as const;
export const devToken = (t: { id: string; secret: string }) => `tok_${t.id}.${t.secret}`;

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface SeedUnit {
  code: string;
  name: string;
  kind: UnitKind;
  category: UnitCategory;
  canReport: boolean;
  canView: boolean;
  canAdmin: boolean;
  /** Catalog agency names the unit answers for. */
  agencies: string[];
}

const provincial = (name: string, extra: Partial<SeedUnit> = {}): SeedUnit => ({
  code: unitCode(name),
  name,
  kind: "department",
  category: categoryOf(name),
  canReport: true,
  canView: name === PARTY_OFFICE,
  canAdmin: false,
  agencies: [name],
  ...extra,
});

/**
 * One body named two ways by the two catalogs (the indicator table and the task appendices): the first name is the
 * unit's, both are agency names it answers for.
 */
export const SAME_BODY: [string, string][] = [["Ủy ban Kiểm tra Tỉnh ủy", "Cơ quan UBKT Tỉnh ủy"]];

/**
 * Every unit of a full-size local database, in a stable order: admin, viewer, every single body the indicator and task
 * catalogs name as lead or cooperating agency (spellings that differ only in case or accents become one unit that
 * answers for each spelling), then the communes and wards.
 */
export function seedUnits(catalog: Catalog, extraAgencies: string[] = []): SeedUnit[] {
  const names = [...catalogAgencies(catalog).map((a) => a.name), ...taskUnitNames(), PARTY_OFFICE, ...extraAgencies].filter(isConcreteAgency);
  const alias = new Map(SAME_BODY.map(([main, other]) => [unitCode(other), unitCode(main)]));
  const units: SeedUnit[] = [
    { ...ADMIN_UNIT, category: "staff", canReport: false, canView: true, canAdmin: true, agencies: [] },
    { ...VIEWER_UNIT, category: "staff", canReport: false, canView: true, canAdmin: false, agencies: [] },
  ];
  const byCode = new Map<string, SeedUnit>();
  const mainName = new Map(SAME_BODY.map(([main]) => [unitCode(main), main]));
  for (const name of names) {
    const code = alias.get(unitCode(name)) ?? unitCode(name);
    if (!code) continue;
    const have = byCode.get(code);
    if (have) {
      if (!have.agencies.includes(name)) have.agencies.push(name);
      continue;
    }
    // A body both catalogs name is called what the task appendices call it, and answers for both names.
    const main = mainName.get(code);
    const u = provincial(main ?? name);
    u.code = code;
    if (main && main !== name) u.agencies = names.includes(main) ? [main, name] : [name];
    byCode.set(code, u);
    units.push(u);
  }
  for (const name of communeNames()) {
    units.push({ code: unitCode(name), name, kind: "commune", category: "commune", canReport: true, canView: false, canAdmin: false, agencies: [] });
  }
  return units;
}

export interface SeedResult {
  statements: string[];
  /** Which unit each dev token belongs to, with the full token text. */
  tokens: { label: string; unit: string; unitName: string; token: string }[];
}

/** Plain SQL statements (one per string, no trailing semicolons) – usable by `wrangler d1 execute --file` and by tests. */
export async function seedSql(catalog: Catalog, forms: FormDef[], opts: { devTokens?: boolean; extraAgencies?: string[] } = {}): Promise<SeedResult> {
  const units = seedUnits(catalog, opts.extraAgencies);
  const s: string[] = [];
  const bit = (b: boolean) => (b ? 1 : 0);
  for (const u of units) {
    s.push(
      `INSERT OR IGNORE INTO units (code, name, kind, category, can_report, can_view, can_admin) VALUES (${q(u.code)}, ${q(u.name)}, ${q(u.kind)}, ${q(u.category)}, ${bit(u.canReport)}, ${bit(u.canView)}, ${bit(u.canAdmin)})`,
    );
    for (const a of u.agencies) s.push(`INSERT OR IGNORE INTO unit_agencies (unit, agency) VALUES (${q(u.code)}, ${q(a)})`);
  }
  for (const f of forms) {
    s.push(
      `INSERT OR IGNORE INTO forms (id, kind, audience, title) VALUES (${q(f.id)}, ${q(f.kind)}, ${q(f.audience)}, ${q(f.title.join(" / "))})`,
    );
  }
  for (const p of SEED_PERIODS) {
    const ref = parsePeriod(p)!;
    const due = defaultDueDate(p);
    const cutoff = defaultCutoffDate(p);
    s.push(
      `INSERT OR IGNORE INTO periods (id, year, kind, seq, due_date, cutoff_date, opened_by) VALUES (${q(p)}, ${ref.year}, ${q(ref.kind)}, ${ref.seq}, ${due ? q(due) : "NULL"}, ${cutoff ? q(cutoff) : "NULL"}, 'seed')`,
    );
  }
  const tokens: SeedResult["tokens"] = [];
  if (opts.devTokens !== false) {
    const firstDept = units.find((u) => u.name === "Sở Khoa học và Công nghệ") ?? units.find((u) => u.kind === "department");
    const firstCommune = units.find((u) => u.kind === "commune");
    const party = units.find((u) => u.name === PARTY_OFFICE);
    const plan: [string, { id: string; secret: string }, SeedUnit | undefined, "admin" | "viewer" | "unit"][] = [
      ["quản trị (Sở KH&CN)", DEV_TOKENS.admin, units[0], "admin"],
      ["lãnh đạo (xem)", DEV_TOKENS.viewer, units[1], "viewer"],
      ["xã/phường", DEV_TOKENS.commune, firstCommune, "unit"],
      ["sở/ngành", DEV_TOKENS.department, firstDept, "unit"],
      ["cơ quan Đảng (gửi và xem)", DEV_TOKENS.party, party, "unit"],
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
