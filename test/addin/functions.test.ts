// CT.* custom functions against the REAL catalog (shared/catalog), plus CT.ACTUAL batching, the offline-first
// catalog cache, Office registration and the functions.json drift check. No Office, no network.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { catalog } from "../../shared/catalog/index.js";
import type { Catalog } from "../../shared/catalog/types.js";
import {
  CtError,
  ctActual,
  ctAgency,
  ctAssess,
  ctBaseline,
  ctName,
  ctProgress,
  ctTarget,
  ctTargetText,
  ctUnit,
  findIndicator,
  suggestKeys,
  type ActualRequest,
  type ActualResult,
  type CellInput,
} from "../../addin/functions/core.js";
import { ActualBatcher } from "../../addin/functions/actual-batcher.js";
import { CatalogCache, memoryStorage } from "../../addin/functions/catalog-cache.js";
import * as fns from "../../addin/functions/functions.js";
import { FUNCTION_TABLE, registerFunctions, resetRegistration } from "../../addin/functions/register.js";

const root = path.resolve(import.meta.dirname, "../..");

/** Runs fn and returns the CtError it throws (fails the test if it does not throw one). */
function errorOf(fn: () => unknown): CtError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CtError) return e;
    throw e;
  }
  throw new Error("expected a CtError");
}

const T = (key: CellInput, year: CellInput) => ctTarget(catalog, key, year);
const A = (key: CellInput, year: CellInput, actual: CellInput) => ctAssess(catalog, key, year, actual);
const P = (key: CellInput, year: CellInput, actual: CellInput) => ctProgress(catalog, key, year, actual);

describe("looking up indicators", () => {
  it("finds keys case-insensitively, trimmed, and by STT (number or digits)", () => {
    expect(findIndicator(catalog, "5g")?.key).toBe("5G");
    expect(findIndicator(catalog, " pii ")?.key).toBe("PII");
    expect(findIndicator(catalog, "chi khcn")?.key).toBe("CHI_KHCN");
    expect(findIndicator(catalog, 42)?.key).toBe("PII");
    expect(findIndicator(catalog, "42")?.key).toBe("PII");
    expect(T("5g", 2025)).toBe(T("5G", 2025));
    expect(T(1, 2025)).toBe(0.6);
    expect(T("1", "2025")).toBe(0.6);
  });

  it("unknown keys give #N/A naming the nearest keys", () => {
    const e = errorOf(() => T("5H", 2030));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/^Không có chỉ tiêu '5H'\. Có phải: .*5G.*6G/);
    expect(suggestKeys(catalog, "PI")).toContain("PII");
    expect(errorOf(() => ctName(catalog, "CHI_KHC")).message).toContain("CHI_KHCN");
  });

  it("an STT outside the catalog is #N/A; a missing key is #VALUE!", () => {
    const e = errorOf(() => T(80, 2030));
    expect(e.code).toBe("#N/A");
    expect(e.message).toContain("số thứ tự 80");
    expect(errorOf(() => T("", 2030)).code).toBe("#VALUE!");
    expect(errorOf(() => T(null, 2030)).code).toBe("#VALUE!");
    expect(errorOf(() => T(4.5, 2030)).code).toBe("#VALUE!");
  });
});

