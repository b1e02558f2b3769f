// Excel round trips: context.sync() calls per operation at 10, 100 and 1,000 rows, counted by the in-memory
// Excel fake (test/excel-fake). The counting and the assertions (at most 2 for every operation; no growth with rows) live in test/addin/excel-ops.test.ts; this runs that part and prints its table
// with the floor (1 round trip: one batch that writes, or one that reads) and the ratio.
import { spawnSync } from "node:child_process";
import { root } from "../scripts/lib/proc.mjs";

const r = spawnSync("npx", ["vitest", "run", "-c", "vitest.config.ts", "test/addin/excel-ops.test.ts", "-t", "sync counts"], {
  cwd: root,
  encoding: "utf8",
});
const out = (r.stdout ?? "") + (r.stderr ?? "");
const i = out.indexOf("Sync counts per operation");
if (i < 0) {
  console.log(out);
  process.exit(r.status ?? 1);
}
const [title, ...lines] = out.slice(i).split("\n\n")[0].split("\n");
console.log(`${title}; floor = 1 per operation`);
for (const line of lines) {
  const counts = [...line.matchAll(/(\d+): (\d+)/g)].map((m) => Number(m[2]));
  const worst = Math.max(...counts);
  console.log(`  ${line}   floor 1   ours/floor ${worst}×`);
}
process.exit(r.status ?? 1);
