// Exports read a large table a few indicators at a time (worker/src/merge.ts PAGE_CELLS, export/merged.ts), so a
// 3,200-unit table fits a Worker's memory. Here a page is made one indicator: every page boundary falls between two
// rows, and what the department downloads must not change: the same merged rows, the same JSON bytes as
// JSON.stringify of the whole table, the same CSV bytes, the same .xlsx table. And a push that lands while an export is
// being built must not leave a mixed file in the cache.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { forms } from "../../shared/forms/index.js";
import { rowExpectation } from "../../shared/validate/index.js";
import { buildMerged, mergeIndicators } from "../../worker/src/merge.js";
import { fittedRow, mergedCsv, mergedJson, mergedTable, mergedXlsx } from "../../worker/src/export/merged.js";
import { toXlsx } from "../../worker/src/export/xlsx.js";
import { strFromU8, unzipSync } from "fflate";
import { toCsv } from "../../worker/src/export/csv.js";
import { layout } from "../../worker/src/export/layout.js";
import { cachedExport, responseBody, Streamed, type Body, type Cached } from "../../worker/src/export/cache.js";
import { formInfo } from "../../worker/src/formsinfo.js";
import { ADMIN, push, seedOnce } from "./helpers.js";
import { rawFor } from "../../bench/lib/sample-values.js";

beforeAll(seedOnce);

const PERIOD = "2025-N";
const decoder = new TextDecoder("utf-8", { ignoreBOM: true }); // keeps the CSV's BOM, which is part of what is compared
async function text(body: Body | Cached["body"]): Promise<string> {
  if (typeof body === "string") return body;
  if (body instanceof Streamed) {
    const pieces: Uint8Array[] = [];
    for (let p = await body.pull(); p; p = await body.pull()) pieces.push(p);
    return text(pieces);
  }
  if (!Array.isArray(body)) return decoder.decode(body);
  return body.map((p) => decoder.decode(p, { stream: true })).join("") + decoder.decode();
}

/** The admin pushes a whole sheet (every indicator row, actual + projected, a note on some) for each unit. */
async function pushSheets(formId: string, units: string[]) {
  const form = forms.find((f) => f.id === formId)!;
  const items = form.rows.flatMap((r) => (r.type === "indicator" ? [r.item] : []));
  for (const [u, unit] of units.entries()) {
    const cells = items.flatMap((item, i) => {
      const kind = rowExpectation(form, item, { period: PERIOD })?.kind;
      const v = (u * 31 + i * 17) % 90;
      return [
        { item, field: "actual", raw: rawFor(kind, v) },
        { item, field: "projected", raw: rawFor(kind, v + 5) },
        ...(i % 7 === u % 7 ? [{ item, field: "note", raw: `Ghi chú ${u}-${i}: số liệu của "đơn vị", theo báo cáo` }] : []),
      ];
    });
    const res = await push(ADMIN, { unit, form: formId, period: PERIOD, baseRevision: null, cells });
    expect(res.status, await res.clone().text()).toBe(201);
  }
}

/** The .xlsx's parts as text, the time of the title left out. */
const sheets = (xlsx: Uint8Array) =>
  Object.fromEntries(Object.entries(unzipSync(xlsx)).map(([name, bytes]) => [name, strFromU8(bytes).replace(/Tổng hợp tự động lúc [^)<]*/g, "")]));

const withoutTime = <T extends { generatedAt: string }>(t: T) => ({ ...t, generatedAt: "" });

