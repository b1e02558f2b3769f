// Runs the worker as wrangler builds it, in workerd through Miniflare, with no dev proxy and no inspector: what
// `wrangler dev` serves, without the tooling it adds to every request (its proxy worker, and DevTools network events
// for every D1 call forwarded to the Node process). Used by bench/ingest.mjs to show both.
//   node scripts/lib/workerd-direct.mjs <bundle dir> <persist dir> <port>
// The bindings are those of wrangler.toml (D1 on the same --persist-to layout, the write rate limit, vars).
import path from "node:path";
import { Miniflare } from "miniflare";

const [bundle, persistTo, port] = process.argv.slice(2);
const mf = new Miniflare({
  modules: true,
  scriptPath: path.join(bundle, "index.js"),
  modulesRoot: bundle,
  compatibilityDate: "2026-04-01",
  compatibilityFlags: ["nodejs_compat"],
  d1Databases: { DB: "00000000-0000-0000-0000-000000000000" },
  d1Persist: path.join(persistTo, "v3", "d1"),
  ratelimits: { WRITE_LIMIT: { simple: { limit: 300, period: 60 } } },
  bindings: { ALLOWED_ORIGINS: "" },
  host: "127.0.0.1",
  port: Number(port),
});
await mf.ready;
process.stdout.write("ready\n");
const stop = async () => {
  await mf.dispose();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
