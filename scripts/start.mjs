// `npm start`: build the add-in, apply D1 migrations locally, seed development data and tokens,
// then run `wrangler dev` serving the API and the add-in's files from one origin.
// HTTPS for sideloading into Excel: set CT_HTTPS=1 (uses office-addin-dev-certs' files in ~/.office-addin-dev-certs).
import os from "node:os";
import path from "node:path";
import { existsSync } from "node:fs";
import { run, exists } from "./lib/proc.mjs";

const port = process.env.PORT ?? "8787";
const https = process.env.CT_HTTPS === "1";
const scheme = https ? "https" : "http";
const base = `${scheme}://localhost:${port}`;

await run("node", ["scripts/build-addin.mjs"], { env: { CT_BASE_URL: base } });
await run("npx", ["wrangler", "d1", "migrations", "apply", "chi-tieu", "--local", "-c", "wrangler.toml"], {
  env: { CI: "1" },
});
if (exists("scripts/seed-local.mjs")) await run("node", ["scripts/seed-local.mjs"]);

const args = ["wrangler", "dev", "-c", "wrangler.toml", "--local", "--ip", "127.0.0.1", "--port", port];
if (https) {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const key = path.join(dir, "localhost.key");
  const cert = path.join(dir, "localhost.crt");
  if (!existsSync(key) || !existsSync(cert)) {
    console.error("Chưa có chứng chỉ HTTPS. Chạy: npx office-addin-dev-certs install");
    process.exit(1);
  }
  args.push("--local-protocol", "https", "--https-key-path", key, "--https-cert-path", cert);
}
console.log(`\nChỉ tiêu đang chạy tại ${base}  (API: ${base}/api, add-in: ${base}/taskpane.html)\n`);
await run("npx", args, { check: false });
