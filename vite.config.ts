// Builds the add-in (task pane + custom functions, one shared-runtime page) into dist/addin with stable file names,
// which the manifest references and the worker serves as static assets.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import path from "node:path";

export default defineConfig({
  root: path.resolve(import.meta.dirname, "addin"),
  base: "./",
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, "dist/addin"),
    emptyOutDir: true,
    target: "es2020",
    sourcemap: false,
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
