// The registry sheet as the pane reads it (pure): rows of texts → RegistryUnit[] with the row each came from, and every
// problem of the sheet — what the sheet itself cannot say (an unknown category, a "Có/Không" cell that reads as
// neither, a code the worker would refuse) plus the worker's own row checks (shared/registry checkRegistry, run here on
// the same rules before pushing) — each tied to the cell it is about, with a Vietnamese sentence naming the row for the
// note on that cell. Rows pasted with only a name get sensible defaults: a code made from the name, the category of
// "Xã …"/"Phường …" names, the rights of their category, active.
import { CATEGORY_LABELS, UNIT_CATEGORIES, UNIT_CODE_RE, checkRegistry, foldName, registryUnitSchema, unitCodeFromName, type RegistryCategory, type RegistryUnit } from "../../shared/registry/index.js";
import type { RegistryField } from "../excel/admin-meta.js";
import { REGISTRY_COLUMNS, type RegistryRead, type RegistrySheetRow } from "../excel/registry-sheet.js";

export interface SheetProblem {
  /** 1-based sheet row, null for the sheet as a whole. */
  row: number | null;
  field: RegistryField | null;
  address: string | null;
  severity: "error" | "warning";
  /** Stable code: checkRegistry's kinds plus code_invalid, name_missing, category_unknown, flag_unreadable, value_invalid, column_missing. */
  kind: string;
  /** Vietnamese sentence naming the row (the note on the cell). */
  message: string;
  /** The unit's name (or code) as the sheet gives it. */
  unit: string;
  /** The values the sentence quotes (names, codes), for other languages. */
  quoted: string[];
}

export const fold = foldName;

/** A unit code made from a name: "Phường Hạc Thành" → "phuong-hac-thanh" (as the seed makes them). */
export const codeFromName = unitCodeFromName;

const CATEGORY_WORDS: Record<string, RegistryCategory> = Object.fromEntries([
  ...UNIT_CATEGORIES.map((c) => [c, c] as const),
  ...(Object.entries(CATEGORY_LABELS) as [RegistryCategory, string][]).map(([c, l]) => [fold(l), c] as const),
  ["xa", "commune"],
  ["phuong", "commune"],
  ["xa phuong", "commune"],
  ["xa/phuong", "commune"],
  ["so", "department"],
  ["nganh", "department"],
  ["so nganh", "department"],
  ["so/nganh", "department"],
  ["dang", "party"],
  ["co quan dang", "party"],
  ["mat tran", "mass"],
  ["doan the", "mass"],
  ["khac", "other"],
  ["don vi khac", "other"],
  ["quan tri", "staff"],
  ["lanh dao", "staff"],
]);

export function readCategory(text: string, name: string): RegistryCategory | null | "blank" {
  const t = fold(text).replace(/[.]/g, "");
  if (!t) return /^(xã|phường|thị trấn)\s/i.test(name.trim()) ? "commune" : "blank";
  return CATEGORY_WORDS[t] ?? null;
}

/** "Có"/"Không" and the usual ways of writing them; undefined = blank, null = unreadable. */
export function readFlag(text: string): boolean | undefined | null {
  const t = fold(text);
  if (!t) return undefined;
  if (["co", "x", "1", "true", "yes", "c", "✓", "v"].includes(t)) return true;
  if (["khong", "0", "false", "no", "k", "-"].includes(t)) return false;
  return null;
}

const quotedIn = (message: string) => [...message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);

/** Which cell a checkRegistry problem is about. */
const FIELD_OF_KIND: Record<string, RegistryField> = {
  duplicate_code: "code",
  duplicate_name: "name",
  unknown_agency: "agencies",
  self_successor: "successor",
  unknown_successor: "successor",
  successor_cycle: "successor",
  active_with_successor: "active",
  commune_reader: "canView",
  staff_reports: "canReport",
  no_rights: "canReport",
  bad_email: "email",
  bad_phone: "phone",
  admin_lockout: "canAdmin",
};

export interface ParsedSheet {
  units: RegistryUnit[];
  problems: SheetProblem[];
  /** Codes the pane made from names (rows pasted without a code). */
  generated: { row: number; code: string }[];
}

