/**
 * The unit registry as the Sở KH&CN keeps it in the sheet "Danh sách đơn vị": who reports, who reads, which catalog
 * agency names each unit answers for, contacts, and successors of communes merged in 2025. The pane checks a sheet
 * with these rules before pushing; the worker checks again with the same code and applies it atomically.
 */
import { z } from "zod";

export const UNIT_CATEGORIES = ["commune", "department", "party", "mass", "other", "staff"] as const;
export type RegistryCategory = (typeof UNIT_CATEGORIES)[number];

/** What the sheet shows in the "Loại đơn vị" column, and reads back (case and accents forgiven by the pane). */
export const CATEGORY_LABELS: Record<RegistryCategory, string> = {
  commune: "Xã, phường",
  department: "Sở, ngành",
  party: "Cơ quan Đảng",
  mass: "Mặt trận, đoàn thể",
  other: "Đơn vị khác",
  staff: "Tài khoản Sở KH&CN / lãnh đạo",
};

/** The broad audience the worker keys forms on: communes, provincial units, and the two staff kinds. */
export function kindOfCategory(category: RegistryCategory, canAdmin: boolean): "commune" | "department" | "admin" | "viewer" {
  if (category === "commune") return "commune";
  if (category === "staff") return canAdmin ? "admin" : "viewer";
  return "department";
}

export const UNIT_CODE_RE = /^[a-z0-9-]{2,64}$/;

