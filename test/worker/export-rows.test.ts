// Exports keep merged rows between builds (worker/src/merge-rows.ts) and, after a change, merge only the rows it
// touched. What must never happen: a kept row served after its cells, a commune's linked cells, a unit's name or agency,
// or a target changed. After each kind of change the table made with kept rows is compared with a table merged from
// nothing (reuse: false), for both indicator forms, as merged rows and as the JSON, CSV and .xlsx a download gets; the
// counts say how many rows were merged again, so a cache that never keeps anything fails too.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { forms } from "../../shared/forms/index.js";
import { rowExpectation } from "../../shared/validate/index.js";
import { openIndicatorMerge, type MergedRowExt, type MergeOptions } from "../../worker/src/merge.js";
import { forgetKeptRows } from "../../worker/src/merge-rows.js";
import { mergedCsv, mergedJson, mergedXlsx } from "../../worker/src/export/merged.js";
import { strFromU8, unzipSync } from "fflate";
import { Streamed, type Body } from "../../worker/src/export/cache.js";
import { formInfo } from "../../worker/src/formsinfo.js";
import { editTarget } from "../../worker/src/store/targets.js";
import { ADMIN, push, seedOnce } from "./helpers.js";
import { rawFor } from "../../bench/lib/sample-values.js";

beforeAll(seedOnce);

const PERIOD = "2025-N";
const TINH = "pl1-tinh";
const XA = "pl1-xa";
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

async function text(body: Body): Promise<string> {
  if (typeof body === "string") return body;
  if (body instanceof Streamed) throw new Error("a small table is not streamed");
  return (Array.isArray(body) ? body : [body]).map((p) => decoder.decode(p, { stream: true })).join("") + decoder.decode();
}
/** The .xlsx's parts as text, the time of the title left out. */
const sheets_ = (xlsx: Uint8Array) =>
  Object.fromEntries(Object.entries(unzipSync(xlsx)).map(([name, bytes]) => [name, strFromU8(bytes).replace(/Tổng hợp tự động lúc [^)<]*/g, "")]));
const untimed = (s: string) => s.replace(/"generatedAt":"[^"]*"/g, "").replace(/Tổng hợp tự động lúc [^)]*/g, "");

type Cell = { item: string; field: string; raw: string };
/** Each unit's whole sheet as last pushed, and its revision. */
const sheets = new Map<string, { form: string; cells: Cell[]; revision: number }>();

const itemsOf = (formId: string) => forms.find((f) => f.id === formId)!.rows.flatMap((r) => (r.type === "indicator" ? [r] : []));

async function pushSheet(unit: string, formId: string, cells: Cell[]) {
  const prev = sheets.get(unit);
  const res = await push(ADMIN, { unit, form: formId, period: PERIOD, baseRevision: prev?.revision ?? null, cells });
  expect(res.status, (await res.clone().text()).slice(0, 300)).toBe(201);
  const receipt = (await res.json()) as { revision: number };
  sheets.set(unit, { form: formId, cells, revision: receipt.revision });
}

/** A unit's sheet again with one cell's text replaced (or the cell dropped when `raw` is null). */
async function change(unit: string, item: string, field: string, raw: string | null) {
  const s = sheets.get(unit)!;
  const cells = raw === null ? s.cells.filter((c) => !(c.item === item && c.field === field)) : s.cells.map((c) => (c.item === item && c.field === field ? { ...c, raw } : c));
  expect(cells).not.toEqual(s.cells);
  await pushSheet(unit, s.form, cells);
}

/** The merged rows with their counts (kept rows used or not). */
async function merged(formId: string, opts: MergeOptions = {}) {
  const m = await openIndicatorMerge(env.DB, formInfo(formId).form, PERIOD, opts);
  const rows: MergedRowExt[] = [];
  for (let page = await m.next(); page; page = await m.next()) rows.push(...page);
  return { rows, summary: m.summary(), counts: m.counts() };
}

/**
 * Both forms, with kept rows and from nothing: the same rows, summary, JSON and CSV. Returns how many rows of Phụ lục I
 * and Phụ lục 1 were merged again (the merge with kept rows runs first, so it sees exactly the change).
 */
async function sameAsFromNothing(): Promise<{ tinh: number; xa: number }> {
  const made: Record<string, number> = {};
  for (const formId of [TINH, XA]) {
    const kept = await merged(formId);
    const fresh = await merged(formId, { reuse: false });
    expect(kept.rows).toEqual(fresh.rows);
    expect(kept.summary).toEqual(fresh.summary);
    expect(kept.counts.reused + kept.counts.made).toBe(fresh.rows.length);
    made[formId] = kept.counts.made;
    // What a download gets: built again with kept rows, and from nothing.
    expect(untimed(await text(await mergedJson(env.DB, formId, PERIOD)))).toBe(untimed(await text(await mergedJson(env.DB, formId, PERIOD, { reuse: false }))));
    for (const sep of [",", ";"] as const) {
      expect(untimed(await text(await mergedCsv(env.DB, formId, PERIOD, sep)))).toBe(untimed(await text(await mergedCsv(env.DB, formId, PERIOD, sep, { reuse: false }))));
    }
    expect(sheets_(await mergedXlsx(env.DB, formId, PERIOD))).toEqual(sheets_(await mergedXlsx(env.DB, formId, PERIOD, { reuse: false })));
  }
  return { tinh: made[TINH]!, xa: made[XA]! };
}

