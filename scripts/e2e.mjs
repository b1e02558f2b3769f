#!/usr/bin/env node
// E2E runner: builds the add-in (Vite) and the fake office.js (esbuild), starts `wrangler dev` on a free port
// with a fresh --persist-to directory (migrations + seed-local), launches Debian's Chromium through
// playwright-core and runs test/e2e/taskpane.e2e.ts, leaders.e2e.ts and admin.e2e.ts (each in its own browser
// profile). Prints "N passed, N failed"; exits non-zero on failure;
// kills every process it started.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync, existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";
import { startServer } from "./lib/server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "chitieu-e2e-"));
let server = null;
let exitCode = 1;
const summaryIdx = process.argv.indexOf("--summary");
const summaryFile = summaryIdx >= 0 ? process.argv[summaryIdx + 1] : null;
const summary = (passed, failed) => summaryFile && writeFileSync(summaryFile, JSON.stringify({ passed, failed }));

function log(msg) {
  console.log(`[e2e] ${msg}`);
}

function runSync(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`${cmd} ${args.join(" ")} → ${r.status}`);
  }
  return r.stdout;
}

process.on("SIGINT", async () => {
  await server?.stop();
  process.exit(130);
});

try {
  const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) throw new Error(`Chromium not found at ${chromium} (apt-get install -y chromium)`);

  log("building the add-in (vite) and the fake office.js (esbuild)");
  runSync("npx", ["vite", "build", "--logLevel", "warn"]);
  runSync("npx", ["vite", "build", "-c", "vite.web.config.ts", "--logLevel", "warn"]);
  const fakeJs = path.join(tmp, "fake-office.js");
  runSync(path.join(root, "node_modules/.bin/esbuild"), ["test/excel-fake/browser-entry.ts", "--bundle", "--format=iife", `--outfile=${fakeJs}`, "--log-level=warning"]);

  log("starting a fresh local server (migrations, seed, wrangler dev)");
  server = await startServer();
  const baseUrl = server.url;
  const { seedSql } = await tsImport(path.join(root, "worker/src/seed.ts"), import.meta.url);
  const { catalog } = await tsImport(path.join(root, "shared/catalog/index.ts"), import.meta.url);
  const { forms } = await tsImport(path.join(root, "shared/forms/index.ts"), import.meta.url);
  const { tokens } = await seedSql(catalog, forms);

  // `--only admin` (or taskpane, leaders) runs one scenario, for working on it.
  const onlyIdx = process.argv.indexOf("--only");
  const only = onlyIdx >= 0 ? process.argv[onlyIdx + 1] : null;
  const wanted = (name) => !only || only === name;
  const outDir = path.join(root, "test-output/e2e");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const results = [];
  if (wanted("taskpane")) {
    const { run } = await tsImport(path.join(root, "test/e2e/taskpane.e2e.ts"), import.meta.url);
    results.push(...(await run({ baseUrl, tokens, fakeOfficeJs: fakeJs, outDir, chromium, userDataDir: path.join(tmp, "profile") })));
  }
  // The leaders' page (web/) against the same server, in its own browser profile.
  if (wanted("leaders")) {
    const leaders = await tsImport(path.join(root, "test/e2e/leaders.e2e.ts"), import.meta.url);
    results.push(...(await leaders.run({ baseUrl, tokens, outDir, chromium, userDataDir: path.join(tmp, "profile-leaders") })));
  }
  // The Sở KH&CN's cycle in Excel (registry, tokens, review, periods, completeness, targets), in its own profile, last:
  // it imports the registry (renames the placeholder communes) and reviews submissions.
  if (wanted("admin")) {
    const adminE2e = await tsImport(path.join(root, "test/e2e/admin.e2e.ts"), import.meta.url);
    results.push(...(await adminE2e.run({ baseUrl, tokens, fakeOfficeJs: fakeJs, outDir, chromium, userDataDir: path.join(tmp, "profile-admin") })));
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  for (const r of results) console.log(`${r.ok ? "✓" : "✗"} ${r.name}${r.ok ? "" : `\n    ${r.error}`}`);
  console.log(`${passed} passed, ${failed} failed`);
  summary(passed, failed);
  exitCode = failed === 0 && passed > 0 ? 0 : 1;
} catch (e) {
  console.error(`[e2e] ${e instanceof Error ? e.stack : e}`);
  console.log("0 passed, 1 failed");
  summary(0, 1);
  exitCode = 1;
} finally {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
  process.exit(exitCode);
}
