// Builds the add-in (custom functions + task pane, one shared-runtime page) into dist/addin with stable file names,
// which the manifest references and the worker serves as static assets.
//
// taskpane.html loads one small module first, taskpane.js (addin/functions/entry.ts): it registers the CT.*
// functions with the slim catalog and then imports the task pane (React, Fluent UI, zod), which Rollup puts in
// separate chunks. The slim catalog is computed here, at build time, from shared/catalog/catalog.json.
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import path from "node:path";
import { BUNDLED_CATALOG, CATALOG_JSON, slimCatalogModule } from "./scripts/lib/slim-catalog-module.js";

/** Replaces addin/functions/bundled-catalog.ts with its result, so the first bundle holds only the slim catalog. */
function slimCatalogAtBuild(): Plugin {
  return {
    name: "chitieu-slim-catalog",
    enforce: "pre",
    load(id) {
      if (path.resolve(id.split("?")[0]!) !== BUNDLED_CATALOG) return null;
      this.addWatchFile(CATALOG_JSON);
      return slimCatalogModule();
    },
  };
}

export default defineConfig({
  root: path.resolve(import.meta.dirname, "addin"),
  base: "./",
  plugins: [slimCatalogAtBuild(), react()],
  build: {
    outDir: path.resolve(import.meta.dirname, "dist/addin"),
    emptyOutDir: true,
    target: "es2020",
    sourcemap: false,
    // dist/addin/.vite/manifest.json: which chunks the first script pulls in (bench/bundles.mjs reads it).
    manifest: true,
    rollupOptions: {
      input: { taskpane: path.resolve(import.meta.dirname, "addin/taskpane.html") },
      output: {
        entryFileNames: "[name].js",
        chunkFileNames: "[name].js",
        assetFileNames: "[name][extname]",
      },
    },
  },
});