const tinhRows = itemsOf(TINH).length;
const xaRows = itemsOf(XA).length;
let departments: string[] = [];
let communes: string[] = [];

describe("exports merge again only the rows that changed", () => {
  beforeAll(async () => {
    forgetKeptRows();
    const units = async (kind: string, n: number) =>
      (await env.DB.prepare("SELECT code FROM units WHERE kind = ?1 AND active = 1 AND can_report = 1 ORDER BY code LIMIT ?2").bind(kind, n).all<{ code: string }>()).results.map((r) => r.code);
    departments = await units("department", 4);
    communes = await units("commune", 4);
    for (const [list, formId] of [
      [departments, TINH],
      [communes, XA],
    ] as const) {
      for (const [u, unit] of list.entries()) {
        const cells = itemsOf(formId).flatMap((r, i) => {
          const kind = rowExpectation(formInfo(formId).form, r.item, { period: PERIOD })?.kind;
          const v = (u * 31 + i * 17) % 90;
          return [
            { item: r.item, field: "actual", raw: rawFor(kind, v) },
            { item: r.item, field: "projected", raw: rawFor(kind, v + 5) },
            ...(i % 5 === u ? [{ item: r.item, field: "note", raw: `Ghi chú ${u}-${i}` }] : []),
          ];
        });
        await pushSheet(unit, formId, cells);
      }
    }
  });

  it("the first merge makes every row; the next, with nothing written, reuses them all", async () => {
    expect(await sameAsFromNothing()).toEqual({ tinh: tinhRows, xa: xaRows });
    expect(await sameAsFromNothing()).toEqual({ tinh: 0, xa: 0 });
  });

  it("a department's corrected figure: that row only", async () => {
    const item = itemsOf(TINH)[3]!.item;
    await change(departments[1]!, item, "actual", rawFor(rowExpectation(formInfo(TINH).form, item, { period: PERIOD })?.kind, 77));
    expect(await sameAsFromNothing()).toEqual({ tinh: 1, xa: 0 });
  });

  it("a note changed, then a figure removed: that row each time", async () => {
    const item = itemsOf(TINH)[10]!.item;
    await change(departments[0]!, item, "note", "Số liệu đã được rà soát lại");
    expect(await sameAsFromNothing()).toEqual({ tinh: 1, xa: 0 });
    await change(departments[2]!, item, "projected", null);
    expect(await sameAsFromNothing()).toEqual({ tinh: 1, xa: 0 });
  });

  it("a commune's figure: its Phụ lục 1 row and the Phụ lục I row that shows the communes' total", async () => {
    const xaRow = itemsOf(XA).find((r) => itemsOf(TINH).some((t) => t.indicatorKey === r.indicatorKey))!;
    await change(communes[2]!, xaRow.item, "actual", rawFor(rowExpectation(formInfo(XA).form, xaRow.item, { period: PERIOD })?.kind, 3));
    expect(await sameAsFromNothing()).toEqual({ tinh: itemsOf(TINH).filter((t) => t.indicatorKey === xaRow.indicatorKey).length, xa: 1 });
  });

  it("the same sheet pushed again changes no row", async () => {
    const s = sheets.get(departments[3]!)!;
    await pushSheet(departments[3]!, s.form, s.cells);
    expect(await sameAsFromNothing()).toEqual({ tinh: 0, xa: 0 });
  });

  it("a change made by hand in the database (no push): that row", async () => {
    const item = itemsOf(TINH)[20]!.item;
    await env.DB.batch([
      env.DB.prepare("UPDATE cell_current SET raw = '12' WHERE form = ?1 AND period = ?2 AND unit = ?3 AND item = ?4 AND field = 'actual'").bind(TINH, PERIOD, departments[0], item),
      env.DB.prepare("UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1"),
    ]);
    expect(await sameAsFromNothing()).toEqual({ tinh: 1, xa: 0 });
  });

  it("a push written by other code (an isolate still on the code before the stamps, during a deploy): that row", async () => {
    // The statements a push makes, by hand: a new submission, then the changed cell carrying its id. Only the
    // database's triggers can stamp the row here.
    const item = itemsOf(TINH)[40]!.item;
    const unit = departments[3]!;
    const id = `sub_test_${Date.now()}`;
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO submissions (id, unit, form, period, revision, base_revision, idempotency_key, created_by, created_at, payload_hash, cell_count)
         VALUES (?1, ?2, ?3, ?4, 99, 98, ?1, 'test', '2026-01-01T00:00:00Z', 'h', 1)`,
      ).bind(id, unit, TINH, PERIOD),
      env.DB.prepare("UPDATE cell_current SET raw = '7', parsed = NULL, submission_id = ?5 WHERE form = ?1 AND period = ?2 AND unit = ?3 AND item = ?4 AND field = 'actual'").bind(
        TINH,
        PERIOD,
        unit,
        item,
        id,
      ),
    ]);
    expect(await sameAsFromNothing()).toEqual({ tinh: 1, xa: 0 });
  });

  it("a unit renamed, an agency mapped, a target corrected: every row of the forms they touch", async () => {
    await env.DB.prepare("UPDATE units SET name = name || ' (mới)' WHERE code = ?1").bind(departments[1]).run();
    expect(await sameAsFromNothing()).toEqual({ tinh: tinhRows, xa: 0 });
    await env.DB.prepare("INSERT INTO unit_agencies (unit, agency) VALUES (?1, 'Sở Tài chính')").bind(departments[2]).run();
    expect((await sameAsFromNothing()).tinh).toBe(tinhRows);
    // Now surely an expected unit (the count of expected units stays the same): only the lead of some rows changes.
    const leads = async () => (await merged(TINH, { reuse: false })).rows.filter((r) => r.lead === departments[2]).length;
    const before = await leads();
    await env.DB.prepare("INSERT INTO unit_agencies (unit, agency) VALUES (?1, 'Sở Nội vụ')").bind(departments[2]).run();
    expect(await leads()).toBeGreaterThan(before);
    expect((await sameAsFromNothing()).tinh).toBe(tinhRows);
    const ind = itemsOf(TINH)[5]!.indicatorKey;
    await editTarget(env.DB, { indicator: ind, year: 2025, oldText: "", newText: "55%", parsed: JSON.stringify({ kind: "number", value: 55, percent: true }), reason: "test", by: "test" });
    expect(await sameAsFromNothing()).toEqual({ tinh: tinhRows, xa: xaRows });
    await env.DB.prepare("UPDATE units SET name = name || ' 2' WHERE code = ?1").bind(communes[0]).run();
    expect(await sameAsFromNothing()).toEqual({ tinh: tinhRows, xa: xaRows });
  });

  it("rows merged while a write lands are not kept, even if the database is later restored to before the write", async () => {
    const item = itemsOf(TINH)[30]!.item;
    const unit = departments[1]!;
    await change(unit, item, "actual", "5");
    const cell = () =>
      env.DB.prepare("SELECT raw, parsed, submission_id, revision FROM cell_current WHERE form = ?1 AND period = ?2 AND unit = ?3 AND item = ?4 AND field = 'actual'")
        .bind(TINH, PERIOD, unit, item)
        .first<{ raw: string; parsed: string; submission_id: string; revision: number }>();
    const stamp = () => env.DB.prepare("SELECT stamp FROM item_stamps WHERE form = ?1 AND period = ?2 AND item = ?3").bind(TINH, PERIOD, item).first<{ stamp: string }>();
    const before = (await cell())!;
    const stampBefore = (await stamp())!.stamp;
    // The merge reads the row's stamp, then a write lands before it reads the row's cells.
    const m = await openIndicatorMerge(env.DB, formInfo(TINH).form, PERIOD, {});
    await change(unit, item, "actual", "6");
    expect((await stamp())!.stamp).not.toBe(stampBefore);
    while (await m.next());
    expect(m.counts()).toEqual({ reused: tinhRows - 1, made: 1 });
    // The database goes back to before that write (as D1 Time Travel would): the cell and its stamp as they were.
    await env.DB.batch([
      env.DB.prepare("UPDATE cell_current SET raw = ?5, parsed = ?6, submission_id = ?7, revision = ?8 WHERE form = ?1 AND period = ?2 AND unit = ?3 AND item = ?4 AND field = 'actual'").bind(
        TINH,
        PERIOD,
        unit,
        item,
        before.raw,
        before.parsed,
        before.submission_id,
        before.revision,
      ),
      env.DB.prepare("UPDATE item_stamps SET stamp = ?4 WHERE form = ?1 AND period = ?2 AND item = ?3").bind(TINH, PERIOD, item, stampBefore),
      env.DB.prepare("UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1"),
    ]);
    expect((await stamp())!.stamp).toBe(stampBefore);
    // The row read across the write (the cell at "6" under the stamp of "5") was not kept: it is merged again, from "5".
    expect(await sameAsFromNothing()).toEqual({ tinh: 1, xa: 0 });
    expect((await merged(TINH)).rows.find((r) => r.item === item)!.byUnit?.[unit]).toBe("5");
  });

  it("kept rows cannot be changed by a reader", async () => {
    const { rows } = await merged(TINH);
    expect(() => {
      (rows[0] as { note: string }).note = "sửa";
    }).toThrow(TypeError);
    expect(() => {
      (rows[0]!.byUnit as Record<string, string>)["X"] = "1";
    }).toThrow(TypeError);
  });
});