describe("exports read page by page", () => {
  beforeAll(async () => {
    const units = async (kind: string, n: number) =>
      (await env.DB.prepare("SELECT code FROM units WHERE kind = ?1 AND active = 1 AND can_report = 1 ORDER BY code LIMIT ?2").bind(kind, n).all<{ code: string }>()).results.map((r) => r.code);
    await pushSheets("pl1-tinh", await units("department", 6));
    await pushSheets("pl1-xa", await units("commune", 5));
  });

  for (const formId of ["pl1-tinh", "pl1-xa"]) {
    it(`${formId}: one indicator per page gives the same merged table as one page`, async () => {
      const form = formInfo(formId).form;
      let pages = 0;
      await mergeIndicators(env.DB, form, PERIOD, { pageCells: 1 }, { rows: () => void pages++ });
      expect(pages).toBe(form.rows.filter((r) => r.type === "indicator").length);
      const whole = await buildMerged(env.DB, formId, PERIOD);
      const paged = await buildMerged(env.DB, formId, PERIOD, { pageCells: 1 });
      expect(whole.kind).toBe("indicators");
      expect(withoutTime(paged.table)).toEqual(withoutTime(whole.table));
      // Values reached the table (not an empty merge compared with an empty merge).
      const rows = (whole.table as { rows: { byUnit?: Record<string, string> }[] }).rows;
      expect(rows.filter((r) => Object.keys(r.byUnit ?? {}).length > 0).length).toBeGreaterThan(10);
    });

    it(`${formId}: the JSON is JSON.stringify of the whole table, written a page at a time`, async () => {
      const pieces = await mergedJson(env.DB, formId, PERIOD, { pageCells: 1 });
      expect(Array.isArray(pieces) && pieces.length).toBeGreaterThan(10);
      const body = await text(pieces);
      const parsed = JSON.parse(body) as { generatedAt: string };
      expect(JSON.stringify(parsed)).toBe(body);
      const whole = await buildMerged(env.DB, formId, PERIOD);
      expect(body).toBe(JSON.stringify({ ...whole.table, generatedAt: parsed.generatedAt }));
      // A table too large to keep is streamed as it is merged: the same bytes.
      const streamed = await mergedJson(env.DB, formId, PERIOD, { pageCells: 1 }, 0);
      expect(streamed).toBeInstanceOf(Streamed);
      const again = await text(streamed);
      expect(again).toBe(JSON.stringify({ ...whole.table, generatedAt: (JSON.parse(again) as { generatedAt: string }).generatedAt }));
    });

    it(`${formId}: the CSV (both separators) and the .xlsx table are those of the whole table`, async () => {
      const whole = layout(await buildMerged(env.DB, formId, PERIOD));
      for (const sep of [",", ";"] as const) expect(await text(await mergedCsv(env.DB, formId, PERIOD, sep, { pageCells: 1 }))).toBe(toCsv(whole, { sep }));
      const paged = await mergedTable(env.DB, formId, PERIOD, { pageCells: 1 });
      // The title says when the table was made (to the minute); everything else is the same.
      expect({ ...paged, title: paged.title.slice(0, -1) }).toEqual({ ...whole, title: whole.title.slice(0, -1) });
      expect(paged.rows.filter((r) => r.kind === "summary").length).toBeGreaterThan(2);
      // The .xlsx itself: the same sheets (but for the minute in the title).
      expect(sheets(await mergedXlsx(env.DB, formId, PERIOD, { pageCells: 1 }))).toEqual(sheets(await toXlsx([whole])));
    });
  }
});

describe("a change during a build", () => {
  const bump = () => env.DB.prepare("UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1").run();

  it("is built again from the new state, and kept only once a build sees one state", async () => {
    let builds = 0;
    // The first build is overtaken by a write (as a push landing between two pages would).
    const first = await cachedExport(env.DB, "test-overtaken", async () => {
      builds++;
      if (builds === 1) await bump();
      return `build ${builds}`;
    });
    expect(await text(first.body)).toBe("build 2");
    expect(first.hit).toBe(false);
    // Nothing of an overtaken request is kept; the next request builds once, undisturbed, and that is kept.
    const next = await cachedExport(env.DB, "test-overtaken", async () => `build ${++builds}`);
    expect(next.hit).toBe(false);
    expect(await text(next.body)).toBe("build 3");
    const again = await cachedExport(env.DB, "test-overtaken", async () => `build ${++builds}`);
    expect(again.hit).toBe(true);
    expect(await text(again.body)).toBe("build 3");
  });

  it("overtaken twice: served, never kept", async () => {
    let builds = 0;
    const first = await cachedExport(env.DB, "test-busy", async () => {
      builds++;
      await bump();
      return `build ${builds}`;
    });
    expect(await text(first.body)).toBe("build 2");
    const next = await cachedExport(env.DB, "test-busy", async () => `build ${++builds}`);
    expect(next.hit).toBe(false);
    expect(await text(next.body)).toBe("build 3");
  });

  it("a streamed export that a write overtakes ends in an error, not in a mixed file", async () => {
    let n = 0;
    const x = await cachedExport(env.DB, "test-stream", async () =>
      new Streamed(async () => {
        n++;
        if (n === 2) await bump(); // a push lands between two pages
        return n <= 3 ? new TextEncoder().encode(`piece ${n};`) : null;
      }),
    );
    const res = new Response(responseBody(env.DB, x));
    await expect(res.text()).rejects.toThrow();
    // Undisturbed, the same stream completes.
    let m = 0;
    const ok = await cachedExport(env.DB, "test-stream-ok", async () => new Streamed(async () => (++m <= 3 ? new TextEncoder().encode(`piece ${m};`) : null)));
    expect(await new Response(responseBody(env.DB, ok)).text()).toBe("piece 1;piece 2;piece 3;");
  });

  it("the .xlsx keeps a long text only as far as Excel will show it, and writes the same file", async () => {
    const long = "Đơn vị thử (không chủ trì) báo cáo: 62%; ".repeat(1500); // 60,000 characters
    const table = { sheetName: "T", title: ["T"], headerRows: 1, header: [{ text: "A", row: 0, col: 0, rowSpan: 1, colSpan: 1 }], widths: [40, 12], freezeCols: 1 };
    const rows = [{ kind: "data" as const, cells: [long, { v: long, tone: "muted" as const }] }, { kind: "note" as const, section: true, cells: [long] }];
    const fitted = rows.map(fittedRow);
    expect(fitted.every((r) => r.cells.every((c) => (typeof c === "string" ? c : (c as { v: string }).v).length === 32767))).toBe(true);
    expect(sheets(await toXlsx([{ ...table, rows: fitted }]))).toEqual(sheets(await toXlsx([{ ...table, rows }])));
  });
});