export const registryUnitSchema = z.strictObject({
  /** The sheet row the unit came from, for messages ("Dòng 12"). */
  row: z.number().int().min(1).max(100_000).optional(),
  code: z.string().regex(UNIT_CODE_RE, "Mã đơn vị chỉ gồm chữ thường không dấu, số và dấu -, từ 2 đến 64 ký tự"),
  name: z.string().trim().min(2, "Cần ghi tên đơn vị").max(200),
  category: z.enum(UNIT_CATEGORIES),
  agencies: z.array(z.string().trim().min(2).max(300)).max(50),
  canReport: z.boolean(),
  canView: z.boolean(),
  canAdmin: z.boolean(),
  active: z.boolean(),
  contactName: z.string().trim().max(200).nullable().optional(),
  phone: z.string().trim().max(50).nullable().optional(),
  email: z.string().trim().max(200).nullable().optional(),
  successor: z.string().trim().max(64).nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type RegistryUnit = z.infer<typeof registryUnitSchema>;

export const MAX_REGISTRY_UNITS = 3000;

export const registryPushSchema = z.strictObject({
  /** The registry version the sheet was read at (GET /api/admin/registry); 0 before the first push. */
  baseVersion: z.number().int().min(0),
  units: z.array(registryUnitSchema).min(1).max(MAX_REGISTRY_UNITS),
  /** true: check and show what would change, write nothing. */
  dryRun: z.boolean().optional(),
});
export type RegistryPush = z.infer<typeof registryPushSchema>;

export interface RegistryProblem {
  row: number | null;
  code: string;
  severity: "error" | "warning";
  /** Stable snake_case: duplicate_code, unknown_agency, unknown_successor, self_successor, admin_lockout, … */
  kind: string;
  message: string;
}

export interface RegistryContext {
  /** Agency names the indicator and task catalogs use (exact text). */
  knownAgencies: Iterable<string>;
  /** Codes that exist in the database (successors may point at them even when absent from the sheet). */
  existingCodes: Iterable<string>;
  /** The admin unit pushing: it may not remove its own admin right or deactivate itself. */
  selfCode?: string;
}

/** Names compared without accents, case or extra spaces ("Sở Khoa hoc" finds "Sở Khoa học"). */
export const foldName = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
const fold = foldName;

/**
 * A unit code made from a name: "Sở Khoa học và Công nghệ" → "so-khoa-hoc-va-cong-nghe". The seed and a registry sheet
 * whose new rows carry only a name make codes the same way, so the same name always meets the same unit.
 */
export function unitCodeFromName(name: string): string {
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

function nearest(name: string, known: string[]): string | null {
  const f = fold(name);
  let best: { s: string; d: number } | null = null;
  for (const k of known) {
    const d = distance(f, fold(k));
    if (!best || d < best.d) best = { s: k, d };
  }
  return best && best.d <= Math.max(3, Math.floor(name.length / 4)) ? best.s : null;
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Every problem of a registry sheet, each naming its row and unit in Vietnamese. */
export function checkRegistry(units: RegistryUnit[], ctx: RegistryContext): RegistryProblem[] {
  const out: RegistryProblem[] = [];
  const where = (u: RegistryUnit) => `${u.row ? `Dòng ${u.row}` : "Một dòng"} (${u.name || u.code})`;
  const add = (u: RegistryUnit, severity: RegistryProblem["severity"], kind: string, message: string) =>
    out.push({ row: u.row ?? null, code: u.code, severity, kind, message: `${where(u)}: ${message}` });

  const known = [...ctx.knownAgencies];
  const knownFolded = new Map(known.map((k) => [fold(k), k]));
  const existing = new Set(ctx.existingCodes);
  const inSheet = new Map<string, RegistryUnit>();
  for (const u of units) {
    const first = inSheet.get(u.code);
    if (first) {
      add(u, "error", "duplicate_code", `mã đơn vị "${u.code}" trùng với ${first.row ? `dòng ${first.row}` : "một dòng khác"} (${first.name}). Mỗi đơn vị cần một mã riêng.`);
      continue;
    }
    inSheet.set(u.code, u);
  }
  const names = new Map<string, RegistryUnit>();
  for (const u of units) {
    const n = fold(u.name);
    const other = names.get(n);
    if (other && other.code !== u.code) {
      add(u, "warning", "duplicate_name", `tên đơn vị trùng với ${other.row ? `dòng ${other.row}` : "một dòng khác"}; kiểm tra lại có phải hai đơn vị khác nhau không.`);
    } else names.set(n, u);
    for (const a of u.agencies) {
      if (known.includes(a)) continue;
      const exact = knownFolded.get(fold(a));
      if (exact) {
        add(u, "error", "unknown_agency", `tên cơ quan "${a}" viết khác danh mục; hãy ghi đúng "${exact}".`);
        continue;
      }
      const guess = nearest(a, known);
      add(u, "error", "unknown_agency", `không có cơ quan "${a}" trong danh mục chỉ tiêu và nhiệm vụ${guess ? `; có phải "${guess}"?` : "."}`);
    }
    if (u.successor) {
      if (u.successor === u.code) add(u, "error", "self_successor", "đơn vị không thể tự kế thừa chính mình.");
      else if (!inSheet.has(u.successor) && !existing.has(u.successor)) {
        add(u, "error", "unknown_successor", `đơn vị kế thừa "${u.successor}" không có trong danh sách.`);
      } else if (u.active) {
        add(u, "warning", "active_with_successor", "đơn vị đã có đơn vị kế thừa nhưng vẫn đang hoạt động; nếu đã sáp nhập, hãy ghi Không ở cột Hoạt động.");
      }
    }
    if (u.category === "commune" && (u.canAdmin || u.canView)) {
      add(u, "warning", "commune_reader", "xã, phường được quyền xem bảng tổng hợp toàn tỉnh hoặc quản trị; kiểm tra lại.");
    }
    if (u.category === "staff" && u.canReport) add(u, "error", "staff_reports", "tài khoản của Sở KH&CN / lãnh đạo không gửi số liệu thay đơn vị; hãy bỏ quyền gửi.");
    if (!u.canReport && !u.canView && !u.canAdmin && u.active) add(u, "warning", "no_rights", "đơn vị đang hoạt động nhưng không có quyền gửi, xem hay quản trị.");
    if (u.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(u.email)) add(u, "warning", "bad_email", `địa chỉ thư "${u.email}" có vẻ không đúng.`);
    if (u.phone && !/^[0-9 +().-]{8,20}$/.test(u.phone)) add(u, "warning", "bad_phone", `số điện thoại "${u.phone}" có vẻ không đúng.`);
    if (ctx.selfCode && u.code === ctx.selfCode && (!u.canAdmin || !u.active)) {
      add(u, "error", "admin_lockout", "không thể bỏ quyền quản trị hoặc ngừng hoạt động đơn vị đang đăng nhập để quản trị (sẽ mất quyền quản trị).");
    }
  }
  // Successor chains must end: A → B → A would leave nobody reporting.
  for (const u of units) {
    const seen = new Set([u.code]);
    let next = u.successor ? inSheet.get(u.successor) : undefined;
    while (next?.successor) {
      if (seen.has(next.code)) {
        add(u, "error", "successor_cycle", "chuỗi đơn vị kế thừa quay vòng; hãy kiểm tra cột Đơn vị kế thừa.");
        break;
      }
      seen.add(next.code);
      next = inSheet.get(next.successor);
    }
  }
  return out;
}
