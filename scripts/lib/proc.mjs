// Small process helpers shared by the npm scripts (start, test, build).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");

export function exists(rel) {
  return existsSync(path.join(root, rel));
}

/** Runs a command with inherited stdio; resolves with the exit code (rejects only if `check` and non-zero). */
export function run(cmd, args, { check = true, env = {}, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      env: { ...process.env, ...env },
    });
    let out = "";
    if (quiet) {
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
    }
    child.on("error", reject);
    child.on("exit", (code) => {
      if (check && code !== 0) {
        if (quiet) process.stderr.write(out);
        reject(new Error(`${cmd} ${args.join(" ")} → mã thoát ${code}`));
      } else resolve(code ?? 1);
    });
  });
}
