#!/usr/bin/env node
// E2E runner: builds the add-in (Vite) and the fake office.js (esbuild), starts `wrangler dev` on a free port
// with a fresh --persist-to directory (migrations + seed-local), launches Debian's Chromium through
// playwright-core and runs test/e2e/taskpane.e2e.ts. Prints "N passed, N failed"; exits non-zero on failure;
// kills every process it started.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync, existsSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "chitieu-e2e-"));
const children = [];
let exitCode = 1;

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

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not answer at ${url}`);
}

function killAll() {
  for (const c of children) {
    if (c.exitCode !== null || c.killed) continue;
    try {
      process.kill(-c.pid, "SIGTERM"); // the process group we created (detached)
    } catch {
      try {
        c.kill("SIGTERM");
      } catch {
        /* gone */
      }
    }
  }
}

process.on("SIGINT", () => {
  killAll();
  process.exit(130);
});

try {
  const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) throw new Error(`Chromium not found at ${chromium} (apt-get install -y chromium)`);

  log("building the add-in (vite) and the fake office.js (esbuild)");
  runSync("npx", ["vite", "build", "--logLevel", "warn"]);
  const fakeJs = path.join(tmp, "fake-office.js");
  runSync(path.join(root, "node_modules/.bin/esbuild"), ["addin/excel/fake/browser-entry.ts", "--bundle", "--format=iife", `--outfile=${fakeJs}`, "--log-level=warning"]);

  const persist = path.join(tmp, "state");
  mkdirSync(persist);
  log("applying migrations and seeding a fresh local D1");
  runSync("npx", ["wrangler", "d1", "migrations", "apply", "chi-tieu", "--local", "--persist-to", persist, "-c", "wrangler.toml"], { CI: "1", WRANGLER_SEND_METRICS: "false" });
  runSync("node", ["scripts/seed-local.mjs", "--persist-to", persist]);
  const { seedSql } = await tsImport(path.join(root, "worker/src/seed.ts"), import.meta.url);
  const { catalog } = await tsImport(path.join(root, "shared/catalog/index.ts"), import.meta.url);
  const { forms } = await tsImport(path.join(root, "shared/forms/index.ts"), import.meta.url);
  const { tokens } = await seedSql(catalog, forms);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`starting wrangler dev on ${baseUrl}`);
  const wrangler = spawn("npx", ["wrangler", "dev", "-c", "wrangler.toml", "--local", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persist, "--show-interactive-dev-session=false"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
  });
  children.push(wrangler);
  let wranglerLog = "";
  wrangler.stdout.on("data", (d) => (wranglerLog += d));
  wrangler.stderr.on("data", (d) => (wranglerLog += d));
  try {
    await waitFor(`${baseUrl}/api/health`, 60_000);
  } catch (e) {
    process.stderr.write(wranglerLog.slice(-4000));
    throw e;
  }

  const { run } = await tsImport(path.join(root, "test/e2e/taskpane.e2e.ts"), import.meta.url);
  const outDir = path.join(root, "test-output/e2e");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const results = await run({ baseUrl, tokens, fakeOfficeJs: fakeJs, outDir, chromium, userDataDir: path.join(tmp, "profile") });
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  for (const r of results) console.log(`${r.ok ? "✓" : "✗"} ${r.name}${r.ok ? "" : `\n    ${r.error}`}`);
  console.log(`${passed} passed, ${failed} failed`);
  exitCode = failed === 0 && passed > 0 ? 0 : 1;
} catch (e) {
  console.error(`[e2e] ${e instanceof Error ? e.stack : e}`);
  console.log("0 passed, 1 failed");
  exitCode = 1;
} finally {
  killAll();
  await new Promise((r) => setTimeout(r, 500));
  rmSync(tmp, { recursive: true, force: true });
  process.exit(exitCode);
}
