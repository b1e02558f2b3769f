// Unit tests that run in Node: shared domain, add-in logic against the in-memory Excel fake, manifest checks.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/shared/**/*.test.ts", "test/addin/**/*.test.ts", "test/manifest/**/*.test.ts", "test/export/**/*.test.ts"],
    environment: "node",
  },
});
