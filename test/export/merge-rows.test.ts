// The store of kept merged rows (worker/src/merge-rows.ts) on its own: what it gives back, when it keeps nothing, and
// what it lets go when tables outgrow its budget. test/worker/export-rows.test.ts checks the merge that uses it.
import { beforeEach, describe, expect, it } from "vitest";
import { forgetKeptRows, MAX_TABLE_BYTES, rowReuse } from "../../worker/src/merge-rows.js";
import type { MergedRowExt } from "../../worker/src/merge.js";

const row = (item: string, actual: string) => ({ item, actual, byUnit: { a: actual } }) as unknown as MergedRowExt;
const MB = 2 ** 20;

/** Keeps one row of `item` in `table` under `basis`, made from stamp `key`. */
function keep(table: string, basis: string, item: string, key: string, bytes = MB) {
  const r = rowReuse(table, basis, bytes)!;
  expect(r.get(item, key)).toBeUndefined();
  r.put(item, key, row(item, key));
  r.commit(true);
}

describe("kept merged rows", () => {
  beforeEach(forgetKeptRows);

  it("gives a row back only for the same table, basis and stamps", () => {
    keep("pl1-tinh|2025-N", "units v1", "5G", "s1");
    const same = rowReuse("pl1-tinh|2025-N", "units v1", MB)!;
    expect(same.get("5G", "s1")).toMatchObject({ item: "5G", actual: "s1" });
    expect(same.get("5G", "s2")).toBeUndefined();
    expect(same.get("6G", "s1")).toBeUndefined();
    expect(same.counts).toEqual({ reused: 1, made: 2 });
    expect(rowReuse("pl1-tinh|2025-N", "units v2", MB)!.get("5G", "s1")).toBeUndefined();
    expect(rowReuse("pl1-tinh|2026-N", "units v1", MB)!.get("5G", "s1")).toBeUndefined();
  });

  it("keeps nothing from a build a write overtook, and nothing of a table too large", () => {
    const r = rowReuse("t", "b", MB)!;
    r.put("5G", "s1", row("5G", "s1"));
    r.commit(false);
    expect(rowReuse("t", "b", MB)!.get("5G", "s1")).toBeUndefined();
    keep("t", "b", "5G", "s1");
    // The same table grown past the limit: no reuse, and what it kept is let go.
    expect(rowReuse("t", "b", MAX_TABLE_BYTES + 1)).toBeNull();
    expect(rowReuse("t", "b", MB)!.get("5G", "s1")).toBeUndefined();
  });

  it("a new basis replaces the table's rows; the same basis adds to them", () => {
    keep("t", "b1", "5G", "s1");
    keep("t", "b1", "6G", "s2");
    const r = rowReuse("t", "b1", MB)!;
    expect(r.get("5G", "s1")).toBeDefined();
    expect(r.get("6G", "s2")).toBeDefined();
    keep("t", "b2", "5G", "s3");
    expect(rowReuse("t", "b2", MB)!.get("6G", "s2")).toBeUndefined();
    expect(rowReuse("t", "b1", MB)!.get("5G", "s1")).toBeUndefined();
  });

  it("lets the least recently used tables go beyond its budget (8 MB of tables)", () => {
    keep("A", "b", "x", "1", 3 * MB);
    keep("B", "b", "x", "1", 3 * MB);
    // A used again: B is now the least recently used.
    const a = rowReuse("A", "b", 3 * MB)!;
    expect(a.get("x", "1")).toBeDefined();
    a.put("y", "1", row("y", "1"));
    a.commit(true);
    keep("C", "b", "x", "1", 3 * MB);
    expect(rowReuse("B", "b", 3 * MB)!.get("x", "1")).toBeUndefined();
    expect(rowReuse("A", "b", 3 * MB)!.get("x", "1")).toBeDefined();
    expect(rowReuse("C", "b", 3 * MB)!.get("x", "1")).toBeDefined();
  });

  it("kept rows are frozen, to the last nested value", () => {
    keep("t", "b", "5G", "s1");
    const kept = rowReuse("t", "b", MB)!.get("5G", "s1")!;
    expect(Object.isFrozen(kept)).toBe(true);
    expect(Object.isFrozen(kept.byUnit)).toBe(true);
  });
});
