// `npm test`: every check the project has, in order, continuing after a failure so one run shows everything.
// Ends with one line "N passed, N failed" (test counts from vitest's JSON reports and the e2e runner).
import { readFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { run, exists, root } from "./lib/proc.mjs";

const out = path.join(root, "test-output");
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
const steps = [];

/** fn returns true/false, or {ok, counted} when it already added its own test counts. */
async function step(name, fn) {
  const t0 = Date.now();
  let ok = false;
  let counted = false;
  try {
    const r = await fn();
    ok = typeof r === "object" ? r.ok : r;
    counted = typeof r === "object" && r.counted;
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e));
  }
  steps.push({ name, ok, s: ((Date.now() - t0) / 1000).toFixed(1) });
  if (!ok && !counted) failed += 1; // a failing check without failing tests of its own counts as one failure
  return ok;
}

function vitestCounts(file) {
  try {
    const r = JSON.parse(readFileSync(file, "utf8"));
    return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0, total: r.numTotalTests ?? 0 };
  } catch {
    return null;
  }
}

async function vitest(name, config, jsonName) {
  const json = path.join(out, jsonName);
  rmSync(json, { force: true });
  await step(name, async () => {
    const code = await run(
      "npx",
      ["vitest", "run", "-c", config, "--reporter=default", "--reporter=json", `--outputFile.json=${json}`],
      { check: false },
    );
    const c = vitestCounts(json);
    if (!c) return false;
    passed += c.passed;
    failed += c.failed;
    // a suite that ran nothing is a failure, not a pass
    return { ok: code === 0 && c.failed === 0 && c.total > 0, counted: c.failed > 0 };
  });
}

await step("lint (eslint)", async () => (await run("npx", ["eslint", "."], { check: false })) === 0);
await step("typecheck (tsc)", async () => (await run("npx", ["tsc", "--noEmit"], { check: false })) === 0);
if (exists("scripts/gen-functions-json.mjs"))
  await step("functions.json up to date", async () =>
    (await run("node", ["scripts/gen-functions-json.mjs", "--check"], { check: false })) === 0,
  );
await vitest("unit tests (shared, add-in, manifest)", "vitest.config.ts", "unit.json");
await vitest("worker tests (workerd + D1)", "vitest.worker.config.ts", "worker.json");
if (exists("scripts/e2e.mjs") && process.env.CT_SKIP_E2E !== "1") {
  await step("end-to-end (Chromium)", async () => {
    const log = path.join(out, "e2e-summary.json");
    rmSync(log, { force: true });
    const code = await run("node", ["scripts/e2e.mjs", "--summary", log], { check: false });
    try {
      const s = JSON.parse(readFileSync(log, "utf8"));
      passed += s.passed;
      failed += s.failed;
      return { ok: code === 0 && s.failed === 0, counted: s.failed > 0 };
    } catch {
      return false; // no summary: counted as one failed step
    }
  });
}

if (process.env.CT_SKIP_RELIABILITY !== "1") {
  await step("reliability (load, retries, faults, bad input, access)", async () => {
    const tap = path.join(out, "reliability.tap");
    rmSync(tap, { force: true });
    const code = await run(
      "node",
      ["--test", "--test-concurrency=1", "--test-reporter=spec", "--test-reporter-destination=stdout",
        "--test-reporter=tap", `--test-reporter-destination=${tap}`, "test/reliability/reliability.test.mjs"],
      { check: false },
    );
    try {
      const text = readFileSync(tap, "utf8");
      const p = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
      const f = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
      passed += p;
      failed += f;
      return { ok: code === 0 && f === 0 && p > 0, counted: f > 0 };
    } catch {
      return false;
    }
  });
}

console.log("\nKết quả từng bước:");
for (const s of steps) console.log(`  ${s.ok ? "✓" : "✗"} ${s.name} (${s.s}s)`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(steps.every((s) => s.ok) ? 0 : 1);