export interface RegistryContext {
  /** The registry as the server has it (GET): codes that exist, and names for successors written by name. */
  existing: RegistryUnit[];
  knownAgencies: string[];
  /** The connected admin unit (it may not take away its own admin right). */
  selfCode?: string;
}

/** Reads the rows and checks them with the worker's rules. Errors block a push; warnings are shown and allowed. */
export function parseRegistrySheet(read: Pick<RegistryRead, "rows" | "missing">, ctx: RegistryContext): ParsedSheet {
  const problems: SheetProblem[] = [];
  const generated: { row: number; code: string }[] = [];
  for (const f of read.missing.filter((f) => f === "code" || f === "name" || f === "category")) {
    const header = REGISTRY_COLUMNS.find((c) => c.field === f)!.header;
    problems.push({ row: null, field: f, address: null, severity: "error", kind: "column_missing", message: `Trang tính không có cột "${header}".`, unit: "", quoted: [header] });
  }
  const existingByName = new Map(ctx.existing.map((u) => [fold(u.name), u.code]));
  const existingCodes = new Set(ctx.existing.map((u) => u.code));
  const typedCodes = new Set(read.rows.map((r) => (r.values.code ?? "").trim().toLowerCase()).filter(Boolean));
  const taken = new Set(typedCodes);
  const sheetByName = new Map<string, string>();
  const units: RegistryUnit[] = [];

  const at = (r: RegistrySheetRow, f: RegistryField) => r.address[f] ?? null;
  const local = (r: RegistrySheetRow, f: RegistryField, kind: string, detail: string, quoted: string[], unit: string) =>
    problems.push({ row: r.row, field: f, address: at(r, f), severity: "error", kind, message: `Dòng ${r.row} (${unit}): ${detail}`, unit, quoted });

  for (const r of read.rows) {
    const v = (f: RegistryField) => (r.values[f] ?? "").trim();
    const name = v("name");
    let code = v("code").toLowerCase();
    const unit = name || code || `dòng ${r.row}`;
    if (!code && name) {
      // A pasted row without a code: the existing unit of that name (when the sheet does not list it already), else a new code.
      const known = existingByName.get(fold(name));
      if (known && !taken.has(known)) code = known;
      else {
        const base = codeFromName(name) || "don-vi";
        code = base;
        for (let i = 2; taken.has(code) || existingCodes.has(code); i++) code = `${base}-${i}`;
      }
      taken.add(code);
      generated.push({ row: r.row, code });
    }
    if (!code) local(r, "code", "code_invalid", "cần ghi mã đơn vị hoặc tên đơn vị.", [], unit);
    else if (!UNIT_CODE_RE.test(code))
      local(r, "code", "code_invalid", `mã đơn vị "${code}" chỉ được gồm chữ thường không dấu, số và dấu -, từ 2 đến 64 ký tự.`, [code], unit);
    if (name.length < 2) local(r, "name", "name_missing", "cần ghi tên đơn vị.", [], unit);
    const cat = readCategory(v("category"), name);
    let category: RegistryCategory = "other";
    if (cat === "blank") local(r, "category", "category_unknown", `cần chọn loại đơn vị (${Object.values(CATEGORY_LABELS).join("; ")}).`, [], unit);
    else if (cat === null) local(r, "category", "category_unknown", `không có loại đơn vị "${v("category")}"; hãy chọn trong danh sách.`, [v("category")], unit);
    else category = cat;
    const flag = (f: "canReport" | "canView" | "canAdmin" | "active", dflt: boolean): boolean => {
      const x = readFlag(v(f));
      if (x === null) {
        const header = REGISTRY_COLUMNS.find((c) => c.field === f)!.header;
        local(r, f, "flag_unreadable", `cột ${header} ghi "${v(f)}"; hãy ghi Có hoặc Không.`, [header, v(f)], unit);
        return dflt;
      }
      return x ?? dflt;
    };
    const canAdmin = flag("canAdmin", false);
    const u: RegistryUnit = {
      row: r.row,
      code,
      name,
      category,
      agencies: v("agencies")
        .split(/[;\n]/)
        .map((a) => a.trim())
        .filter(Boolean),
      canReport: flag("canReport", category !== "staff"),
      canView: flag("canView", category === "staff"),
      canAdmin,
      active: flag("active", true),
      contactName: v("contactName") || null,
      phone: v("phone") || null,
      email: v("email") || null,
      successor: v("successor") || null,
      note: v("note") || null,
    };
    if (name) sheetByName.set(fold(name), code);
    units.push(u);
  }
  // Successors may be written by name: they resolve to the unit of that name in the sheet or on the server.
  for (const u of units) {
    if (!u.successor) continue;
    const s = u.successor.trim();
    if (UNIT_CODE_RE.test(s)) continue;
    const byName = sheetByName.get(fold(s)) ?? existingByName.get(fold(s));
    if (byName) u.successor = byName;
  }
  // What the worker's schema would refuse (lengths, formats) that the checks above did not already say.
  const said = new Set(problems.map((p) => `${p.row}|${p.field}`));
  const rowsOf = new Map(read.rows.map((r) => [r.row, r]));
  for (const u of units) {
    const res = registryUnitSchema.safeParse(u);
    if (res.success) continue;
    for (const issue of res.error.issues) {
      const f = String(issue.path[0] ?? "") as RegistryField;
      if (!REGISTRY_COLUMNS.some((c) => c.field === f) || said.has(`${u.row}|${f}`)) continue;
      said.add(`${u.row}|${f}`);
      const header = REGISTRY_COLUMNS.find((c) => c.field === f)!.header;
      local(rowsOf.get(u.row!)!, f, "value_invalid", `giá trị ở cột ${header} không hợp lệ (${issue.message}).`, [header], u.name || u.code);
    }
  }
  const usable = units.filter((u) => u.code && UNIT_CODE_RE.test(u.code));
  for (const p of checkRegistry(usable, { knownAgencies: ctx.knownAgencies, existingCodes, ...(ctx.selfCode ? { selfCode: ctx.selfCode } : {}) })) {
    const r = p.row !== null ? rowsOf.get(p.row) : undefined;
    const field = FIELD_OF_KIND[p.kind] ?? null;
    problems.push({
      row: p.row,
      field,
      address: r && field ? at(r, field) : null,
      severity: p.severity,
      kind: p.kind,
      message: p.message,
      unit: units.find((u) => u.row === p.row)?.name || p.code,
      quoted: quotedIn(p.message),
    });
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return { units, problems, generated };
}

/** Problems the worker answered (422 registry_invalid details) as sheet problems, tied to their cells. */
export function problemsFromServer(details: unknown[], read: Pick<RegistryRead, "rows">): SheetProblem[] {
  const rowsOf = new Map(read.rows.map((r) => [r.row, r]));
  return details.flatMap((d) => {
    if (!d || typeof d !== "object" || !("kind" in d) || !("message" in d)) return [];
    const p = d as { row?: number | null; code?: string; kind: string; message: string; severity?: string };
    const r = p.row ? rowsOf.get(p.row) : undefined;
    const field = FIELD_OF_KIND[p.kind] ?? null;
    return [
      {
        row: p.row ?? null,
        field,
        address: r && field ? (r.address[field] ?? null) : null,
        severity: p.severity === "warning" ? ("warning" as const) : ("error" as const),
        kind: p.kind,
        message: p.message,
        unit: (r?.values.name || p.code) ?? "",
        quoted: quotedIn(p.message),
      },
    ];
  });
}

/** A registry value as the sheet shows it (diffs in the pane). */
export function showValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "";
  if (typeof v === "boolean") return v ? "Có" : "Không";
  if (field === "category" && typeof v === "string" && v in CATEGORY_LABELS) return CATEGORY_LABELS[v as RegistryCategory];
  if (Array.isArray(v)) return v.join("; ");
  return String(v);
}

/** The column header of a registry field (data: the sheet's Vietnamese header). */
export function fieldHeader(field: string): string {
  return REGISTRY_COLUMNS.find((c) => c.field === field)?.header ?? field;
}
