// The add-in's static files carry security headers (addin/public/_headers, applied by Workers static assets and
// by `wrangler dev`; the e2e run checks them on the served taskpane.html).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** _headers → { pattern: { header: value } } (Cloudflare's format: a path line, then indented "Name: value" lines). */
function parseHeaders(text: string): Record<string, Record<string, string>> {
  const rules: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | null = null;
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) rules[line.trim()] = current = {};
    else if (current) {
      const i = line.indexOf(":");
      current[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
  }
  return rules;
}

describe("addin/public/_headers", () => {
  const rules = parseHeaders(readFileSync(path.join(root, "addin/public/_headers"), "utf8"));
  const all = rules["/*"]!;
  it("every file: nosniff, no referrer", () => {
    expect(all["X-Content-Type-Options"]).toBe("nosniff");
    expect(all["Referrer-Policy"]).toBe("no-referrer");
  });
  it("a CSP that lets office.js load from Microsoft's CDN and nothing run from elsewhere", () => {
    const csp = Object.fromEntries(
      all["Content-Security-Policy"]!.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values];
      }),
    );
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["script-src"]).toContain("'self'");
    expect(csp["script-src"]).toContain("https://appsforoffice.microsoft.com");
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
    expect(csp["script-src"]).not.toContain("'unsafe-eval'");
    expect(csp["script-src"]!.some((s) => s === "*" || s === "https:" || s === "data:")).toBe(false);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["connect-src"]).toContain("'self'");
    // Excel on the web frames the pane: no frame-ancestors restriction.
    expect(csp["frame-ancestors"]).toBeUndefined();
  });
  it("functions.json stays readable cross-origin (Excel on the web)", () => {
    expect(rules["/functions.json"]!["Access-Control-Allow-Origin"]).toBe("*");
  });
  it("the built page loads no inline script (the CSP allows none)", () => {
    const html = readFileSync(path.join(root, "addin/taskpane.html"), "utf8");
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/\bsrc=/);
      expect(m[2]!.trim()).toBe("");
    }
  });
});