describe("CT.TARGET", () => {
  it("returns numbers, percentages as fractions", () => {
    expect(T("5G", 2025)).toBe(0.6);
    expect(T("5G", 2030)).toBe(1);
    expect(T("CB_NCKH", 2030)).toBe(2500);
    expect(T("DN_CNS_1000", 2025)).toBe(0.2);
    expect(T("CHUKYSO", 2045)).toBe(0.55);
  });

  it("≥ / ≤ return the bound", () => {
    expect(T("CHI_KHCN", 2030)).toBe(0.015); // ≥ 1,5%
    expect(T("CHI_KHCN", 2045)).toBe(0.03);
    expect(T("ATTT_XH", 2030)).toBe(10); // ≤ 10 (rank)
    expect(T("XK_CNC", 2030)).toBe(0.5); // "≥ 50", unit %: a percentage without its sign
    expect(T("KHONG_TIENMAT", 2030)).toBe(0.8);
  });

  it("ranks, ranges, an index under a % unit", () => {
    expect(T("PII", 2030)).toBe(10); // Nhóm 10
    expect(T("PII", 2025)).toBe(20);
    expect(T("DA_KNST", 2040)).toBe(50); // 50-60: the lower end must be reached
    expect(T("HDI", 2030)).toBe(0.7); // unit says % but the target is an index
  });

  it("qualitative targets return their text", () => {
    expect(T("TIEMLUC_KHCN", 2030)).toBe("Thuộc nhóm các tỉnh, thành phố ở mức Khá");
    expect(T("IOC", 2030)).toBe("Có");
    expect(T("CSDL_CHUYENNGANH", 2030)).toBe("Cơ bản hoàn thành");
  });

  it("a doubtful target still returns its value", () => {
    expect(catalog.indicators.find((i) => i.key === "5G")!.doubts.some((d) => d.field === "2035")).toBe(true);
    expect(T("5G", 2035)).toBe(1);
  });

  it("no target for that year is #N/A saying so", () => {
    const dash = errorOf(() => T("6G", 2025));
    expect(dash.code).toBe("#N/A");
    expect(dash.message).toContain("không có mục tiêu năm 2025");
    expect(errorOf(() => T("5G", 2045)).message).toContain("ô để trống");
    const off = errorOf(() => T("5G", 2028));
    expect(off.code).toBe("#N/A");
    expect(off.message).toContain("không đặt mục tiêu năm 2028");
    expect(off.message).toContain("2025, 2030, 2035, 2040");
  });

  it("an invalid year is #VALUE!", () => {
    for (const y of ["abc", 20.5, 1999, "", null, true]) {
      const e = errorOf(() => T("5G", y as CellInput));
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toContain("Năm không hợp lệ");
    }
  });
});

describe("CT.TARGETTEXT, CT.BASELINE, CT.NAME, CT.UNIT, CT.AGENCY", () => {
  it("TARGETTEXT is exactly as printed, with the doubt appended", () => {
    expect(ctTargetText(catalog, "CHI_KHCN", 2030)).toBe("≥ 1,5%");
    expect(ctTargetText(catalog, "pii", 2030)).toBe("Nhóm 10");
    expect(ctTargetText(catalog, "6G", 2025)).toBe("-");
    const doubtful = ctTargetText(catalog, "5G", 2035);
    expect(doubtful.startsWith("100% (nghi vấn: ")).toBe(true);
    expect(doubtful.endsWith(")")).toBe(true);
    expect(ctTargetText(catalog, "5G", 2025)).toBe("60%");
    expect(errorOf(() => ctTargetText(catalog, "5G", 2045)).code).toBe("#N/A");
  });

  it("TARGETTEXT of a target the Sở KH&CN settled: the value and its source from the server's catalog (any year), no doubt", async () => {
    const served = {
      ...catalog,
      targetOverrides: [
        { key: "5G", year: 2035, text: "95%", editId: 7, source: "Công văn số 45/SKHCN ngày 05/3/2026" },
        { key: "5G", year: 2026, text: "70%", editId: 8 },
      ],
    };
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify(served), { status: 200, headers: { ETag: '"v-2"' } }));
    const cache = new CatalogCache({ bundled: catalog, storage: memoryStorage(), fetch: fetchImpl as unknown as typeof fetch, url: "http://x.test/api/catalog" });
    expect(await cache.refresh()).toBe("updated");
    expect(ctTargetText(cache.current, "5G", 2035)).toBe("95% (theo Công văn số 45/SKHCN ngày 05/3/2026)");
    expect(ctTargetText(cache.current, "5g", "2026")).toBe("70%");
    expect(ctTargetText(cache.current, "5G", 2025)).toBe("60%");
    expect(ctTargetText(catalog, "5G", 2035)).toMatch(/nghi vấn/);
  });

  it("BASELINE converts like TARGET", () => {
    expect(ctBaseline(catalog, "5G")).toBe(0.05);
    expect(ctBaseline(catalog, "CHI_KHCN")).toBe(0.0061);
    expect(ctBaseline(catalog, "PII")).toBe(26);
    expect(ctBaseline(catalog, "CB_NCKH")).toBe(2000);
    expect(ctBaseline(catalog, "TT_DULIEU")).toBe("Đang triển khai");
    const e = errorOf(() => ctBaseline(catalog, "6G"));
    expect(e.code).toBe("#N/A");
    expect(e.message).toContain("chỉ tiêu mới");
  });

  it("NAME, UNIT, AGENCY", () => {
    expect(ctName(catalog, "5G")).toBe("Tỷ lệ phủ sóng 5G trên địa bàn");
    expect(ctUnit(catalog, "5G")).toBe("%");
    expect(ctUnit(catalog, 42)).toBe("Thứ bậc (trong nhóm các tỉnh, thành phố dẫn đầu cả nước)");
    expect(ctAgency(catalog, "TT_DULIEU")).toBe("Văn phòng Tỉnh ủy; Công an tỉnh; Sở Khoa học và Công nghệ");
    expect(ctAgency(catalog, "5G")).toBe("Sở Khoa học và Công nghệ");
  });
});

