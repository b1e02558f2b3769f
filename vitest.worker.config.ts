// Worker tests run inside workerd with real D1 (miniflare), migrations applied per test file.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  // wrangler.toml's [assets] directory must exist even before the add-in is built (fresh clone, CI).
  mkdirSync(path.join(import.meta.dirname, "dist/addin"), { recursive: true });
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "worker/migrations"));
  return {
    plugins: [
      cloudflareTest({
        main: "./worker/src/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
      }),
    ],
    test: {
      include: ["test/worker/**/*.test.ts"],
      setupFiles: ["./test/worker/apply-migrations.ts"],
    },
  };
});
