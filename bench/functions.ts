// CT.TARGET as Excel calls it: registerFunctions() associates the CT.* functions with a CustomFunctions stand-in
// (test/excel-fake/custom-functions.ts), and every cell is evaluated through that registry the way Excel's
// runtime does (the function returns a value, or throws/returns a CustomFunctions.Error that becomes #N/A).
//
// The floor runs on the same path: a function registered through the same registry whose body is a bare Map lookup
// of the precomputed answer, keyed by the arguments as passed (the answered value, or one prebuilt
// CustomFunctions.Error for #N/A).
//
// Cells: 10,000 random (indicator, year, spelling: key as printed, lower case or STT) cells, split by what they
// answer: the answered cells and the #N/A cells (a milestone year the plan sets no target for, or a key with a typo)
// are timed separately, because an error costs differently. Two passes per registration: the first recalculation
// after the add-in starts (nothing cached) and a recalculation after that. Each figure is the median of
// several rounds. Prints figures only; never fails on timing.
import { catalog } from "../shared/catalog/index.js";
import { TARGET_YEARS } from "../shared/catalog/types.js";
import { createCustomFunctions, type FakeCustomFunctions } from "../test/excel-fake/custom-functions.js";
import { registerFunctions, resetRegistration } from "../addin/functions/register.js";
import { configureFunctions } from "../addin/functions/functions.js";
import { catalog as fullCatalog } from "../shared/catalog/index.js";

/** The catalog the functions start with (the slim one of the first bundle; the full one in builds without it). */
const startCatalog: unknown = await import("../addin/functions/bundled-catalog.js").then(
  (m: { bundledCatalog: unknown }) => m.bundledCatalog,
  () => fullCatalog,
);

type Cell = { key: string | number; year: number };

