// The export floor (bench/export.mjs): the same rows our export reads (the cells of the form and period, the communes'
// cells of Phụ lục 1, the units' names), read the cheapest way (D1 `.raw()` arrays, one query each, no merge, no
// reading, no judgement), written by the same writers: the same .xlsx writer (worker/src/xlsx.ts), a CSV line per row,
// the rows as JSON. The table is the plain pivot of what was read: one row per (indicator, field), one column per unit,
// each cell the text as typed. Everything our export adds on top of this (the readings, lead agencies, judgement,
// commune aggregates, notes, the appendix layout, styles, row heights) is what the ratio measures.
import { buildXlsx, type CellValue } from "../worker/src/xlsx.js";

interface Env {
  DB: D1Database;
}

export default {
  async fetch(req: Request, env: Env): Promise<Response> {
    const url = new URL(req.url);
    if (url.pathname === "/api/health") return Response.json({ ok: true });
    const form = url.searchParams.get("form") ?? "pl1-tinh";
    const period = url.searchParams.get("period") ?? "";
    const cellsSql = "SELECT unit, item, field, raw, parsed FROM cell_current WHERE form = ?1 AND period = ?2";
    const [units, cells, communes] = await Promise.all([
      env.DB.prepare("SELECT code, name FROM units").raw<[string, string]>(),
      env.DB.prepare(cellsSql).bind(form, period).raw<[string, string, string, string, string | null]>(),
      env.DB.prepare(cellsSql).bind("pl1-xa", period).raw<[string, string, string, string, string | null]>(),
    ]);
    const col = new Map<string, number>();
    const header: CellValue[] = ["", ""];
    for (const [code, name] of units) {
      col.set(code, header.length);
      header.push(name);
    }
    const rowOf = new Map<string, CellValue[]>();
    const rows: CellValue[][] = [header];
    for (const list of [cells, communes]) {
      for (const [unit, item, field, raw] of list) {
        const key = `${item}\u001f${field}`;
        let row = rowOf.get(key);
        if (!row) {
          row = [item, field];
          rowOf.set(key, row);
          rows.push(row);
        }
        row[col.get(unit)!] = raw;
      }
    }
    const ext = url.pathname.split(".").pop();
    if (ext === "xlsx") {
      return new Response((await buildXlsx([{ name: "Floor", rows }])) as Uint8Array<ArrayBuffer>, { headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
    }
    if (ext === "csv") {
      const q = (v: CellValue) => {
        const s = v === null || v === undefined ? "" : String(v);
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      };
      const lines: string[] = [];
      for (const r of rows) {
        const out: string[] = [];
        for (let i = 0; i < header.length; i++) out.push(q(r[i] as CellValue));
        lines.push(out.join(","));
      }
      return new Response(`\uFEFF${lines.join("\r\n")}\r\n`, { headers: { "Content-Type": "text/csv; charset=utf-8" } });
    }
    return Response.json({ form, period, units, cells, communes });
  },
};
