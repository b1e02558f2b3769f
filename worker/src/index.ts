// Chỉ tiêu sync service: Hono app on Cloudflare Workers. /api/* is handled here; everything else is the add-in's static files.
import { Hono } from "hono";
import { cors } from "hono/cors";
import { methodNotAllowed } from "hono/method-not-allowed";
import { authenticate } from "./auth.js";
import type { AppEnv } from "./env.js";
import { errorBody, onError } from "./errors.js";
import { limitBodies } from "./limits.js";
import { securityHeaders } from "./security.js";
import { actuals } from "./routes/actuals.js";
import { admin } from "./routes/admin.js";
import { read } from "./routes/read.js";
import { registry } from "./routes/registry.js";
import { submissions } from "./routes/submissions.js";
import { taskStatus } from "./routes/task-status.js";

export const app = new Hono<AppEnv>();

// nosniff, Referrer-Policy, and Cache-Control: no-store on API answers (they carry unit data).
app.use("*", securityHeaders);

// CORS only for configured extra origins; the add-in is same-origin and needs none.
app.use("/api/*", async (c, next) => {
  const allowed = (c.env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (allowed.length === 0) return next();
  return cors({
    origin: (origin) => (allowed.includes(origin) ? origin : null),
    allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "If-None-Match", "If-Match"],
    allowMethods: ["GET", "POST", "PUT", "PATCH", "OPTIONS"],
    exposeHeaders: ["ETag", "Content-Disposition"],
    maxAge: 600,
  })(c, next);
});

app.use(
  "/api/*",
  methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) =>
      c.json(errorBody("method_not_allowed", `Phương thức ${c.req.method} không được hỗ trợ ở địa chỉ này (dùng ${methods.join(", ")}).`), 405, {
        Allow: methods.join(", "),
      }),
  }),
);

app.get("/api/health", async (c) => {
  const db = await c.env.DB.prepare("SELECT 1 AS ok").first<{ ok: number }>();
  return c.json({ ok: db?.ok === 1, service: "chi-tieu", time: new Date().toISOString() });
});

// The root has no page of its own (assets are served as named, see wrangler.toml): point at the start page.
app.get("/", (c) => c.redirect("/index.html"));

// Every body is bounded before anything reads it (and before the token is looked up).
app.use("/api/*", limitBodies);
app.use("/api/*", async (c, next) => {
  if (c.req.path === "/api/health") return next();
  return authenticate(c, next);
});
app.route("/api", read);
app.route("/api", submissions);
app.route("/api", actuals);
app.route("/api", taskStatus);
app.route("/api/admin", admin);
app.route("/api/admin", registry);

app.notFound((c) => {
  if (c.req.path.startsWith("/api/") || c.req.path === "/api") return c.json(errorBody("not_found", "Không tìm thấy địa chỉ này."), 404);
  // Outside /api (only reached when run_worker_first routes here): hand over to static assets.
  return c.env.ASSETS ? c.env.ASSETS.fetch(c.req.raw) : c.text("Not found", 404);
});
app.onError(onError);

export default app;
