#!/usr/bin/env node
// Creates the first admin unit and token in a D1 database (production bootstrap; afterwards the administrator works in
// Excel: README "Set up production from an empty database").
// The token is printed once; only the SHA-256 of its secret is stored.
// Usage: node scripts/bootstrap-admin.mjs --remote            (or --local [--persist-to DIR])
//        node scripts/bootstrap-admin.mjs --print             (SQL only)
import { createHash, randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./lib/proc.mjs";
import { bootstrapSql } from "./lib/bootstrap-sql.mjs";

const args = process.argv.slice(2);
const where = args.includes("--remote") ? "--remote" : args.includes("--local") ? "--local" : null;
if (!where && !args.includes("--print")) {
  console.error("Chọn --remote (D1 trên Cloudflare), --local, hoặc --print.");
  process.exit(2);
}
const id = randomBytes(8).toString("hex");
const secret = randomBytes(32).toString("hex");
const hash = createHash("sha256").update(secret).digest("hex");
const sql = bootstrapSql({ id, hash }).map((x) => `${x};`).join("\n");

if (args.includes("--print")) {
  console.log(sql);
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), "chitieu-boot-"));
  try {
    const file = path.join(dir, "bootstrap.sql");
    writeFileSync(file, sql);
    const extra = [];
    const i = args.indexOf("--persist-to");
    if (i >= 0) extra.push("--persist-to", args[i + 1]);
    const r = spawnSync("npx", ["wrangler", "d1", "execute", "chi-tieu", where, "--file", file, "-c", "wrangler.toml", ...extra], {
      cwd: root,
      stdio: "inherit",
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`\nMã truy cập quản trị (chỉ hiển thị một lần, hãy lưu lại ngay):\n  tok_${id}.${secret}`);
