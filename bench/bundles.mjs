// Bundle sizes of what Excel downloads: the task pane + functions bundle and functions.json, raw and gzipped.
// Builds first unless --no-build. Prints a table; never fails on size.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { root, run } from "../scripts/lib/proc.mjs";

export async function bundleSizes({ build = true } = {}) {
  if (build) await run("npx", ["vite", "build", "--logLevel", "error"], { quiet: true });
  const dir = path.join(root, "dist/addin");
  const rows = [];
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (!statSync(p).isFile() || !/\.(js|css|json|html)$/.test(f)) continue;
    const buf = readFileSync(p);
    rows.push({ file: f, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
  }
  return rows.sort((a, b) => b.bytes - a.bytes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await bundleSizes({ build: !process.argv.includes("--no-build") });
  console.log("Bundle sizes (dist/addin, minified by Vite)");
  for (const r of rows)
    console.log(`  ${r.file.padEnd(28)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KiB  gzip ${(r.gzip / 1024).toFixed(1).padStart(7)} KiB`);
}
