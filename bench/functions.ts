// CT.TARGET lookups per second over 10,000 cells, against the floor: a bare Map lookup of the same keys.
// Prints figures only; never fails on timing.
import { catalog } from "../shared/catalog/index.js";
import { TARGET_YEARS } from "../shared/catalog/types.js";
import { ctTarget } from "../addin/functions/core.js";

export interface FunctionsBench {
  cells: number;
  ours: number;
  floor: number;
  ratio: number;
  errors: number;
}

function cellsFor(n: number): { key: string | number; year: number }[] {
  const out: { key: string | number; year: number }[] = [];
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < n; i++) {
    const ind = catalog.indicators[Math.floor(rand() * catalog.indicators.length)]!;
    const year = TARGET_YEARS[Math.floor(rand() * TARGET_YEARS.length)]!;
    // How people type keys: as printed, lower case, or the STT number.
    const r = rand();
    const key = r < 0.6 ? ind.key : r < 0.85 ? ind.key.toLowerCase() : ind.stt;
    out.push({ key, year });
  }
  return out;
}

function perSecond(fn: () => void, cells: number, minMs = 600): number {
  fn(); // warm up
  let rounds = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    fn();
    rounds++;
  }
  return (rounds * cells) / ((performance.now() - t0) / 1000);
}

export function benchFunctions(n = 10_000): FunctionsBench {
  const cells = cellsFor(n);
  let errors = 0;
  const ours = perSecond(() => {
    errors = 0;
    for (const c of cells) {
      try {
        ctTarget(catalog, c.key, c.year);
      } catch {
        errors++; // #N/A for years without a target is a real answer too
      }
    }
  }, n);

  // The floor: the answers precomputed into a Map, looked up by the same (normalised) keys.
  const map = new Map<string, number | string | null>();
  for (const ind of catalog.indicators)
    for (const y of TARGET_YEARS) {
      let v: number | string | null = null;
      try {
        v = ctTarget(catalog, ind.key, y);
      } catch {
        v = null;
      }
      map.set(`${ind.key.toUpperCase()}|${y}`, v);
      map.set(`${ind.stt}|${y}`, v);
    }
  let sink = 0;
  const floor = perSecond(() => {
    for (const c of cells) {
      const k = typeof c.key === "number" ? `${c.key}|${c.year}` : `${c.key.toUpperCase()}|${c.year}`;
      if (map.get(k) !== undefined) sink++;
    }
  }, n);
  if (sink < 0) console.log(sink);
  return { cells: n, ours, floor, ratio: floor / ours, errors };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchFunctions();
  console.log(`CT.TARGET over ${r.cells} cells (${r.errors} answered #N/A)`);
  console.log(`  ours  ${Math.round(r.ours).toLocaleString("en")} lookups/s`);
  console.log(`  floor ${Math.round(r.floor).toLocaleString("en")} lookups/s (bare Map)`);
  console.log(`  floor/ours = ${r.ratio.toFixed(1)}×`);
}
