// Bindings seen by worker tests (vitest.worker.config.ts adds TEST_MIGRATIONS); mainModule types exports.default.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    ASSETS: Fetcher;
    ALLOWED_ORIGINS: string;
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
  interface GlobalProps {
    mainModule: typeof import("../../worker/src/index.js");
  }
}
