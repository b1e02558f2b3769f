// Builds everything the worker serves from dist/addin: the task pane + functions bundle (Vite), the leaders' page,
// functions.json (from JSDoc) and the manifest for the given base URL.
import { run, exists } from "./lib/proc.mjs";

const baseUrl = process.env.CT_BASE_URL ?? "https://localhost:8787";

await run("npx", ["vite", "build", "--logLevel", "warn"]);
// The leaders' page (web/) goes into the same folder, served from the same origin.
await run("npx", ["vite", "build", "-c", "vite.web.config.ts", "--logLevel", "warn"]);
if (exists("scripts/gen-functions-json.mjs")) await run("node", ["scripts/gen-functions-json.mjs"]);
if (exists("scripts/build-manifest.mjs")) await run("node", ["scripts/build-manifest.mjs", "--base-url", baseUrl]);
console.log(`Đã build add-in vào dist/addin (manifest cho ${baseUrl}).`);
