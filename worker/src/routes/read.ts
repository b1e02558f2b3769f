// Read endpoints: who am I, the catalog (with target corrections), forms, completeness, merged views and exports.
import { Hono } from "hono";
import { z } from "zod";
import { TARGET_YEARS, type Catalog } from "../../../shared/catalog/types.js";
import { appendixCodeSchema, formId, periodId, type CompletenessRow, type PeriodsResponse, type TargetOverrides } from "../../../shared/schemas/index.js";
import type { ParsedValue } from "../../../shared/values/types.js";
import { hasRole, requireRole } from "../auth.js";
import { catalog, forms } from "../domain.js";
import type { AppEnv } from "../env.js";
import { cachedExport, responseBody, type Body, type Cached } from "../export/cache.js";
import { mergedCsv, mergedJson, mergedXlsx } from "../export/merged.js";
import { formInfo } from "../formsinfo.js";
import { readQuery } from "../http.js";
import { expectedUnits } from "../merge.js";
import { currentPeriod, formsOf, getPeriod, listPeriods, periodInfo } from "../store/periods.js";
import { agenciesOf } from "../store/units.js";
import { formDueIn } from "../../../shared/periods/index.js";
import { daysBetween, vnDate } from "../../../shared/time.js";
import { editsFingerprint, listOverrides } from "../store/targets.js";

export const read = new Hono<AppEnv>();

read.get("/me", async (c) => {
  const caller = c.get("caller");
  const roles = (["unit", "viewer", "admin"] as const).filter((r) => hasRole(caller, r));
  return c.json({
    code: caller.unit,
    name: caller.unitName,
    kind: caller.kind,
    category: caller.category,
    role: caller.role,
    roles,
    agencies: await agenciesOf(c.env.DB, caller.unit),
    tokenId: caller.tokenId,
  });
});

/** ETag matching per RFC 9110 (weak comparison, list or *). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === bare);
}

/** The target corrections alone (small): the pane fills entry sheets of years between milestones with them. */
read.get("/catalog/overrides", async (c) => {
  const overrides = await listOverrides(c.env.DB);
  const body: TargetOverrides = {
    targetOverrides: overrides.map((o) => ({
      key: o.indicator,
      year: o.year,
      text: o.text,
      value: JSON.parse(o.parsed) as ParsedValue,
      ...(o.source ? { source: o.source } : {}),
    })),
  };
  return c.json(body);
});

read.get("/catalog", async (c) => {
  const etag = `"${catalog.version}-${await editsFingerprint(c.env.DB)}"`;
  c.header("ETag", etag);
  c.header("Cache-Control", "private, no-cache");
  if (etagMatches(c.req.header("If-None-Match"), etag)) return c.body(null, 304);
  const overrides = await listOverrides(c.env.DB);
  const years = TARGET_YEARS as readonly number[];
  const byKey = new Map<string, typeof overrides>();
  for (const o of overrides) byKey.set(o.indicator, [...(byKey.get(o.indicator) ?? []), o]);
  const indicators = catalog.indicators.map((ind) => {
    const mine = byKey.get(ind.key)?.filter((o) => years.includes(o.year));
    if (!mine?.length) return ind;
    const targets = { ...ind.targets };
    for (const o of mine) targets[o.year as (typeof TARGET_YEARS)[number]] = { printed: o.text, value: JSON.parse(o.parsed) as ParsedValue };
    return { ...ind, targets };
  });
  const body: Catalog & { targetOverrides: { key: string; year: number; text: string; editId: number; source?: string }[] } = {
    ...catalog,
    indicators,
    // All corrections, including years the plan has no column for (e.g. a yearly target for 2026).
    targetOverrides: overrides.map((o) => ({ key: o.indicator, year: o.year, text: o.text, editId: o.edit_id, ...(o.source ? { source: o.source } : {}) })),
  };
  return c.json(body);
});

read.get("/forms", (c) => c.json({ forms }));
read.get("/forms/:form", (c) => c.json(formInfo(c.req.param("form")).form));

const periodsQuery = z.object({ form: formId.optional() });

/** Opened periods, most recent first, with the one to offer by default; `?form=` keeps those the form is due in. */
read.get("/periods", async (c) => {
  const q = readQuery(c, periodsQuery);
  const today = vnDate();
  if (q.form) formInfo(q.form);
  const periods = (await listPeriods(c.env.DB))
    .filter((p) => !q.form || formDueIn(q.form, p.id, formsOf(p)))
    .map((p) => periodInfo(p, today));
  const body: PeriodsResponse = { today, current: currentPeriod(periods, today), periods };
  return c.json(body);
});

const formPeriod = z.object({ form: formId, period: periodId });