describe("CT.ASSESS and CT.PROGRESS", () => {
  it("percent indicators: a number ≤ 1 from a %-formatted cell is a fraction", () => {
    expect(A("5G", 2025, 0.6)).toBe("Đạt");
    expect(A("5G", 2025, 60)).toBe("Đạt");
    expect(A("5G", 2025, "60%")).toBe("Đạt");
    expect(A("5G", 2025, 0.7)).toBe("Vượt");
    expect(A("5G", 2025, 0.5)).toBe("Không đạt");
    expect(A("5G", 2030, 1)).toBe("Đạt"); // 100%
    expect(P("5G", 2025, 0.3)).toBeCloseTo(0.5, 10);
    expect(P("5G", 2025, 30)).toBeCloseTo(0.5, 10);
  });

  it("small percent targets (≥ 1,5%): 1.2 means 1.2%, 0.012 means 1.2%", () => {
    expect(A("CHI_KHCN", 2030, 1.2)).toBe("Không đạt");
    expect(A("CHI_KHCN", 2030, 0.012)).toBe("Không đạt");
    expect(A("CHI_KHCN", 2030, 1.5)).toBe("Đạt");
    expect(A("CHI_KHCN", 2030, 0.02)).toBe("Vượt");
    expect(A("CHI_KHCN", 2030, 2)).toBe("Vượt");
    expect(P("CHI_KHCN", 2030, 0.75)).toBeCloseTo(0.5, 10);
  });

  it("ranks: Nhóm 10 and ≤ 10 (lower is better)", () => {
    expect(A("PII", 2030, 8)).toBe("Đạt");
    expect(A("PII", 2030, "Nhóm 5")).toBe("Vượt");
    expect(A("PII", 2030, 12)).toBe("Không đạt");
    expect(P("PII", 2030, 20)).toBeCloseTo(0.5, 10);
    expect(A("ATTT_XH", 2030, 6)).toBe("Vượt");
    expect(A("ATTT_XH", 2030, 10)).toBe("Đạt");
    expect(A("ATTT_XH", 2030, 11)).toBe("Không đạt");
  });

  it("an index under a % unit is compared as is; HDI is a new indicator (*), so it gets progress but no verdict", () => {
    expect(A("HDI", 2030, 0.72)).toBe("Chưa đánh giá được");
    expect(P("HDI", 2030, 0.7)).toBeCloseTo(1, 10);
    expect(P("HDI", 2030, "0,77")).toBeCloseTo(1.1, 10);
    expect(errorOf(() => A("HDI", 2030, "72%")).code).toBe("#VALUE!"); // an index has no %
  });

  it("reads typed text with the shared reading: 0,85 in a % indicator is 85%, wrong kinds are #VALUE!", () => {
    expect(A("TTHC_SOHOA", 2025, "0,85")).toBe("Vượt"); // 85% against 70%
    expect(P("TTHC_SOHOA", 2025, "0,85")).toBeCloseTo(85 / 70, 10);
    expect(A("TTHC_SOHOA", 2025, "70")).toBe("Đạt");
    expect(A("TTHC_SOHOA", 2025, "khoảng 80%")).toBe("Vượt");
    for (const bad of ["abc", "Có", "150%", "2.000"]) {
      const e = errorOf(() => A("TTHC_SOHOA", 2025, bad));
      expect(e.code, bad).toBe("#VALUE!");
      expect(e.message, bad).toMatch(/^Chỉ tiêu 47 – Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính/);
    }
    // A number is not Có: target Có with 1.234 used to be "Đạt".
    expect(errorOf(() => A("TT_ANM", 2025, "1.234")).code).toBe("#VALUE!");
    expect(errorOf(() => A("TT_ANM", 2025, 1234)).code).toBe("#VALUE!");
    expect(errorOf(() => A("CB_NCKH", 2030, "1,5")).message).toContain("số nguyên");
  });

  it("Có / statuses, qualitative targets, missing values", () => {
    expect(A("IOC", 2030, "Có")).toBe("Đạt");
    expect(A("IOC", 2030, true)).toBe("Đạt");
    expect(A("IOC", 2030, "Đang triển khai")).toBe("Không đạt");
    expect(A("TIEMLUC_KHCN", 2030, "Khá")).toBe("Chưa đánh giá được");
    expect(A("6G", 2025, 0.5)).toBe("Chưa đánh giá được");
    expect(A("5G", 2025, null)).toBe("Chưa đánh giá được");
    expect(A("5G", 2025, "")).toBe("Chưa đánh giá được");
    expect(A("CB_NCKH", 2030, 2600)).toBe("Vượt");
    expect(A("CB_NCKH", 2030, "2.400")).toBe("Không đạt");
  });

  it("PROGRESS is #N/A when it cannot be computed; errors from key/year still apply", () => {
    const e = errorOf(() => P("TIEMLUC_KHCN", 2030, "Khá"));
    expect(e.code).toBe("#N/A");
    expect(e.message).toContain("Không tính được tiến độ");
    expect(errorOf(() => A("XYZ", 2030, 1)).code).toBe("#N/A");
    expect(errorOf(() => A("5G", 2028, 1)).code).toBe("#N/A");
    expect(errorOf(() => A("5G", "năm", 1)).code).toBe("#VALUE!");
  });
});

