// Merged rows kept between exports (docs/WORKER.md, "Rows kept between exports"). After a push, an export merges only
// the rows whose cells changed: each kept row carries the stamps of the cells it was made from (migrations/0008: one
// random stamp per form, period and item, changed with any of its cells), and everything else a row depends on (units
// and their names, agency mapping, target corrections, how many units are expected) is compared as content, the
// "basis". A row is reused only when both are equal, so a reused row is exactly the row a full merge would make.
//
// Rows made during a build are kept only if no write landed while it read (the dataset stamp, which every write
// changes, is the same at its end as at its start): a row read across a write could otherwise be kept under stamps
// that describe other cells.
//
// In the isolate's memory, like the export cache (export/cache.ts), and only for tables small enough: a 200-unit
// Phụ lục I is ~3 MB of JSON; the 3,200-unit one (~45 MB) is merged page by page every time.
import type { MergedRowExt } from "./merge.js";

/** Tables larger than this (estimated JSON bytes) keep no rows. */
export const MAX_TABLE_BYTES = 4 * 2 ** 20;
/** All kept tables together (estimated JSON bytes); the least recently used go first. */
const BUDGET_BYTES = 8 * 2 ** 20;

interface KeptTable {
  basis: string;
  bytes: number;
  rows: Map<string, { key: string; row: MergedRowExt }>;
}

/** By form, period and merge options; a Map iterates in insertion order, a use re-inserts (least recently used first). */
const tables = new Map<string, KeptTable>();

export interface RowReuse {
  /** The kept row of an item, when it was made from the same basis and these stamps. */
  get(item: string, key: string): MergedRowExt | undefined;
  /** A row just made, to keep once the build is known to have read one state (commit). */
  put(item: string, key: string, row: MergedRowExt): void;
  /** Keeps the rows put, when `unchanged` (no write landed during the build). */
  commit(unchanged: boolean): void;
  /** Rows reused and made in this build. */
  readonly counts: { reused: number; made: number };
}

export function rowReuse(table: string, basis: string, estimatedBytes: number): RowReuse | null {
  if (estimatedBytes > MAX_TABLE_BYTES) {
    tables.delete(table);
    return null;
  }
  const found = tables.get(table);
  const kept = found && found.basis === basis ? found : undefined;
  const staged: [string, string, MergedRowExt][] = [];
  const counts = { reused: 0, made: 0 };
  return {
    counts,
    get(item, key) {
      const k = kept?.rows.get(item);
      if (k && k.key === key) {
        counts.reused++;
        return k.row;
      }
      counts.made++;
      return undefined;
    },
    put(item, key, row) {
      // Shared by every later export of the table: frozen, so no reader can change what another will be given.
      staged.push([item, key, deepFreeze(row)]);
    },
    commit(unchanged) {
      if (!unchanged || staged.length === 0) return;
      let t = tables.get(table);
      if (!t || t.basis !== basis) t = { basis, bytes: estimatedBytes, rows: new Map() };
      for (const [item, key, row] of staged) t.rows.set(item, { key, row });
      t.bytes = estimatedBytes;
      tables.delete(table);
      tables.set(table, t);
      let used = 0;
      for (const x of tables.values()) used += x.bytes;
      for (const [k, x] of tables) {
        if (used <= BUDGET_BYTES || k === table) break;
        tables.delete(k);
        used -= x.bytes;
      }
    },
  };
}

/** Forgets every kept row (tests and benches that measure a merge from nothing). */
export function forgetKeptRows(): void {
  tables.clear();
}

/** Freezes an object and everything in it: a value shared between requests that no reader may change. */
export function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
