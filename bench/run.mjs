// `npm run bench`: every benchmark, one after another, each printing its own figures (nothing here fails on timing).
// Pass names to run some: `npm run bench -- functions export`.
import { run, exists } from "../scripts/lib/proc.mjs";

const all = [
  ["functions-start", "node", ["bench/functions-start.mjs"]],
  ["functions", "npx", ["tsx", "bench/functions.ts"]],
  ["syncs", "node", ["bench/syncs.mjs"]],
  ["bundles", "node", ["bench/bundles.mjs"]],
  ["ingest", "node", ["bench/ingest.mjs"]],
  ["export", "node", ["bench/export.mjs"]],
];
const wanted = process.argv.slice(2);
for (const [name, cmd, args] of all) {
  if (wanted.length && !wanted.includes(name)) continue;
  if (!exists(args.at(-1))) continue;
  console.log(`\n=== ${name} (${[cmd, ...args].join(" ")}) ===`);
  await run(cmd, args, { check: false });
}