// ---------------------------------------------------------------------------------------------------------
// CT.ACTUAL and batching
// ---------------------------------------------------------------------------------------------------------

interface FakeServer {
  fetch: typeof fetch;
  calls: { url: string; body: { requests: ActualRequest[] } }[];
}

function fakeServer(answer: (r: ActualRequest) => Partial<ActualResult> = () => ({})): FakeServer {
  const calls: FakeServer["calls"] = [];
  const f = (async (url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { requests: ActualRequest[] };
    calls.push({ url: String(url), body });
    const results = body.requests.map((r) => ({
      key: r.key,
      year: r.year,
      unit: r.unit ?? null,
      raw: null,
      value: null,
      ...answer(r),
    }));
    return new Response(JSON.stringify({ results }), { status: 200, headers: { "Content-Type": "application/json" } });
  }) as typeof fetch;
  return { fetch: f, calls };
}

describe("CT.ACTUAL", () => {
  it("N cells in one recalculation → exactly 1 request, each cell gets its own answer", async () => {
    const server = fakeServer((r) => ({ raw: String(r.year - 2000), value: r.year - 2000 }));
    const batcher = new ActualBatcher({ fetch: server.fetch, windowMs: 5 });
    const keys = catalog.indicators.slice(0, 30).map((i) => i.key);
    // Up to MAX_ACTUAL_SCOPES (8) distinct years per request (the worker's limit; more years → more requests).
    const answers = await Promise.all(keys.map((k, i) => ctActual(catalog, batcher.fetcher, k, 2000 + (i % 8))));
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.url).toBe("/api/actuals");
    expect(server.calls[0]!.body.requests).toHaveLength(30);
    expect(answers).toEqual(keys.map((_, i) => i % 8));
  });

  it("de-duplicates identical calls and caches answers for the TTL", async () => {
    let now = 1_000;
    const server = fakeServer(() => ({ raw: "60%", value: 0.6 }));
    const batcher = new ActualBatcher({ fetch: server.fetch, windowMs: 1, ttlMs: 60_000, now: () => now });
    const calls = ["5G", "5g", "1", 1, " 5G "].map((k) => ctActual(catalog, batcher.fetcher, k, 2025));
    expect(await Promise.all(calls)).toEqual([0.6, 0.6, 0.6, 0.6, 0.6]);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.body.requests).toEqual([{ key: "5G", year: 2025 }]);
    expect(await ctActual(catalog, batcher.fetcher, "5G", 2025)).toBe(0.6); // cached
    expect(server.calls).toHaveLength(1);
    now += 61_000;
    expect(await ctActual(catalog, batcher.fetcher, "5G", 2025)).toBe(0.6);
    expect(server.calls).toHaveLength(2);
  });

  it("unit is passed through; province level omits it; text values come back as text", async () => {
    const server = fakeServer((r) => (r.unit ? { raw: "Đang triển khai", value: null } : { raw: "12", value: 12 }));
    const batcher = new ActualBatcher({ fetch: server.fetch, windowMs: 1 });
    const [a, b] = await Promise.all([
      ctActual(catalog, batcher.fetcher, "IOC", 2025, "so-khcn"),
      ctActual(catalog, batcher.fetcher, "DN_KHCN", 2025, ""),
    ]);
    expect(a).toBe("Đang triển khai");
    expect(b).toBe(12);
    expect(server.calls[0]!.body.requests).toEqual([
      { key: "IOC", year: 2025, unit: "so-khcn" },
      { key: "DN_KHCN", year: 2025 },
    ]);
  });

  it("no data is #N/A; unknown key and bad year fail before any request", async () => {
    const server = fakeServer();
    const batcher = new ActualBatcher({ fetch: server.fetch, windowMs: 1 });
    await expect(ctActual(catalog, batcher.fetcher, "5G", 2025)).rejects.toMatchObject({
      code: "#N/A",
      message: expect.stringContaining("Chưa có số liệu thực hiện"),
    });
    await expect(ctActual(catalog, batcher.fetcher, "5X", 2025)).rejects.toMatchObject({ code: "#N/A" });
    await expect(ctActual(catalog, batcher.fetcher, "5G", "x")).rejects.toMatchObject({ code: "#VALUE!" });
    expect(server.calls).toHaveLength(1);
  });

  it("a server that never answers → #N/A 'Không kết nối được máy chủ' after the timeout, not a hang", async () => {
    let aborted = false;
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(new Error("aborted"));
        });
      })) as unknown as typeof fetch;
    const batcher = new ActualBatcher({ fetch: hanging, windowMs: 1, timeoutMs: 40 });
    const started = Date.now();
    await expect(ctActual(catalog, batcher.fetcher, "5G", 2025)).rejects.toMatchObject({
      code: "#N/A",
      message: expect.stringContaining("Không kết nối được máy chủ"),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(aborted).toBe(true);
  });

  it("offline (fetch rejects) and HTTP errors → #N/A with a message; errors are not cached", async () => {
    let fail = true;
    const server = fakeServer(() => ({ raw: "1", value: 1 }));
    const flaky = ((url: string, init?: RequestInit) =>
      fail ? Promise.reject(new TypeError("Failed to fetch")) : server.fetch(url, init)) as typeof fetch;
    const batcher = new ActualBatcher({ fetch: flaky, windowMs: 1 });
    await expect(ctActual(catalog, batcher.fetcher, "5G", 2025)).rejects.toMatchObject({
      code: "#N/A",
      message: expect.stringContaining("Không kết nối được máy chủ"),
    });
    fail = false;
    expect(await ctActual(catalog, batcher.fetcher, "5G", 2025)).toBe(1);

    const denied = new ActualBatcher({
      fetch: (async () => new Response("{}", { status: 401 })) as typeof fetch,
      windowMs: 1,
    });
    await expect(ctActual(catalog, denied.fetcher, "5G", 2025)).rejects.toMatchObject({
      message: expect.stringContaining("Chưa đăng nhập"),
    });
  });

  it("sends the task pane's headers and splits very large bursts", async () => {
    const seen: (string | null)[] = [];
    const server = fakeServer(() => ({ raw: "1", value: 1 }));
    const f = ((url: string, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get("Authorization"));
      return server.fetch(url, init);
    }) as typeof fetch;
    const batcher = new ActualBatcher({ fetch: f, windowMs: 1, maxBatch: 10, headers: () => ({ Authorization: "Bearer t" }) });
    await Promise.all(catalog.indicators.slice(0, 25).map((i) => ctActual(catalog, batcher.fetcher, i.key, 2025)));
    expect(server.calls.map((c) => c.body.requests.length)).toEqual([10, 10, 5]);
    expect(seen).toEqual(["Bearer t", "Bearer t", "Bearer t"]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Catalog cache
// ---------------------------------------------------------------------------------------------------------

function modifiedCatalog(version: string): Catalog {
  const c = structuredClone(catalog) as Catalog;
  c.version = version;
  const ind = c.indicators.find((i) => i.key === "5G")!;
  ind.targets[2030] = { printed: "90%", value: { kind: "number", value: 90, percent: true } };
  return c;
}

describe("offline-first catalog cache", () => {
  it("answers from the bundled catalog with no network at all", async () => {
    const offline = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    const cache = new CatalogCache({ bundled: catalog, storage: memoryStorage(), fetch: offline });
    expect(ctTarget(cache.current, "5G", 2030)).toBe(1);
    expect(await cache.refresh()).toBe("offline");
    expect(cache.source).toBe("bundled");
    expect(ctTarget(cache.current, "5G", 2030)).toBe(1);
    expect(cache.lastError).toContain("Không kết nối được máy chủ");
  });

  it("200 replaces the catalog and saves it with its ETag; 304 keeps it", async () => {
    const map = new Map<string, string>();
    const requests: (string | null)[] = [];
    let mode: 200 | 304 = 200;
    const f = (async (_url: string, init?: RequestInit) => {
      requests.push(new Headers(init?.headers).get("If-None-Match"));
      if (mode === 304) return new Response(null, { status: 304, headers: { ETag: '"v2"' } });
      return new Response(JSON.stringify(modifiedCatalog("v2")), { status: 200, headers: { ETag: '"v2"' } });
    }) as typeof fetch;
    const cache = new CatalogCache({ bundled: catalog, storage: memoryStorage(map), fetch: f });
    const changes: string[] = [];
    cache.subscribe((c) => changes.push(c.version));

    expect(await cache.refresh()).toBe("updated");
    expect(requests[0]).toBe(`"${catalog.version}"`);
    expect(cache.current.version).toBe("v2");
    expect(cache.etag).toBe('"v2"');
    expect(ctTarget(cache.current, "5G", 2030)).toBe(0.9);
    expect(changes).toEqual(["v2"]);
    expect(JSON.parse(map.get("chitieu.catalog.v1")!).etag).toBe('"v2"');

    mode = 304;
    expect(await cache.refresh()).toBe("not-modified");
    expect(requests[1]).toBe('"v2"');
    expect(cache.current.version).toBe("v2");
    expect(changes).toEqual(["v2"]);

    // A new session starts from storage, offline.
    const next = new CatalogCache({
      bundled: catalog,
      storage: memoryStorage(map),
      fetch: (async () => Promise.reject(new TypeError("offline"))) as typeof fetch,
    });
    await next.init();
    expect(next.source).toBe("storage");
    expect(ctTarget(next.current, "5G", 2030)).toBe(0.9);
    expect(await next.refresh()).toBe("offline");
    expect(next.current.version).toBe("v2");
  });

  it("a bad body or an HTTP error never replaces a good catalog", async () => {
    const bodies = [new Response('{"version":"x"}', { status: 200 }), new Response("oops", { status: 500 })];
    const f = (async () => bodies.shift()!) as typeof fetch;
    const cache = new CatalogCache({ bundled: catalog, storage: memoryStorage(), fetch: f });
    expect(await cache.refresh()).toBe("error");
    expect(await cache.refresh()).toBe("error");
    expect(cache.current).toBe(catalog);
  });

  it("sends the task pane's headers; 401 keeps the catalog and says why", async () => {
    const seen: (string | null)[] = [];
    const f = (async (_url: string, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get("Authorization"));
      return new Response("{}", { status: 401 });
    }) as typeof fetch;
    const cache = new CatalogCache({ bundled: catalog, fetch: f, headers: () => ({ Authorization: "Bearer abc" }) });
    expect(await cache.refresh()).toBe("unauthorized");
    expect(seen).toEqual(["Bearer abc"]);
    expect(cache.current).toBe(catalog);
    expect(cache.lastError).toContain("Chưa đăng nhập");
  });

  it("a copy saved by an older add-in build is dropped in favour of the new bundled catalog", async () => {
    const map = new Map<string, string>();
    const f = (async () => new Response(JSON.stringify(modifiedCatalog("v2")), { status: 200, headers: { ETag: '"v2"' } })) as typeof fetch;
    const oldBuild = { ...catalog, version: "old-build" } as Catalog;
    await new CatalogCache({ bundled: oldBuild, storage: memoryStorage(map), fetch: f }).refresh();
    const fresh = new CatalogCache({ bundled: catalog, storage: memoryStorage(map) });
    await fresh.init();
    expect(fresh.source).toBe("bundled");
    const same = new CatalogCache({ bundled: oldBuild, storage: memoryStorage(map) });
    await same.init();
    expect(same.source).toBe("storage");
  });

  it("unreadable storage falls back to the bundled catalog", async () => {
    const map = new Map([["chitieu.catalog.v1", "{not json"]]);
    const cache = new CatalogCache({ bundled: catalog, storage: memoryStorage(map) });
    await cache.init();
    expect(cache.source).toBe("bundled");
  });
});

// ---------------------------------------------------------------------------------------------------------
// The Office-facing layer: CustomFunctions.Error, registration, functions.json
// ---------------------------------------------------------------------------------------------------------

class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

describe("functions.ts and register.ts", () => {
  const g = globalThis as unknown as { CustomFunctions?: unknown };
  let associated: Map<string, unknown>;

  beforeEach(() => {
    associated = new Map();
    g.CustomFunctions = { Error: FakeExcelError, associate: (id: string, fn: unknown) => associated.set(id, fn) };
  });
  afterEach(() => {
    delete g.CustomFunctions;
    resetRegistration();
  });

  it("errors reach Excel as CustomFunctions.Error with the Vietnamese message", async () => {
    expect(fns.target("5G", 2030)).toBe(1);
    expect(fns.mucTieu("5g", 2025)).toBe(0.6);
    expect(fns.danhGia("PII", 2030, 8)).toBe("Đạt");
    let thrown: unknown;
    try {
      fns.target("5H", 2030);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FakeExcelError);
    expect((thrown as FakeExcelError).code).toBe("#N/A");
    expect((thrown as FakeExcelError).message).toContain("Có phải: 5G");
    fns.configureFunctions({ fetcher: async () => ({ key: "5G", year: 2025, unit: null, raw: null, value: null }) });
    await expect(fns.thucHien("5G", 2025)).rejects.toBeInstanceOf(FakeExcelError);
  });

  it("registerFunctions associates every id of functions.json; ids match the table", () => {
    const offline = (async () => Promise.reject(new TypeError("offline"))) as typeof fetch;
    const r = registerFunctions({ fetch: offline, storage: memoryStorage(), refreshIntervalMs: 0 });
    expect(r.associated).toBe(true);
    const generated = JSON.parse(readFileSync(path.join(root, "addin/functions/functions.generated.json"), "utf8")) as {
      functions: { id: string; name: string }[];
    };
    const ids = generated.functions.map((f) => f.id).sort();
    expect(ids).toEqual(Object.keys(FUNCTION_TABLE).sort());
    expect([...associated.keys()].sort()).toEqual(ids);
    expect(generated.functions.every((f) => f.id === f.name)).toBe(true);
    expect(ids).toEqual(
      expect.arrayContaining(["TARGET", "MUCTIEU", "MUCTIEUGOC", "HIENTRANG", "TEN", "DONVI", "COQUAN", "DANHGIA", "TIENDO", "THUCHIEN"]),
    );
  });

  it("is safe where CustomFunctions is undefined (plain browser)", () => {
    delete g.CustomFunctions;
    const offline = (async () => Promise.reject(new TypeError("offline"))) as typeof fetch;
    const r = registerFunctions({ fetch: offline, storage: memoryStorage(), refreshIntervalMs: 0 });
    expect(r.associated).toBe(false);
    expect(fns.target("5G", 2030)).toBe(1);
  });
});

describe("functions.json", () => {
  it("the committed copy matches what the generator makes from functions.ts", () => {
    const r = spawnSync(process.execPath, ["scripts/gen-functions-json.mjs", "--check"], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("--check fails with a clear message when the committed copy drifts", () => {
    const committed = JSON.parse(readFileSync(path.join(root, "addin/functions/functions.generated.json"), "utf8")) as {
      functions: { id: string; description?: string }[];
    };
    committed.functions[0]!.description = "cũ";
    committed.functions.pop();
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ct-fn-")), "functions.json");
    writeFileSync(file, JSON.stringify(committed));
    const r = spawnSync(process.execPath, ["scripts/gen-functions-json.mjs", "--check", "--against", file], {
      cwd: root,
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("functions.json lệch với mã nguồn");
    expect(r.stderr).toContain("TARGET khác nhau");
    expect(r.stderr).toContain("không có trong bản đã commit");
  });
});
