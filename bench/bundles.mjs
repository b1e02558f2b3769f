// Bundle sizes of what Excel downloads: the task pane + functions bundle and functions.json, raw and gzipped.
// Builds first unless --no-build. Prints a table; never fails on size.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { root, run } from "../scripts/lib/proc.mjs";

const sizeOf = (file, buf = readFileSync(file)) => ({ file: path.basename(file), bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length });

/**
 * The shared runtime ships one bundle (task pane + functions). To show what the functions alone cost, their entry
 * (addin/functions/register.ts, with the bundled catalog) is also built on its own with esbuild, minified.
 */
async function functionsAlone() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "chitieu-fn-"));
  try {
    const out = path.join(dir, "functions-only.js");
    await run(path.join(root, "node_modules/.bin/esbuild"), ["addin/functions/register.ts", "--bundle", "--minify", "--format=esm", `--outfile=${out}`, "--log-level=error"], { quiet: true });
    return sizeOf(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function bundleSizes({ build = true } = {}) {
  if (build) await run("node", ["scripts/build-addin.mjs"], { quiet: true });
  const dir = path.join(root, "dist/addin");
  const rows = [await functionsAlone()];
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (!statSync(p).isFile() || !/\.(js|css|json|html)$/.test(f)) continue;
    rows.push(sizeOf(p));
  }
  return rows.sort((a, b) => b.bytes - a.bytes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await bundleSizes({ build: !process.argv.includes("--no-build") });
  console.log("Bundle sizes (dist/addin, minified by Vite; functions-only.js = the custom functions built alone by esbuild)");
  for (const r of rows)
    console.log(`  ${r.file.padEnd(28)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KiB  gzip ${(r.gzip / 1024).toFixed(1).padStart(7)} KiB`);
}
