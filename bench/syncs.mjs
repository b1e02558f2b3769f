// Excel round trips: context.sync() calls per operation at 10, 100 and 1,000 rows, counted by the in-memory
// Excel fake (test/excel-fake). The counting and the "does not grow" assertion live in test/addin/excel-ops.test.ts;
// this runs that part and prints its table.
import { spawnSync } from "node:child_process";
import { root } from "../scripts/lib/proc.mjs";

const r = spawnSync("npx", ["vitest", "run", "-c", "vitest.config.ts", "test/addin/excel-ops.test.ts", "-t", "sync counts"], {
  cwd: root,
  encoding: "utf8",
});
const out = (r.stdout ?? "") + (r.stderr ?? "");
const i = out.indexOf("Sync counts per operation");
console.log(i >= 0 ? out.slice(i).split("\n\n")[0] : out);
process.exit(r.status ?? 1);
