// Offline manifest check (manifest/check.ts); exit 1 with the problems. office-addin-manifest validate needs
// Microsoft's web service for XML manifests, so CI runs this instead (and the other only when online).
//
//   node scripts/check-manifest.mjs [file=dist/addin/manifest.xml] [--base-url <url>] [--local|--production]
//                                   [--dist dist/addin]   (also require every referenced file to exist there)
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function arg(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

const argv = process.argv.slice(2);
const valueFlags = new Set(["--base-url", "--dist"]);
const positional = argv.filter((a, i) => !a.startsWith("--") && !valueFlags.has(argv[i - 1] ?? ""));
const file = path.resolve(positional[0] ?? path.join(root, "dist/addin/manifest.xml"));
if (!existsSync(file)) {
  console.error(`Không có ${path.relative(root, file)}. Chạy: node scripts/build-manifest.mjs`);
  process.exit(1);
}
const dist = arg(argv, "--dist");
const { checkManifest } = await tsImport(pathToFileURL(path.join(root, "manifest/check.ts")).href, import.meta.url);
const options = {};
if (arg(argv, "--base-url")) options.baseUrl = arg(argv, "--base-url");
if (argv.includes("--local")) options.variant = "local";
if (argv.includes("--production")) options.variant = "production";
if (dist) options.fileExists = (rel) => existsSync(path.join(path.resolve(dist), rel));
const r = checkManifest(readFileSync(file, "utf8"), options);
const name = path.relative(root, file);
if (!r.ok) {
  console.error(`✗ ${name}: ${r.errors.length} lỗi\n  - ${r.errors.join("\n  - ")}`);
  process.exit(1);
}
console.log(`✓ ${name}: hợp lệ (${r.info.variant}, ${r.info.baseUrl}, Id ${r.info.id}, phiên bản ${r.info.version}, namespace ${r.info.namespace})`);
