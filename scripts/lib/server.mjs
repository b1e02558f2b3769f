// Starts a throw-away local server for e2e tests, the reliability suite and benchmarks:
// a fresh --persist-to directory, migrations applied, seeded, `wrangler dev` on a free port.
// stop() kills the whole process group, so no workerd is left behind.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { root, run } from "./proc.mjs";

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The SQLite file miniflare keeps the local D1 database in. */
export function d1File(persistTo) {
  const dir = path.join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (files.length !== 1) throw new Error(`expected one D1 sqlite file in ${dir}, found ${files.join(", ")}`);
  return path.join(dir, files[0]);
}

async function waitHealthy(url, child, timeoutMs) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`wrangler dev đã dừng (mã ${child.exitCode})`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Máy chủ không sẵn sàng sau ${timeoutMs} ms`);
}

/**
 * @param {{ persistTo?: string, port?: number, seed?: boolean, migrate?: boolean, config?: string, direct?: boolean, log?: (s: string) => void,
 *           beforeStart?: (sqliteFile: string) => Promise<void> }} [opts]
 *   beforeStart: runs after migrations and seeding, before the server opens the database (bulk loads for benchmarks).
 *   config: another wrangler config on the same database (bench/export-floor.wrangler.toml); migrate: false to reuse a
 *   database as it is. direct: the worker as wrangler bundles it, run in workerd by Miniflare without `wrangler dev`'s
 *   proxy and inspector (scripts/lib/workerd-direct.mjs; no inspectorPort).
 * @returns {Promise<{ url: string, port: number, persistTo: string, inspectorPort: () => number, stop: () => Promise<void>, restart: () => Promise<void> }>}
 */
export async function startServer(opts = {}) {
  const persistTo = opts.persistTo ?? mkdtempSync(path.join(os.tmpdir(), "chitieu-d1-"));
  const ownsDir = !opts.persistTo;
  const port = opts.port ?? (await freePort());
  // wrangler refuses to start when the assets directory is missing (nothing built yet).
  mkdirSync(path.join(root, "dist/addin"), { recursive: true });
  const quiet = { quiet: true, env: { CI: "1", WRANGLER_SEND_METRICS: "false" } };
  const config = opts.config ?? "wrangler.toml";
  if (opts.migrate !== false) await run("npx", ["wrangler", "d1", "migrations", "apply", "chi-tieu", "--local", "-c", "wrangler.toml", "--persist-to", persistTo], quiet);
  if (opts.seed !== false) await run("node", ["scripts/seed-local.mjs", "--persist-to", persistTo, "--quiet"], quiet);

  if (opts.beforeStart) await opts.beforeStart(d1File(persistTo));
  const bundle = opts.direct ? path.join(persistTo, "bundle") : null;
  if (bundle) await run("npx", ["wrangler", "deploy", "--dry-run", "--outdir", bundle, "-c", config], quiet);

  let child;
  let logBuf = "";
  let inspector = 0;
  const startChild = async () => {
    inspector = await freePort();
    const args = bundle
      ? ["node", "scripts/lib/workerd-direct.mjs", bundle, persistTo, String(port)]
      : ["npx", "wrangler", "dev", "-c", config, "--local", "--ip", "127.0.0.1", "--port", String(port),
          "--inspector-port", String(inspector), "--persist-to", persistTo, "--log-level", "warn",
          "--show-interactive-dev-session=false"];
    child = spawn(args[0], args.slice(1), {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" },
    });
    const onData = (d) => {
      logBuf = (logBuf + d).slice(-20000);
      opts.log?.(String(d));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    await waitHealthy(`http://127.0.0.1:${port}`, child, 60000).catch((e) => {
      throw new Error(`${e.message}\n${logBuf}`);
    });
  };
  const kill = async (signal = "SIGTERM") => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    }
  };
  await startChild();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    persistTo,
    /** The V8 inspector (DevTools protocol) of the worker, through wrangler's proxy (bench/lib/inspector.mjs). */
    inspectorPort: () => inspector,
    logs: () => logBuf,
    /** Hard kill (SIGKILL to the process group), as a crash would. */
    crash: () => kill("SIGKILL"),
    restart: async () => {
      await kill();
      await startChild();
    },
    stop: async () => {
      await kill();
      if (ownsDir) rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