function cellsFor(n: number): Cell[] {
  const out: Cell[] = [];
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < n; i++) {
    const ind = catalog.indicators[Math.floor(rand() * catalog.indicators.length)]!;
    const year = TARGET_YEARS[Math.floor(rand() * TARGET_YEARS.length)]!;
    // How people type keys: as printed, lower case, or the STT number; 2% with a typo (unknown key → #N/A).
    const r = rand();
    const key = r < 0.02 ? `${ind.key}X` : r < 0.6 ? ind.key : r < 0.85 ? ind.key.toLowerCase() : ind.stt;
    out.push({ key, year });
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Evaluates the cells through the registry `passes` times (a recalculation each); returns µs per cell. */
function evaluate(cf: FakeCustomFunctions, id: string, cells: Cell[], passes = 1): { us: number; na: number } {
  let na = 0;
  const t0 = performance.now();
  for (let p = 0; p < passes; p++)
    for (const c of cells) {
      const a = cf.invoke(id, [c.key, c.year]);
      if ("error" in a) na++;
    }
  return { us: ((performance.now() - t0) * 1000) / (cells.length * passes), na };
}

/** Later recalculations are timed over this many passes, to rise above timer and scheduler noise. */
const PASSES = 20;

export interface FunctionsBench {
  cells: number;
  answered: number;
  notAvailable: number;
  unknownKeys: number;
  /** µs per cell, medians. */
  ours: { firstAnswered: number; firstNa: number; answered: number; na: number; naNoTarget: number; naUnknown: number };
  floor: { answered: number; na: number };
}

/**
 * A fresh start of the add-in's functions: registered again with a new CustomFunctions registry, answering from a
 * new copy of the bundled catalog (answers are remembered per catalog object, so nothing is cached yet).
 */
async function freshRegistration(): Promise<FakeCustomFunctions> {
  const cf = createCustomFunctions();
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = cf;
  resetRegistration();
  const offline = (async () => Promise.reject(new TypeError("offline"))) as typeof fetch;
  const reg = registerFunctions({ fetch: offline, refreshIntervalMs: 0, storage: { getItem: async () => null, setItem: async () => undefined } });
  await reg.catalogCache;
  await new Promise((r) => setTimeout(r, 0));
  configureFunctions({ cache: { current: structuredClone(startCatalog) } } as Parameters<typeof configureFunctions>[0]);
  return cf;
}

export async function benchFunctions(n = 10_000, rounds = 9): Promise<FunctionsBench> {
  const all = cellsFor(n);
  // Split the cells by the answer they get (using a registration that is then thrown away).
  const probe = await freshRegistration();
  const answered: Cell[] = [];
  const notAvailable: Cell[] = [];
  for (const c of all) ("error" in (probe.invoke("TARGET", [c.key, c.year]) as object) ? notAvailable : answered).push(c);

  const unknown = notAvailable.filter((c) => typeof c.key === "string" && c.key.endsWith("X"));
  const noTarget = notAvailable.filter((c) => !unknown.includes(c));
  const ours = { firstAnswered: [] as number[], firstNa: [] as number[], answered: [] as number[], na: [] as number[], naNoTarget: [] as number[], naUnknown: [] as number[] };

  // The floor on the same path: the answers precomputed into Maps keyed by the arguments as Excel passes them
  // (the cheapest lookup there is: no key to build), registered and invoked the same way. #N/A is one prebuilt error.
  const floorCf = createCustomFunctions();
  const map = new Map<unknown, Map<unknown, unknown>>();
  const NA = new floorCf.Error(floorCf.ErrorCode.notAvailable, "");
  for (const c of all) {
    const a = probe.invoke("TARGET", [c.key, c.year]) as { value?: unknown };
    let row = map.get(c.key);
    if (!row) map.set(c.key, (row = new Map()));
    row.set(c.year, "error" in a ? NA : a.value);
  }
  floorCf.associate("FLOOR", (key: unknown, year: unknown) => {
    const v = map.get(key)?.get(year);
    if (v === NA) throw NA;
    return v;
  });
  const floor = { answered: [] as number[], na: [] as number[] };

  for (let r = 1; r <= rounds; r++) {
    const cf = await freshRegistration();
    // First recalculation after start-up: the cells in sheet order, answered and #N/A interleaved.
    const t0 = performance.now();
    for (const c of all) cf.invoke("TARGET", [c.key, c.year]);
    const firstUs = ((performance.now() - t0) * 1000) / all.length;
    ours.firstAnswered.push(firstUs);
    ours.firstNa.push(evaluate(await freshRegistration(), "TARGET", notAvailable).us);
    // Later recalculations, ours and the floor side by side.
    ours.answered.push(evaluate(cf, "TARGET", answered, PASSES).us);
    floor.answered.push(evaluate(floorCf, "FLOOR", answered, PASSES).us);
    ours.na.push(evaluate(cf, "TARGET", notAvailable, PASSES).us);
    floor.na.push(evaluate(floorCf, "FLOOR", notAvailable, PASSES).us);
    ours.naNoTarget.push(evaluate(cf, "TARGET", noTarget, PASSES).us);
    ours.naUnknown.push(evaluate(cf, "TARGET", unknown, PASSES).us);
  }
  delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
  return {
    cells: n,
    answered: answered.length,
    notAvailable: notAvailable.length,
    unknownKeys: unknown.length,
    ours: {
      firstAnswered: median(ours.firstAnswered),
      firstNa: median(ours.firstNa),
      answered: median(ours.answered),
      na: median(ours.na),
      naNoTarget: median(ours.naNoTarget),
      naUnknown: median(ours.naUnknown),
    },
    floor: { answered: median(floor.answered), na: median(floor.na) },
  };
}

export function printFunctions(r: FunctionsBench): void {
  const perSec = (us: number) => Math.round(1e6 / us).toLocaleString("en").padStart(11);
  const row = (label: string, ours: number, floor: number) =>
    console.log(`  ${label.padEnd(34)} ours ${ours.toFixed(3).padStart(7)} µs/cell (${perSec(ours)}/s)   floor ${floor.toFixed(3).padStart(6)} µs/cell (${perSec(floor)}/s)   ours/floor ${(ours / floor).toFixed(1)}×`);
  console.log(`CT.TARGET through CustomFunctions.associate → functions.ts → CustomFunctions.Error, ${r.cells.toLocaleString("en")} cells`);
  console.log(
    `(${r.answered.toLocaleString("en")} answered, ${r.notAvailable.toLocaleString("en")} #N/A of which ${r.unknownKeys} unknown keys); medians; floor = a bare Map lookup registered the same way`,
  );
  row("answered cells", r.ours.answered, r.floor.answered);
  row("#N/A cells", r.ours.na, r.floor.na);
  row("  #N/A: no target that year", r.ours.naNoTarget, r.floor.na);
  row("  #N/A: unknown key (suggestions)", r.ours.naUnknown, r.floor.na);
  const mix = (a: number, na: number) => (a * r.answered + na * r.notAvailable) / r.cells;
  row("all cells", mix(r.ours.answered, r.ours.na), mix(r.floor.answered, r.floor.na));
  row("first recalculation, all cells", r.ours.firstAnswered, mix(r.floor.answered, r.floor.na));
  row("first recalculation, #N/A cells", r.ours.firstNa, r.floor.na);
  console.log(`  10,000 cells: ours ${(mix(r.ours.answered, r.ours.na) * 10).toFixed(1)} ms per recalculation (${(r.ours.firstAnswered * 10).toFixed(1)} ms the first time)`);
}

if (import.meta.url === `file://${process.argv[1]}`) printFunctions(await benchFunctions());
