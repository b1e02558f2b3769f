// Generates malformed and hostile submissions. Every one must be refused with a 4xx and a Vietnamese message,
// and none may change the database. Injection text goes where it makes the request invalid (ids, keys, periods):
// the same text in a free-text note is legitimate content, stored verbatim and neutralised on export (tested in test/worker).
import { communeCells, newKey } from "./harness.mjs";

const INJECTIONS = [
  "'; DROP TABLE submissions; --",
  "\" OR 1=1 --",
  "1); DELETE FROM cell_current; --",
  "' UNION SELECT hash FROM tokens --",
  "=HYPERLINK(\"http://x\",\"y\")",
  "=cmd|' /C calc'!A0",
  "+SUM(1,2)",
  "@SUM(A1)",
  "-2+3",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "${jndi:ldap://x}",
  "%00",
  "\u0000",
  "\ud800",
  "a".repeat(100_000),
];

const good = () => ({ form: "pl1-xa", period: "2025-N", baseRevision: 0, cells: communeCells(1) });
const json = (o) => JSON.stringify(o);

/** @returns {{name: string, raw?: string|Uint8Array, headers?: Record<string,string>, method?: string, url?: string, token?: string}[]} */
export function badPayloads() {
  const cases = [];
  const add = (name, body, extra = {}) =>
    cases.push({
      name,
      raw: typeof body === "string" || body instanceof Uint8Array ? body : json(body),
      headers: { "Content-Type": "application/json", "Idempotency-Key": newKey(), ...(extra.headers ?? {}) },
      ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== "headers")),
    });

  // 1. Malformed JSON.
  const broken = ["", "{", "}", "{\"form\":", "[1,2", "{'form':'pl1-xa'}", "{\"a\":1,}", "nul", "tru", "{\"form\":\"pl1-xa\"}}", "\u0000", "💥", "{\"cells\":[{]}"];
  for (const b of broken) add(`malformed JSON ${JSON.stringify(b).slice(0, 20)}`, b);
  for (let i = 0; i < 40; i++) add(`truncated JSON at ${i * 37}`, json(good()).slice(0, i * 37 + 1));

  // 2. Wrong top-level shapes and types.
  const notObjects = [null, 0, 1, -1, true, false, "x", [], [good()], 1e308];
  for (const v of notObjects) add(`body is ${JSON.stringify(v)}`, json(v));
  const fieldValues = [null, 0, 1.5, -1, true, "", "x", [], {}, [1], { a: 1 }, 1e21, "1", "null"];
  for (const field of ["form", "period", "baseRevision", "cells", "unit", "comment"]) {
    for (const v of fieldValues) {
      const b = good();
      b[field] = v;
      if (field === "baseRevision" && (v === null || v === 0)) continue; // valid values
      if (field === "comment" && typeof v === "string") continue; // any text is a valid comment
      if (field === "cells" && Array.isArray(v) && v.length === 0) continue; // an empty push is allowed
      if (field === "unit") continue; // covered by access tests (a unit naming itself is fine)
      add(`${field} = ${JSON.stringify(v)}`, b);
    }
  }
  for (const field of ["form", "period", "cells", "baseRevision"]) {
    const b = good();
    delete b[field];
    add(`missing ${field}`, b);
  }

  // 3. Wrong cell types.
  const cellValues = [null, 0, 1, true, [], {}, "x", [1, 2]];
  for (const k of ["item", "field", "raw"]) {
    for (const v of cellValues) {
      const b = good();
      b.cells[0] = { ...b.cells[0], [k]: v };
      if (k === "raw" && v === "x") continue; // "x" is a legitimate text value
      if (k !== "raw" && v === "x") continue; // covered below as unknown item/field
      add(`cell.${k} = ${JSON.stringify(v)}`, b);
    }
    const b = good();
    delete b.cells[0][k];
    add(`cell without ${k}`, b);
  }
  for (const v of [null, 0, "x", [], true]) {
    const b = good();
    b.cells[3] = v;
    add(`cell is ${JSON.stringify(v)}`, b);
  }

  // 4. Unknown fields at every level.
  for (const name of ["extra", "__proto__", "constructor", "revision", "status", "payloadHash", "id", "createdBy", "role", "admin"]) {
    const b = good();
    b[name] = 1;
    add(`unknown top-level field ${name}`, name === "__proto__" ? json(b).replace("{", "{\"__proto__\":{\"admin\":true},") : b);
    const c = good();
    if (name === "__proto__") {
      add("unknown cell field __proto__", json(c).replace('"cells":[{', '"cells":[{"__proto__":{"raw":"x"},'));
    } else {
      c.cells[0][name] = "x";
      add(`unknown cell field ${name}`, c);
    }
  }

  // 5. Huge strings and counts.
  for (const n of [2001, 5000, 50_000, 200_000]) {
    const b = good();
    b.cells[0].raw = "9".repeat(n);
    add(`raw of ${n} chars`, b);
  }
  for (const n of [65, 1000, 100_000]) {
    const b = good();
    b.cells[0].item = "A".repeat(n);
    add(`item of ${n} chars`, b);
    const c = good();
    c.cells[0].field = "f".repeat(n);
    add(`field of ${n} chars`, c);
  }
  {
    const b = good();
    b.cells = Array.from({ length: 5001 }, (_, i) => ({ item: `x${i}`, field: "actual", raw: "1" }));
    add("5,001 cells", b);
  }

  // 6. Deep nesting.
  for (const depth of [10, 100, 1000, 10_000, 100_000]) {
    add(`nested arrays ${depth} deep`, "[".repeat(depth) + "]".repeat(depth));
    add(`nested cells ${depth} deep`, `{"form":"pl1-xa","period":"2025-N","baseRevision":0,"cells":${"[".repeat(depth)}${"]".repeat(depth)}}`);
    add(`nested objects ${depth} deep`, `{"form":"pl1-xa","period":"2025-N","baseRevision":0,"cells":[],"comment":${"{\"a\":".repeat(depth)}1${"}".repeat(depth)}}`);
  }

  // 7. Injection text in ids, keys, periods, forms.
  for (const inj of INJECTIONS) {
    for (const where of ["form", "period", "item", "field"]) {
      const b = good();
      if (where === "form" || where === "period") b[where] = inj;
      else b.cells[0][where] = inj;
      add(`injection in ${where}: ${inj.slice(0, 24)}`, b);
    }
    add(`injection in Idempotency-Key: ${inj.slice(0, 24)}`, good(), { headers: { "Idempotency-Key": inj.replace(/[^\x20-\x7e]/g, "?") || "?" } });
  }

  // 8. Broken UTF-8 and control bytes inside the JSON text.
  const enc = new TextEncoder();
  const splice = (text, bytes) => {
    const i = text.indexOf("pl1-xa") + 3;
    const a = enc.encode(text.slice(0, i));
    const b = enc.encode(text.slice(i));
    return new Uint8Array([...a, ...bytes, ...b]);
  };
  for (const bytes of [[0xff], [0xc3], [0xe1, 0xbb], [0xf0, 0x9f, 0x92], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80], [0xfe, 0xfe], [0x00], [0x1b, 0x5b]]) {
    add(`broken UTF-8 in form id ${bytes.map((x) => x.toString(16)).join(" ")}`, splice(json(good()), bytes));
  }

  // 9. Unknown items, fields, read-only columns, unparseable values (domain validation).
  for (const item of ["KHONG_CO", "5g-x", "HDI", "CHI_KHCN", "stt", "1", "", " "]) {
    const b = good();
    b.cells[0].item = item;
    add(`unknown item ${JSON.stringify(item)}`, b);
  }
  for (const field of ["target2025", "name", "unit", "stt", "baseline", "agencies", "revision", "ACTUAL"]) {
    const b = good();
    b.cells[0].field = field;
    add(`field ${field}`, b);
  }
  for (const raw of ["12,3,4", "abc%", "1..2", ">= ", "50-", "60%abc", "12 3", "≥", "≤ %", "%%"]) {
    const b = good();
    b.cells[0].raw = raw;
    add(`unparseable ${raw}`, b);
  }
  {
    const b = good();
    b.cells.push({ ...b.cells[0] });
    add("duplicate cell", b);
  }

  // 10. Headers, periods, forms.
  add("no Idempotency-Key", good(), { headers: { "Idempotency-Key": "" } });
  add("short Idempotency-Key", good(), { headers: { "Idempotency-Key": "abc" } });
  for (const p of ["2025", "2025-7T", "1999-N", "2025-n", "2019-N", "25-N", "2025-N ", "2025–N"]) add(`period ${p}`, { ...good(), period: p });
  for (const f of ["pl1-tinh", "pl9", "PL1-XA", "pl1_xa", "x"]) add(`form ${f}`, { ...good(), form: f });
  add("baseRevision in the future", { ...good(), baseRevision: 99 });
  add("negative baseRevision", { ...good(), baseRevision: -1 });
  add("fractional baseRevision", { ...good(), baseRevision: 0.5 });

  // 11. Oversize bodies.
  for (const mb of [1.1, 2, 5]) add(`body of ${mb} MiB`, `{"form":"pl1-xa","pad":"${"x".repeat(Math.floor(mb * 1024 * 1024))}"}`);

  // 12. Combinations to reach a broad, deterministic spread: each valid payload broken in one cell by a rotating defect.
  const defects = [
    (c) => (c.raw = 123),
    (c) => (c.item = null),
    (c) => (c.field = "x".repeat(40)),
    (c) => (c.raw = "12,,5"),
    (c) => (c.extra = true),
    (c) => (c.item = "'; DROP TABLE units; --"),
    (c) => (c.field = "target2025"),
    (c) => delete c.raw,
  ];
  for (let i = 0; cases.length < 1100; i++) {
    const b = { ...good(), cells: communeCells(i + 2) };
    const idx = i % b.cells.length;
    defects[i % defects.length](b.cells[idx]);
    add(`defect ${i % defects.length} in cell ${idx}`, b);
  }
  return cases;
}
