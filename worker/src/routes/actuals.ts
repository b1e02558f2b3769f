// POST /api/actuals: the latest reported "actual" per (indicator, year, unit) for CT.ACTUAL in Excel.
// One request answers a whole recalculation; a bad cell gets raw: null with a note, never a failed batch.
// Bounded: at most MAX_ACTUAL_SCOPES distinct (unit, year) pairs are looked up per request (each costs up to two
// merges); the cells of further pairs get a note saying to ask again (the add-in splits its batches to stay within).
import { Hono } from "hono";
import { MAX_ACTUAL_SCOPES, actualScope, actualsRequestSchema, type ActualsResponse } from "../../../shared/schemas/index.js";
import { findIndicator, parseValue, toNumber } from "../domain.js";
import type { AppEnv } from "../env.js";
import { limitPerToken } from "../auth.js";
import { readJson } from "../http.js";
import { buildMerged } from "../merge.js";
import { currentCells } from "../store/submissions.js";
import { formInfo } from "../formsinfo.js";
import { expectationsFor, readingOf } from "../reading.js";

const numberOf = (text: string): number | null => {
  const r = parseValue(text);
  return r.ok ? toNumber(r.value) : null;
};
import { getUnit } from "../store/units.js";

export const actuals = new Hono<AppEnv>();

/** The full-year report wins over the half-year one when both exist. */
const periodsOf = (year: number) => [`${year}-N`, `${year}-6T`];

actuals.post("/actuals", limitPerToken, async (c) => {
  const { requests } = await readJson(c, actualsRequestSchema);
  const caller = c.get("caller");
  const db = c.env.DB;
  // Each distinct (form, period, unit) is read once per request, however many cells ask for it.
  const memo = new Map<string, Promise<Map<string, { raw: string; value: number | null }>>>();
  // Values are THE reading of the cell (worker/src/reading.ts), as in the merge: "0,85" typed in a % row is 0,85 (85%).
  const valuesOf = (kind: "province" | "department" | "commune", period: string, unit: string | null) => {
    const k = `${kind}|${period}|${unit ?? ""}`;
    let p = memo.get(k);
    if (!p) {
      const formId = kind === "commune" ? "pl1-xa" : "pl1-tinh";
      p =
        kind === "province"
          ? buildMerged(db, formId, period, { communes: false }).then(
              (m) => new Map(m.kind === "indicators" ? m.table.rows.filter((r) => r.actual).map((r) => [r.item, { raw: r.actual, value: numberOf(r.actual) }]) : []),
            )
          : currentCells(db, formId, period, unit ?? undefined).then((rows) => {
              const exps = expectationsFor(formInfo(formId).form, period);
              return new Map(
                rows
                  .filter((r) => r.field === "actual")
                  .map((r) => {
                    const v = readingOf(r, exps.get(r.item) ?? null).value;
                    return [r.item, { raw: r.raw, value: v ? toNumber(v) : null }];
                  }),
              );
            });
      memo.set(k, p);
    }
    return p;
  };
  const unitKinds = new Map<string, Promise<string | null>>();
  const kindOf = (code: string) => {
    let p = unitKinds.get(code);
    if (!p) unitKinds.set(code, (p = getUnit(db, code).then((u) => (u && u.active === 1 ? u.kind : null))));
    return p;
  };

  // The first MAX_ACTUAL_SCOPES distinct (unit, year) pairs, in request order, among the cells that can be answered.
  const admitted = new Set<string>();
  const overLimit = requests.map((r) => {
    if (!findIndicator(r.key)) return false;
    const unit = r.unit ?? (caller.role === "unit" ? caller.unit : null);
    if (caller.role === "unit" && unit !== caller.unit) return false;
    const scope = actualScope(r);
    if (admitted.has(scope)) return false;
    if (admitted.size >= MAX_ACTUAL_SCOPES) return true;
    admitted.add(scope);
    return false;
  });
  const limitNote = `Một lần hỏi chỉ tra tối đa ${MAX_ACTUAL_SCOPES} cặp (đơn vị, năm) khác nhau; ô này chưa được tra, hãy hỏi lại trong lần gửi sau.`;

  const results: ActualsResponse["results"] = await Promise.all(
    requests.map(async (r, i) => {
      const ind = findIndicator(r.key);
      // Units read their own figures; the province-level figure is for the department and leadership.
      // Units that may read merged tables get the province figure by default; other units their own.
      const unit = r.unit ?? (caller.can.view ? null : caller.unit);
      const base = { key: ind?.key ?? r.key, year: r.year, unit, raw: null, value: null, period: null };
      if (!ind) return { ...base, note: `Không có chỉ tiêu "${r.key}".` };
      if (!caller.can.view && unit !== caller.unit) return { ...base, note: "Đơn vị chỉ được xem số liệu của chính mình." };
      if (overLimit[i]) return { ...base, note: limitNote };
      let kind: "province" | "department" | "commune" = "province";
      if (unit) {
        const k = await kindOf(unit);
        if (k !== "department" && k !== "commune") return { ...base, note: `Không có đơn vị báo cáo "${unit}".` };
        kind = k;
      }
      for (const period of periodsOf(r.year)) {
        const hit = (await valuesOf(kind, period, unit)).get(ind.key);
        if (hit?.raw) return { ...base, raw: hit.raw, period, value: hit.value };
      }
      return base;
    }),
  );
  return c.json({ results });
});
