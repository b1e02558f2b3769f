// Produces an installable manifest from manifest/manifest.template.xml for one base URL, then checks it offline.
//
//   node scripts/build-manifest.mjs                                   local: https://localhost:8787
//        → dist/addin/manifest.xml and manifest/manifest.local.xml (git-ignored)
//   node scripts/build-manifest.mjs --base-url https://chitieu.example.gov.vn --out dist/manifest.prod.xml
//
// Options: --base-url <url>  --out <file>  --version <n.n.n.n> (default: package.json version + ".0")
//          --no-check (skip manifest/check.ts)
// The local variant (localhost) gets its own add-in Id and a "(máy phát triển)" name, so it can be
// sideloaded next to production without Office mixing them up; the namespace stays CT in both so that
// formulas are identical (do not sideload both at once: two CT namespaces conflict → #REF!).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const TEMPLATE = path.join(root, "manifest/manifest.template.xml");

export const IDS = {
  production: "6edf1bc8-3c6f-430e-9c87-dec427414cf4",
  local: "47b6a3e6-7a7f-4a86-8374-cdcb740cddc3",
};
export const DEFAULT_BASE_URL = "https://localhost:8787";

const escapeXml = (s) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export function isLocalUrl(baseUrl) {
  const host = new URL(baseUrl).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

export function packageVersion() {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const parts = String(pkg.version ?? "0.0.0").split(/[.-]/).filter((p) => /^\d+$/.test(p)).slice(0, 4);
  while (parts.length < 4) parts.push("0");
  return parts.join(".");
}

/** Fills the template; returns the XML text. Throws on a malformed base URL or a leftover placeholder. */
export function buildManifest({ baseUrl = DEFAULT_BASE_URL, version = packageVersion(), template } = {}) {
  const base = baseUrl.replace(/\/+$/, "");
  let u;
  try {
    u = new URL(base);
  } catch {
    throw new Error(`--base-url không hợp lệ: ${baseUrl}`);
  }
  if (u.search || u.hash) throw new Error(`--base-url không được có ?query hoặc #hash: ${baseUrl}`);
  const local = isLocalUrl(base);
  if (!local && u.protocol !== "https:") throw new Error(`Bản production phải dùng https: ${baseUrl}`);
  const values = {
    BASE_URL: base,
    ADDIN_ID: local ? IDS.local : IDS.production,
    VERSION: version,
    NAME_VI: local ? "Chỉ tiêu (máy phát triển)" : "Chỉ tiêu",
    NAME_EN: local ? "Chỉ tiêu (development)" : "Chỉ tiêu",
  };
  const text = (template ?? readFileSync(TEMPLATE, "utf8")).replace(/\{\{([A-Z_]+)\}\}/g, (m, name) => {
    if (!(name in values)) throw new Error(`Mẫu manifest có chỗ trống lạ: ${m}`);
    return escapeXml(values[name]);
  });
  return { xml: text, local, base };
}

function arg(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv) {
  const baseUrl = arg(argv, "--base-url") ?? DEFAULT_BASE_URL;
  const version = arg(argv, "--version") ?? packageVersion();
  const { xml, local, base } = buildManifest({ baseUrl, version });
  const outs = [path.resolve(arg(argv, "--out") ?? path.join(root, "dist/addin/manifest.xml"))];
  if (local && !arg(argv, "--out")) outs.push(path.join(root, "manifest/manifest.local.xml"));
  if (!argv.includes("--no-check")) {
    const { tsImport } = await import("tsx/esm/api");
    const { checkManifest } = await tsImport(pathToFileURL(path.join(root, "manifest/check.ts")).href, import.meta.url);
    const r = checkManifest(xml, { baseUrl: base, variant: local ? "local" : "production" });
    if (!r.ok) {
      console.error(`Manifest cho ${base} không đạt kiểm tra:\n  - ${r.errors.join("\n  - ")}`);
      return 1;
    }
  }
  for (const out of outs) {
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, xml);
    console.log(`Đã tạo ${path.relative(root, out)} (${local ? "local" : "production"}, ${base}, phiên bản ${version})`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
