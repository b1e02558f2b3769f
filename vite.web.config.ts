// Builds the leaders' page (web/, a browser page outside Excel) into dist/addin next to the add-in's files, so the
// worker serves it from the same origin as the API: /lanh-dao.html.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import path from "node:path";

export default defineConfig({
  root: path.resolve(import.meta.dirname, "web"),
  base: "./",
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, "dist/addin"),
    // The add-in's build runs first and owns the folder.
    emptyOutDir: false,
    target: "es2020",
    sourcemap: false,
    rollupOptions: {
      input: { "lanh-dao": path.resolve(import.meta.dirname, "web/lanh-dao.html") },
      output: {
        entryFileNames: "web/[name]-[hash].js",
        chunkFileNames: "web/[name]-[hash].js",
        assetFileNames: "web/[name]-[hash][extname]",
      },
    },
  },
});
