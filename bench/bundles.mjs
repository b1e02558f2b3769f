// Bundle sizes of what Excel downloads, raw and gzipped, read from the Vite build (dist/addin and its
// .vite/manifest.json): what the page needs before the first =CT.* can answer (taskpane.html, taskpane.js — the
// functions' first bundle — and whatever it imports statically), and what loads after (the task pane, the catalog
// cache with zod, the full catalog). Builds first unless --no-build. Prints a table; never fails on size.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { root, run } from "../scripts/lib/proc.mjs";

const sizeOf = (file) => {
  const buf = readFileSync(file);
  return { file: path.basename(file), bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
};

/** Files the first script pulls in before it runs (its static imports, transitively), from Vite's manifest. */
function firstLoad(dir) {
  const manifestFile = path.join(dir, ".vite/manifest.json");
  if (!existsSync(manifestFile)) return new Set(["taskpane.html", "taskpane.js"]);
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  const files = new Set(["taskpane.html"]);
  const visit = (key) => {
    const e = manifest[key];
    if (!e || files.has(e.file)) return;
    files.add(e.file);
    for (const i of e.imports ?? []) visit(i);
  };
  visit("taskpane.html");
  return files;
}

export async function bundleSizes({ build = true } = {}) {
  if (build) await run("node", ["scripts/build-addin.mjs"], { quiet: true });
  const dir = path.join(root, "dist/addin");
  const first = firstLoad(dir);
  const rows = [];
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (!statSync(p).isFile() || !/\.(js|css|json|html)$/.test(f)) continue;
    rows.push({ ...sizeOf(p), first: first.has(f) });
  }
  return rows.sort((a, b) => Number(b.first) - Number(a.first) || b.bytes - a.bytes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await bundleSizes({ build: !process.argv.includes("--no-build") });
  const kib = (n) => (n / 1024).toFixed(1).padStart(8);
  console.log("Bundle sizes (dist/addin, minified by Vite); * = loaded before the first =CT.* can answer");
  for (const r of rows) console.log(`  ${r.first ? "*" : " "} ${r.file.padEnd(26)} ${kib(r.bytes)} KiB  gzip ${kib(r.gzip)} KiB`);
  const sum = (xs, k) => xs.reduce((n, r) => n + r[k], 0);
  const first = rows.filter((r) => r.first && r.file !== "functions.json");
  const later = rows.filter((r) => !r.first && r.file.endsWith(".js"));
  console.log(`  before the first =CT.*: ${kib(sum(first, "bytes"))} KiB  gzip ${kib(sum(first, "gzip"))} KiB (${first.map((r) => r.file).join(", ")})`);
  console.log(`  loaded after:           ${kib(sum(later, "bytes"))} KiB  gzip ${kib(sum(later, "gzip"))} KiB (${later.map((r) => r.file).join(", ")})`);
}
