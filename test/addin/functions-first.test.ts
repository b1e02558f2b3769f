// Functions first: the CT.* functions register from a small first bundle with a slim catalog; the task pane,
// zod and the full catalog (the words of the doubts) load after. Answers must not change.
import { afterEach, describe, expect, it } from "vitest";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { catalog } from "../../shared/catalog/index.js";
import { TARGET_YEARS, type Catalog } from "../../shared/catalog/types.js";
import { slimCatalog, hasDoubtTexts } from "../../addin/functions/slim-catalog.js";
import { bundledCatalog } from "../../addin/functions/bundled-catalog.js";
import { ctAgency, ctAssess, ctBaseline, ctName, ctProgress, ctTarget, ctTargetText, ctUnit } from "../../addin/functions/core.js";
import * as fns from "../../addin/functions/functions.js";
import { BUNDLED_CATALOG, slimCatalogModule } from "../../scripts/lib/slim-catalog-module.js";

const root = path.resolve(import.meta.dirname, "../..");

/** What a function answers: its value, or its error code and message. */
function answer(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: (e as { code?: string }).code, message: (e as Error).message };
  }
}

describe("the slim catalog", () => {
  it("drops only the long texts people read, keeps every other field, including fields added later", () => {
    const extended = {
      ...catalog,
      indicators: catalog.indicators.map((i) => ({ ...i, valueKind: "percent", future: { a: 1 } })),
    } as unknown as Catalog;
    const slim = slimCatalog(extended);
    expect(slim).not.toHaveProperty("reconciliation");
    expect(slim).not.toHaveProperty("crossCheck");
    expect(slim.missing).toEqual(catalog.missing);
    expect(slim.version).toBe(catalog.version);
    slim.indicators.forEach((ind, k) => {
      const full = extended.indicators[k]! as unknown as Record<string, unknown>;
      const kept = Object.keys(full).filter((f) => !["namePrinted", "ocrFixes", "source"].includes(f));
      expect(Object.keys(ind).sort()).toEqual(kept.sort());
      for (const f of kept) if (f !== "doubts") expect((ind as unknown as Record<string, unknown>)[f]).toEqual(full[f]);
      expect(ind.doubts).toEqual((full.doubts as { field: string }[]).map((d) => ({ field: d.field })));
    });
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(catalog).length * 0.6);
    expect(hasDoubtTexts(slim)).toBe(false);
    expect(hasDoubtTexts(catalog)).toBe(true);
  });

  it("gives the same answers as the full catalog for every indicator, year and function", () => {
    const slim = slimCatalog(catalog);
    for (const ind of catalog.indicators)
      for (const key of [ind.key, ind.key.toLowerCase(), ind.stt]) {
        for (const f of [ctBaseline, ctName, ctUnit, ctAgency]) expect(answer(() => f(slim, key))).toEqual(answer(() => f(catalog, key)));
        for (const year of [...TARGET_YEARS, 2028])
          for (const actual of [null, 1, 0.5, 60, "60%", "Có", "Nhóm 5"]) {
            expect(answer(() => ctAssess(slim, key, year, actual))).toEqual(answer(() => ctAssess(catalog, key, year, actual)));
            expect(answer(() => ctProgress(slim, key, year, actual))).toEqual(answer(() => ctProgress(catalog, key, year, actual)));
            expect(answer(() => ctTarget(slim, key, year))).toEqual(answer(() => ctTarget(catalog, key, year)));
          }
      }
    for (const typo of ["5H", "chi khcn", "42", 200, "", null])
      expect(answer(() => ctTarget(slim, typo, 2030))).toEqual(answer(() => ctTarget(catalog, typo, 2030)));
  });

  it("the build's precomputed module is the slim catalog of catalog.json", () => {
    const code = slimCatalogModule();
    const literal = /JSON\.parse\((".*")\);/s.exec(code)![1]!;
    expect(JSON.parse(JSON.parse(literal) as string)).toEqual(slimCatalog(catalog));
    expect(bundledCatalog).toEqual(slimCatalog(catalog));
  });
});

