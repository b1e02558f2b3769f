#!/usr/bin/env node
// How soon the first =CT.* cell can answer after Excel loads the add-in's page, in headless Chromium, against a
// floor: a minimal page that registers the same number of empty functions.
//
// Both pages load the office.js stand-in (test/excel-fake/browser-entry.ts, built with esbuild as in e2e) as a
// classic script in <head>, as taskpane.html loads Microsoft's office.js, then their module script. A hook in the
// stand-in (window.__onAssociate) sees every CustomFunctions.associate; once all ids are registered, the next task
// calls the registered TARGET("5G", 2030) as Excel would and records performance.now() when it has answered
// (milliseconds since the navigation started). Each run is a new page with the HTTP cache disabled (a cold start),
// served gzipped by a local static server. Two conditions: as is, and with the CPU slowed 4× and the network at
// 20 Mbps / 40 ms (CDP Emulation.setCPUThrottlingRate, Network.emulateNetworkConditions).
//
//   node bench/functions-start.mjs [--runs 9] [--no-build] [--dist dist/addin]
//
// Prints medians: ours, floor, ours/floor, and what ours downloaded before answering. Never fails on timing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { root } from "../scripts/lib/proc.mjs";

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};

function build(dist) {
  if (process.argv.includes("--no-build") || arg("--dist")) return;
  const r = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`vite build: ${r.stderr}`);
  if (!existsSync(path.join(dist, "taskpane.html"))) throw new Error(`no taskpane.html in ${dist}`);
}

/** The minimal page: office.js stand-in, then a module registering `ids` empty functions. */
function floorFiles(ids) {
  const html =
    `<!doctype html><html lang="vi"><head><meta charset="UTF-8" /><title>floor</title>` +
    `<script src="${OFFICE_JS}"></script><script type="module" src="./floor.js"></script></head><body></body></html>`;
  const js = `for (const id of ${JSON.stringify(ids)}) CustomFunctions.associate(id, () => 0);\n`;
  return { "floor.html": html, "floor.js": js };
}

/** A static server like the worker's assets: gzip, no caching; office.js is answered with the stand-in. */
function serve(dist, extra, fakeJs) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".png": "image/png", ".css": "text/css" };
  const cache = new Map();
  const body = (rel) => {
    if (cache.has(rel)) return cache.get(rel);
    let buf = null;
    if (rel === "/__office.js") buf = Buffer.from(fakeJs);
    else if (extra[rel.slice(1)] !== undefined) buf = Buffer.from(extra[rel.slice(1)]);
    else {
      const p = path.join(dist, rel);
      if (!p.startsWith(dist) || !existsSync(p) || !statSync(p).isFile()) return null;
      buf = readFileSync(p);
      if (rel.endsWith(".html")) buf = Buffer.from(buf.toString("utf8").replace(OFFICE_JS, "/__office.js"));
    }
    if (rel.endsWith(".html") && extra[rel.slice(1)] !== undefined) buf = Buffer.from(buf.toString("utf8").replace(OFFICE_JS, "/__office.js"));
    const entry = { raw: buf, gz: gzipSync(buf, { level: 6 }), type: types[path.extname(rel)] ?? "application/octet-stream" };
    cache.set(rel, entry);
    return entry;
  };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const f = body(rel);
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    const gz = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && !f.type.startsWith("image/");
    res.writeHead(200, { "Content-Type": f.type, "Cache-Control": "no-store", ...(gz ? { "Content-Encoding": "gzip" } : {}) });
    res.end(gz ? f.gz : f.raw);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const HOOK = (expected) => `
  window.__ctBench = null;
  (() => {
    const ids = new Map();
    let registeredAt = 0;
    window.__onAssociate = (id, fn) => {
      ids.set(id, fn);
      if (ids.size !== ${expected} || registeredAt) return;
      registeredAt = performance.now();
      // Excel calls a registered function from its own task, after the registration call returns.
      setTimeout(() => {
        const r = ids.get("TARGET")("5G", 2030);
        Promise.resolve(r).then((value) => {
          const answeredAt = performance.now();
          const bytes = performance.getEntriesByType("resource").filter((e) => e.responseEnd <= answeredAt).reduce((n, e) => n + (e.transferSize || 0), 0);
          const nav = performance.getEntriesByType("navigation")[0];
          window.__ctBench = { registeredAt, answeredAt, value, bytes: bytes + (nav ? nav.transferSize : 0) };
        });
      }, 0);
    };
  })();`;

async function once(browser, url, expected, slow) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (slow) {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 40, downloadThroughput: (20e6 / 8), uploadThroughput: (20e6 / 8) });
  }
  await page.addInitScript(HOOK(expected));
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction("window.__ctBench !== null", null, { timeout: 30_000, polling: 50 });
  const r = await page.evaluate("window.__ctBench");
  await context.close();
  return r;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

export async function benchStart({ runs = Number(arg("--runs", 9)), dist = path.resolve(arg("--dist", path.join(root, "dist/addin"))) } = {}) {
  build(dist);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "chitieu-start-"));
  const fakeOut = path.join(tmp, "fake-office.js");
  const esb = spawnSync(path.join(root, "node_modules/.bin/esbuild"), ["test/excel-fake/browser-entry.ts", "--bundle", "--minify", "--format=iife", `--outfile=${fakeOut}`, "--log-level=warning"], { cwd: root, encoding: "utf8" });
  if (esb.status !== 0) throw new Error(`esbuild: ${esb.stderr}`);
  const ids = JSON.parse(readFileSync(path.join(root, "addin/functions/functions.generated.json"), "utf8")).functions.map((f) => f.id);
  const extra = floorFiles(ids);
  for (const [f, t] of Object.entries(extra)) writeFileSync(path.join(tmp, f), t);
  const server = await serve(dist, extra, readFileSync(fakeOut));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions"],
  });
  const out = {};
  try {
    for (const slow of [false, true]) {
      const ours = [];
      const floor = [];
      let bytes = 0;
      // Warm-up (browser start, first connection), not counted.
      await once(browser, `${base}/floor.html`, ids.length, slow);
      await once(browser, `${base}/taskpane.html`, ids.length, slow);
      for (let i = 0; i < runs; i++) {
        const o = await once(browser, `${base}/taskpane.html`, ids.length, slow);
        if (o.value !== 1) throw new Error(`TARGET("5G", 2030) answered ${JSON.stringify(o.value)}, expected 1`);
        ours.push(o.answeredAt);
        bytes = o.bytes;
        floor.push((await once(browser, `${base}/floor.html`, ids.length, slow)).answeredAt);
      }
      out[slow ? "slow" : "normal"] = { ours: median(ours), floor: median(floor), ratio: median(ours) / median(floor), bytes, runs };
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return { functions: ids.length, ...out };
}

export function printStart(r) {
  console.log(`Functions start in headless Chromium: first =CT.TARGET answered, ms after navigation (median of ${r.normal.runs}, cold cache)`);
  console.log(`floor = a page registering ${r.functions} empty functions after the same office.js stand-in`);
  for (const [k, label] of [["normal", "as is"], ["slow", "CPU 4× slower, 20 Mbps / 40 ms"]]) {
    const x = r[k];
    console.log(`  ${label.padEnd(32)} ours ${x.ours.toFixed(0).padStart(5)} ms   floor ${x.floor.toFixed(0).padStart(5)} ms   ours/floor ${x.ratio.toFixed(2)}×   (ours downloaded ${(x.bytes / 1024).toFixed(1)} KiB before answering)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printStart(await benchStart());