read.get("/completeness", requireRole("admin", "viewer"), async (c) => {
  const q = readQuery(c, formPeriod);
  const form = formInfo(q.form).form;
  const units = await expectedUnits(c.env.DB, form);
  const latest = (
    await c.env.DB.prepare(
      `SELECT s.unit, s.revision, s.created_at, s.status, s.cell_count FROM reports r JOIN submissions s ON s.id = r.last_submission
        WHERE r.form = ?1 AND r.period = ?2`,
    )
      .bind(q.form, q.period)
      .all<{ unit: string; revision: number; created_at: string; status: CompletenessRow["status"]; cell_count: number }>()
  ).results;
  const byUnit = new Map(latest.map((l) => [l.unit, l]));
  const period = await getPeriod(c.env.DB, q.period);
  const today = vnDate();
  const due = period?.due_date ?? null;
  const admin = c.get("caller").can.admin;
  const rows: CompletenessRow[] = units.map((u) => {
    const l = byUnit.get(u.code);
    // A unit whose latest push cleared every value has not reported.
    const submitted = !!l && l.cell_count > 0;
    return {
      unit: u.code,
      name: u.name,
      submitted,
      revision: l?.revision ?? null,
      at: l?.created_at ?? null,
      status: l?.status ?? null,
      dueDate: due,
      daysLeft: !submitted && due ? daysBetween(today, due) : null,
      lateBy: submitted && due && l ? Math.max(0, daysBetween(due, vnDate(l.created_at))) : null,
      ...(admin ? { contactName: u.contact_name, phone: u.phone, email: u.email } : {}),
    };
  });
  return c.json({
    form: q.form,
    period: q.period,
    locked: period?.locked === 1,
    dueDate: due,
    cutoffDate: period?.cutoff_date ?? null,
    today,
    expected: rows.length,
    submitted: rows.filter((r) => r.submitted).length,
    rows,
  });
});

/** The task report (tiendo-nv) also takes filters, which apply to the downloads too; other forms ignore (valid) filters. */
const mergedQuery = formPeriod.extend({
  appendix: appendixCodeSchema.optional(),
  agency: z.string().trim().min(1).max(200).optional(),
});
const filtersOf = (q: z.infer<typeof mergedQuery>) => ({ filters: { appendix: q.appendix, agency: q.agency } });

/** Says whether an export came from the cache (tests and the bench read it; nothing else depends on it). */
const cacheHeaders = (x: Cached) => ({ "X-Export-Cache": x.hit ? "hit" : "miss", "X-Dataset-Revision": String(x.revision) });
/** What names one export in the cache: the variant and every query parameter that changes its content. */
const exportKey = (variant: string, q: z.infer<typeof mergedQuery>, sep = "") => JSON.stringify([variant, q.form, q.period, q.appendix ?? "", q.agency ?? "", sep]);
/** One merged export, from the cache or merged and written by `build` (export/merged.ts). */
const mergedExport = (db: D1Database, q: z.infer<typeof mergedQuery>, variant: string, build: () => Promise<Body>, sep = "") =>
  cachedExport(db, exportKey(variant, q, sep), build);

read.get("/merged", requireRole("admin", "viewer"), async (c) => {
  const q = readQuery(c, mergedQuery);
  const x = await mergedExport(c.env.DB, q, "json", () => mergedJson(c.env.DB, q.form, q.period, filtersOf(q)));
  return c.body(responseBody(c.env.DB, x), 200, { "Content-Type": "application/json; charset=UTF-8", ...cacheHeaders(x) });
});

/** "tong-hop-tiendo-nv-2026-Q4-III.xlsx": the form, the period and the appendix filter (ASCII only). */
const fileName = (q: z.infer<typeof mergedQuery>, ext: string) =>
  `tong-hop-${q.form}-${q.period}${q.appendix && formInfo(q.form).form.kind === "progress" ? `-${q.appendix}` : ""}.${ext}`;

/** `?sep=;` (or `semicolon`): the variant Excel with Vietnamese regional settings opens in columns (export/csv.ts). */
const csvQuery = mergedQuery.extend({ sep: z.enum([",", ";", "comma", "semicolon"]).optional() });

read.get("/merged.csv", requireRole("admin", "viewer"), async (c) => {
  const q = readQuery(c, csvQuery);
  const sep = q.sep === ";" || q.sep === "semicolon" ? ";" : ",";
  const x = await mergedExport(c.env.DB, q, "csv", () => mergedCsv(c.env.DB, q.form, q.period, sep, filtersOf(q)), sep);
  return c.body(responseBody(c.env.DB, x), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName(q, "csv")}"`,
    ...cacheHeaders(x),
  });
});

read.get("/merged.xlsx", requireRole("admin", "viewer"), async (c) => {
  const q = readQuery(c, mergedQuery);
  const x = await mergedExport(c.env.DB, q, "xlsx", () => mergedXlsx(c.env.DB, q.form, q.period, filtersOf(q)));
  return c.body(responseBody(c.env.DB, x), 200, {
    "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": `attachment; filename="${fileName(q, "xlsx")}"`,
    ...cacheHeaders(x),
  });
});
