// The code that replaces addin/functions/bundled-catalog.ts in a build: the slim catalog (addin/functions/slim-catalog.ts)
// of shared/catalog/catalog.json, precomputed. Used by vite.config.ts and by the first-bundle test's esbuild build.
import { readFileSync } from "node:fs";
import path from "node:path";
import { slimCatalog } from "../../addin/functions/slim-catalog.js";
import type { Catalog } from "../../shared/catalog/types.js";

const root = path.resolve(import.meta.dirname, "../..");
export const BUNDLED_CATALOG = path.join(root, "addin/functions/bundled-catalog.ts");
export const CATALOG_JSON = path.join(root, "shared/catalog/catalog.json");

export function slimCatalogModule(): string {
  const slim = slimCatalog(JSON.parse(readFileSync(CATALOG_JSON, "utf8")) as Catalog);
  // JSON.parse of a string literal parses faster than the same object literal (V8).
  return `export const bundledCatalog = JSON.parse(${JSON.stringify(JSON.stringify(slim))});\n`;
}
