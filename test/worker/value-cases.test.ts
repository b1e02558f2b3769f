// ONE table of value × indicator cases (test/shared/value-cases.ts) through the worker: pushed as units would push them,
// refused with the pane's very messages or accepted with its warnings, then merged; the merged verdict of every case is the
// table's, the pane's check (validateFormCell + judge) and CT.ASSESS's. Cases are grouped into few pushes: each unit
// pushes one sheet with at most one case per cell.
import { env } from "cloudflare:workers";
import * as XLSX from "xlsx";
import { beforeAll, describe, expect, it } from "vitest";
import { ctAssess } from "../../addin/functions/core.js";
import { CATEGORIES, CATEGORY_LABELS, judge, type Category } from "../../shared/assess/index.js";
import { catalog, findIndicator, isConcreteAgency } from "../../shared/catalog/index.js";
import type { TargetYear } from "../../shared/catalog/types.js";
import { getForm } from "../../shared/forms/index.js";
import { mergedTableExtSchema, receiptSchema, type MergedTableExt } from "../../shared/schemas/index.js";
import { rowExpectation, validateFormCell } from "../../shared/validate/index.js";
import { readCell } from "../../shared/values/index.js";
import { VALUE_CASES, type ValueCase } from "../shared/value-cases.js";
import { ADMIN, call, json, push, seedOnce } from "./helpers.js";

const blank = (c: ValueCase) => c.raw.trim() === "";
const key = (c: { item: string; field: string }) => `${c.item}|${c.field}`;
const label = (c: ValueCase) => `${c.form} ${c.item} ${c.field} ${JSON.stringify(c.raw)} (${c.year})`;
/** Warnings that depend on who sends and on earlier periods, not on the value: left out of the comparison. */
const CONTEXT_WARNINGS = new Set(["not_lead_agency", "large_change"]);

interface Placed {
  c: ValueCase;
  unit: string;
  /** Pushed by the indicator's first lead agency: its verdict is the province row's too. */
  lead: boolean;
}

let departments: string[] = [];
let communes: string[] = [];
const agenciesOf = new Map<string, string[]>();

beforeAll(async () => {
  await seedOnce();
  const { units } = await json<{ units: { code: string; kind: string; active: number; can_report: number }[] }>(await call("/api/admin/units", { token: ADMIN }));
  departments = units.filter((u) => u.kind === "department" && u.active === 1 && u.can_report === 1).map((u) => u.code);
  communes = units.filter((u) => u.kind === "commune" && u.active === 1).map((u) => u.code);
  for (const r of (await env.DB.prepare("SELECT unit, agency FROM unit_agencies").all<{ unit: string; agency: string }>()).results) {
    agenciesOf.set(r.unit, [...(agenciesOf.get(r.unit) ?? []), r.agency]);
  }
  for (const year of new Set(VALUE_CASES.map((c) => c.year))) {
    const r = await call("/api/admin/periods", { token: ADMIN, body: { kind: "year", year } });
    expect([200, 201]).toContain(r.status);
  }
});

/** The unit that answers for an indicator's first named lead agency (none for a group-led indicator). */
function leadUnit(item: string): string | undefined {
  const first = findIndicator(item)?.agencies.find(isConcreteAgency);
  return first ? departments.find((u) => agenciesOf.get(u)?.includes(first)) : undefined;
}

/**
 * Spreads cases over units so that no unit gets two cases of one item (a projection case must stand alone, as the table
 * judges it without an actual); on Phụ lục I the first case of an item goes to its lead agency.
 */
function place(cases: ValueCase[], pool: string[], withLead: boolean): Placed[] {
  const taken = new Map<string, Set<string>>();
  const use = (unit: string, c: ValueCase) => {
    let s = taken.get(unit);
    if (!s) taken.set(unit, (s = new Set()));
    if (s.has(c.item)) return false;
    s.add(c.item);
    return true;
  };
  const out: Placed[] = [];
  const ordered = [...cases.filter((c) => !blank(c)), ...cases.filter(blank)];
  const leadDone = new Set<string>();
  for (const c of ordered) {
    const lead = withLead && !blank(c) && !leadDone.has(c.item) ? leadUnit(c.item) : undefined;
    if (lead && use(lead, c)) {
      leadDone.add(c.item);
      out.push({ c, unit: lead, lead: true });
      continue;
    }
    const unit = pool.find((u) => u !== leadUnit(c.item) && use(u, c));
    if (!unit) throw new Error(`no unit left for ${label(c)}`);
    out.push({ c, unit, lead: false });
  }
  return out;
}

const groups = [...new Set(VALUE_CASES.map((c) => `${c.form}|${c.year}`))].map((k) => {
  const [form, year] = k.split("|") as [ValueCase["form"], string];
  return { form, year: Number(year), cases: VALUE_CASES.filter((c) => c.form === form && c.year === Number(year)) };
});