describe("CT.TARGETTEXT on the slim catalog", () => {
  afterEach(() => fns.configureFunctions({ cache: { current: bundledCatalog } }));

  it("answers doubtful cells with the doubt's words, loaded on demand; other cells at once", async () => {
    fns.configureFunctions({ cache: { current: structuredClone(bundledCatalog) } });
    const doubtful = catalog.indicators.find((i) => i.doubts.some((d) => d.field === "2035"))!;
    const plain = catalog.indicators.find((i) => i.doubts.length === 0 && i.targets[2030].printed.trim() !== "")!;
    expect(fns.targetText(plain.key, 2030)).toBe(ctTargetText(catalog, plain.key, 2030));
    const pending = fns.targetText(doubtful.key, 2035) as unknown;
    const expected = ctTargetText(catalog, doubtful.key, 2035);
    expect(expected).toContain("(nghi vấn: ");
    expect(await (pending as Promise<string>)).toBe(expected);
    // Once the words are loaded, the answer is synchronous.
    expect(fns.targetText(doubtful.key, 2035)).toBe(expected);
    expect(fns.mucTieuGoc(doubtful.key.toLowerCase(), "2035")).toBe(expected);
  });
});

describe("remembered answers", () => {
  afterEach(() => {
    fns.configureFunctions({ cache: { current: bundledCatalog } });
    delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
  });

  it("follow the catalog in use and the CustomFunctions.Error class in use", () => {
    const cache = { current: structuredClone(bundledCatalog) };
    fns.configureFunctions({ cache });
    expect(fns.target("5G", 2030)).toBe(1);
    const changed = structuredClone(bundledCatalog);
    changed.indicators[0]!.targets[2030] = { printed: "90%", value: { kind: "number", value: 90, percent: true } };
    cache.current = changed;
    expect(fns.target("5G", 2030)).toBe(0.9);
    expect(fns.target(1, 2030)).toBe(0.9);
    expect(() => fns.target("5H", 2030)).toThrow(/Có phải: 5G/);
    class ExcelError extends Error {
      constructor(
        readonly code: string,
        message?: string,
      ) {
        super(message);
      }
    }
    (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { Error: ExcelError };
    let thrown: unknown;
    try {
      fns.target("5H", 2030);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ExcelError);
    expect((thrown as ExcelError).code).toBe("#N/A");
    // 42 (the STT) and "42" (typed as text) are both STT 42; a number key that is not an STT is #N/A.
    expect(fns.target(42, 2030)).toBe(fns.target("42", 2030));
  });
});

describe("the functions' first bundle", () => {
  it("holds no React, Fluent UI, zod, wire schemas or full catalog (they load after registration)", async () => {
    const slim: Plugin = {
      name: "slim-catalog",
      setup(b) {
        b.onLoad({ filter: /bundled-catalog\.ts$/ }, (a) => (path.resolve(a.path) === BUNDLED_CATALOG ? { contents: slimCatalogModule(), loader: "js" } : undefined));
      },
    };
    const r = await build({
      entryPoints: [path.join(root, "addin/functions/entry.ts")],
      bundle: true,
      splitting: true,
      format: "esm",
      minify: true,
      write: false,
      outdir: path.join(root, "dist/test-first-bundle"),
      metafile: true,
      logLevel: "silent",
      plugins: [slim],
      jsx: "automatic",
    });
    const outputs = r.metafile.outputs;
    const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint?.endsWith("addin/functions/entry.ts"))!;
    // The entry output and everything it imports statically = what loads before the functions are registered.
    const first = new Set<string>();
    const visit = (o: string) => {
      if (first.has(o)) return;
      first.add(o);
      for (const i of outputs[o]!.imports) if (i.kind === "import-statement") visit(i.path);
    };
    visit(entry);
    const inputs = [...first].flatMap((o) => Object.keys(outputs[o]!.inputs));
    expect(inputs.some((i) => i.includes("addin/functions/core.ts"))).toBe(true);
    for (const banned of ["node_modules/react", "node_modules/@fluentui", "node_modules/zod", "shared/schemas/index.ts", "shared/catalog/catalog.json", "addin/taskpane/"])
      expect(inputs.filter((i) => i.includes(banned))).toEqual([]);
    const bytes = [...first].reduce((n, o) => n + outputs[o]!.bytes, 0);
    expect(bytes).toBeLessThan(150 * 1024);
  });
});
