// The CT.ACTUAL batcher splits a recalculation so that no POST exceeds the worker's limits: 500 cells and
// MAX_ACTUAL_SCOPES distinct (unit, year) pairs per request.
import { describe, expect, it } from "vitest";
import { ActualBatcher } from "../../addin/functions/actual-batcher.js";
import { MAX_ACTUAL_SCOPES, actualScope } from "../../shared/schemas/limits.js";

describe("ActualBatcher and the worker's per-request limits", () => {
  it("sends at most MAX_ACTUAL_SCOPES (unit, year) pairs per POST, and answers every cell", async () => {
    const posts: { key: string; year: number; unit?: string }[][] = [];
    const f = (async (_url: string, init?: RequestInit) => {
      const { requests } = JSON.parse(String(init?.body)) as { requests: { key: string; year: number; unit?: string }[] };
      posts.push(requests);
      return new Response(JSON.stringify({ results: requests.map((r) => ({ ...r, unit: r.unit ?? null, raw: `${r.year}`, value: r.year, period: null })) }), { status: 200 });
    }) as typeof fetch;
    const b = new ActualBatcher({ fetch: f, windowMs: 1 });
    const cells = Array.from({ length: 300 }, (_, i) => ({ key: i % 3 ? "5G" : "6G", year: 2000 + (i % 101), ...(i % 7 === 0 ? { unit: "xa-1" } : {}) }));
    const answers = await Promise.all(cells.map((c) => b.get(c)));
    expect(answers.map((a) => a.value)).toEqual(cells.map((c) => c.year));
    for (const p of posts) {
      expect(new Set(p.map(actualScope)).size).toBeLessThanOrEqual(MAX_ACTUAL_SCOPES);
      expect(p.length).toBeLessThanOrEqual(500);
    }
    const scopes = new Set(cells.map(actualScope)).size;
    expect(posts.length).toBe(Math.ceil(scopes / MAX_ACTUAL_SCOPES));
  });
  it("a recalculation within the limits is still one POST", async () => {
    let n = 0;
    const f = (async (_url: string, init?: RequestInit) => {
      n++;
      const { requests } = JSON.parse(String(init?.body)) as { requests: { key: string; year: number }[] };
      return new Response(JSON.stringify({ results: requests.map((r) => ({ ...r, unit: null, raw: null, value: null, period: null })) }), { status: 200 });
    }) as typeof fetch;
    const b = new ActualBatcher({ fetch: f, windowMs: 1 });
    await Promise.all(Array.from({ length: 400 }, (_, i) => b.get({ key: `K${i}`, year: 2025 + (i % MAX_ACTUAL_SCOPES) })));
    expect(n).toBe(1);
  });
});