describe.each(groups.map((g) => [`${g.form} ${g.year}`, g] as const))("%s", (_name, g) => {
  const period = `${g.year}-N`;
  const form = getForm(g.form)!;
  const pool = () => (g.form === "pl1-xa" ? communes : departments);
  let table: MergedTableExt;
  let placed: Placed[] = [];

  it("refuses every case the pane refuses, with the pane's very messages, and stores nothing", async () => {
    const bad = g.cases.filter((c) => c.expect.errors.length > 0);
    const buckets = new Map<string, ValueCase[]>();
    for (const p of place(bad, pool(), false)) buckets.set(p.unit, [...(buckets.get(p.unit) ?? []), p.c]);
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM cell_current WHERE period = ?1").bind(period).first<{ n: number }>())!.n;
    for (const [unit, cases] of buckets) {
      const res = await push(ADMIN, { unit, form: g.form, period, cells: cases.map((c) => ({ item: c.item, field: c.field, raw: c.raw })) });
      expect(res.status).toBe(422);
      const body = await json<{ error: string; details: { item: string; field: string; code: string; message: string }[] }>(res);
      expect(body.error).toBe("validation_failed");
      for (const c of cases) {
        const mine = body.details.filter((d) => key(d) === key(c));
        expect(mine.map((d) => d.code).sort(), label(c)).toEqual(c.expect.errors);
        const pane = validateFormCell(form, c.item, c.field, c.raw, { period }).filter((i) => i.severity === "error");
        expect(mine.map((d) => d.message), label(c)).toEqual(pane.map((i) => i.message));
      }
    }
    const after = (await env.DB.prepare("SELECT count(*) AS n FROM cell_current WHERE period = ?1").bind(period).first<{ n: number }>())!.n;
    expect(after).toBe(before);
  });

  it("accepts the others with the pane's warnings", async () => {
    placed = place(
      g.cases.filter((c) => c.expect.errors.length === 0),
      pool(),
      g.form === "pl1-tinh",
    );
    const bundles = new Map<string, Placed[]>();
    for (const p of placed) bundles.set(p.unit, [...(bundles.get(p.unit) ?? []), p]);
    for (const [unit, list] of bundles) {
      const res = await push(ADMIN, { unit, form: g.form, period, cells: list.map(({ c }) => ({ item: c.item, field: c.field, raw: c.raw })) });
      if (list.every((p) => blank(p.c))) {
        // A sheet with nothing typed is not a report.
        expect(res.status).toBe(422);
        continue;
      }
      expect(res.status, await res.clone().text()).toBe(201);
      const receipt = receiptSchema.parse(await json(res));
      for (const { c } of list) {
        const got = receipt.warnings.filter((w) => key(w) === key(c) && !CONTEXT_WARNINGS.has(w.code)).map((w) => w.code);
        expect(got.sort(), label(c)).toEqual(c.expect.warnings);
      }
    }
    table = mergedTableExtSchema.parse(await json(await call(`/api/merged?form=${g.form}&period=${period}`, { token: ADMIN })));
  });

  it("merges every case to the table's verdict, the pane's and CT.ASSESS's", () => {
    for (const { c, unit, lead } of placed) {
      const row = table.rows.find((r) => r.item === c.item)!;
      const merged: Category = row.byUnitAssessment?.[unit] ?? "chua_danh_gia";
      expect(merged, label(c)).toBe(c.expect.category);
      // The pane's check: the same reading, judged for the annual report against the row's target.
      const value = readCell(rowExpectation(form, c.item, { period })!, c.raw).value;
      const fr = form.rows.find((r) => r.type === "indicator" && r.item === c.item);
      const ind = findIndicator(c.item)!;
      const own = fr && fr.type === "indicator" ? fr.values?.[`target${c.year}`] : undefined;
      const pane = judge({
        target: own ? own.value : ind.targets[c.year as TargetYear].value,
        actual: c.field === "actual" ? value : null,
        projected: c.field === "projected" ? value : null,
        interim: false,
        newIndicator: ind.newNotAssessed,
        direction: ind.direction,
        expect: ind.expect,
      });
      expect(pane.category, label(c)).toBe(merged);
      if (c.field === "actual") expect(ctAssess(catalog, c.item, c.year, c.raw), label(c)).toBe(CATEGORY_LABELS[merged]);
      // Pushed by the lead agency: the province row itself carries the verdict.
      if (lead && g.form === "pl1-tinh") {
        expect(row.lead, label(c)).toBe(unit);
        expect(row.assessment, label(c)).toBe(merged);
      }
    }
    expect(placed.length).toBe(g.cases.filter((c) => c.expect.errors.length === 0).length);
  });

  it("the summary counts of the .xlsx (read back by SheetJS) are the JSON's", async () => {
    const bytes = new Uint8Array(await (await call(`/api/merged.xlsx?form=${g.form}&period=${period}`, { token: ADMIN })).arrayBuffer());
    const wb = XLSX.read(bytes, { type: "array" });
    expect(wb.SheetNames[0]).toBe("Tổng hợp đánh giá");
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, blankrows: false });
    const total = rows.find((r) => r[0] === "Tổng")!;
    const s = table.summary!;
    expect(total.slice(2, 9)).toEqual([s.total.count, ...CATEGORIES.map((k) => s.total.byCategory[k])]);
    expect(rows.some((r) => r[0] === s.sentence)).toBe(true);
  });
});

it("covers every case of the table", () => {
  expect(groups.reduce((a, g) => a + g.cases.length, 0)).toBe(VALUE_CASES.length);
  expect(VALUE_CASES.length).toBeGreaterThanOrEqual(150);
});
