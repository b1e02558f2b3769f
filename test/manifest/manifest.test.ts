// The manifest: scripts/build-manifest.mjs produces local and production variants from one template, and the
// offline check (manifest/check.ts) passes on both and fails on broken variants.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkManifest } from "../../manifest/check.js";
import { parseXml, XmlError } from "../../manifest/xml.js";

const root = path.resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(path.join(tmpdir(), "ct-manifest-"));
const PROD = "https://chitieu.thanhhoa.gov.vn";
const LOCAL = "https://localhost:8787";

function build(baseUrl: string, extra: string[] = []): { status: number | null; stderr: string; xml: string } {
  const out = path.join(tmp, `${encodeURIComponent(baseUrl)}.xml`);
  const r = spawnSync(process.execPath, ["scripts/build-manifest.mjs", "--base-url", baseUrl, "--out", out, ...extra], {
    cwd: root,
    encoding: "utf8",
  });
  let xml = "";
  try {
    xml = readFileSync(out, "utf8");
  } catch {
    // not written
  }
  return { status: r.status, stderr: r.stderr, xml };
}

const local = build(LOCAL);
const prod = build(PROD);

describe("generated manifests", () => {
  it("build and pass the check: local", () => {
    expect(local.stderr).toBe("");
    expect(local.status).toBe(0);
    const r = checkManifest(local.xml, { baseUrl: LOCAL });
    expect(r.errors).toEqual([]);
    // <Version> follows package.json (bumped when functions are added or change: Excel caches functions.json).
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
    expect(r.info).toMatchObject({ variant: "local", namespace: "CT", baseUrl: LOCAL, version: `${pkg.version}.0` });
  });

  it("build and pass the check: production", () => {
    expect(prod.status).toBe(0);
    const r = checkManifest(prod.xml, { baseUrl: PROD });
    expect(r.errors).toEqual([]);
    expect(r.info.variant).toBe("production");
    expect(prod.xml).not.toContain("localhost");
    expect(prod.xml).not.toContain("{{");
  });

  it("local and production are different add-ins with the same CT namespace", () => {
    const id = (xml: string) => /<Id>([^<]+)<\/Id>/.exec(xml)?.[1];
    expect(id(local.xml)).not.toBe(id(prod.xml));
    expect(local.xml).toContain('<bt:String id="Functions.Namespace" DefaultValue="CT"/>');
    expect(prod.xml).toContain('<bt:String id="Functions.Namespace" DefaultValue="CT"/>');
    expect(prod.xml).toContain(`${PROD}/functions.json`);
    expect(prod.xml).toContain('<DefaultLocale>vi-VN</DefaultLocale>');
    expect(prod.xml).toContain('<Override Locale="en-US"');
  });

  it("a base URL with a path works and every URL stays under it", () => {
    const sub = build("https://example.gov.vn/chitieu/");
    expect(sub.status).toBe(0);
    expect(checkManifest(sub.xml, { baseUrl: "https://example.gov.vn/chitieu" }).errors).toEqual([]);
    expect(sub.xml).toContain("https://example.gov.vn/chitieu/taskpane.html");
  });

  it("refuses an http production URL", () => {
    const r = build("http://chitieu.thanhhoa.gov.vn");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("https");
  });

  it("the check can require every referenced file to exist in the build", () => {
    const present = new Set(["taskpane.html", "taskpane.js", "functions.json", "assets/icon-16.png", "assets/icon-32.png", "assets/icon-64.png"]);
    const r = checkManifest(prod.xml, { baseUrl: PROD, fileExists: (p) => present.has(p) });
    expect(r.errors).toEqual([`tài nguyên "Icon.80x80": không có tệp assets/icon-80.png trong bản build`]);
  });
});

describe("broken manifests fail the check", () => {
  const fails = (xml: string, pattern: RegExp, baseUrl = PROD) => {
    const r = checkManifest(xml, { baseUrl });
    expect(r.ok).toBe(false);
    expect(r.errors.join("\n")).toMatch(pattern);
  };

  it("missing resid definition", () => {
    fails(prod.xml.replace(/\s*<bt:String id="OpenPane.Label"[\s\S]*?<\/bt:String>/, ""), /resid "OpenPane.Label".*không có trong <Resources>/);
  });

  it("resid of the wrong kind", () => {
    fails(prod.xml.replace('<Label resid="Group.Label"/>', '<Label resid="OpenPane.Tooltip"/>'), /phải nằm trong <bt:ShortStrings>/);
  });

  it("wrong namespace, or a localized one", () => {
    fails(prod.xml.replace('id="Functions.Namespace" DefaultValue="CT"', 'id="Functions.Namespace" DefaultValue="CTDEV"'), /Namespace của hàm phải là "CT"/);
    fails(
      prod.xml.replace(
        '<bt:String id="Functions.Namespace" DefaultValue="CT"/>',
        '<bt:String id="Functions.Namespace" DefaultValue="CT"><bt:Override Locale="en-US" Value="CT"/></bt:String>',
      ),
      /Namespace không được có <bt:Override>/,
    );
  });

  it("http URL in production; localhost in production; a URL outside the base", () => {
    fails(prod.xml.replace(`${PROD}/functions.json`, "http://chitieu.thanhhoa.gov.vn/functions.json"), /phải dùng https/);
    fails(prod.xml.replace(`${PROD}/assets/icon-16.png`, "https://localhost:8787/assets/icon-16.png"), /production không được trỏ tới localhost/);
    fails(prod.xml.replace(`${PROD}/taskpane.js`, "https://cdn.example.com/taskpane.js"), /không nằm dưới URL gốc/);
    // http://localhost is fine only for the local variant
    const httpLocal = local.xml.replaceAll(LOCAL, "http://localhost:8787");
    expect(checkManifest(httpLocal, { baseUrl: "http://localhost:8787" }).errors).toEqual([]);
    const asProd = checkManifest(httpLocal, { baseUrl: "http://localhost:8787", variant: "production" });
    expect(asProd.errors.join("\n")).toMatch(/phải dùng https/);
  });

  it("mismatched runtime wiring", () => {
    const withPage = prod.xml.replace(
      '<bt:Url id="Taskpane.Url"',
      `<bt:Url id="Functions.Page.Url" DefaultValue="${PROD}/functions.html"/>\n        <bt:Url id="Taskpane.Url"`,
    );
    fails(
      withPage.replace(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/, '<Page><SourceLocation resid="Functions.Page.Url"/>'),
      /CustomFunctions <Page> dùng resid "Functions.Page.Url" nhưng <Runtime> dùng "Taskpane.Url"/,
    );
    fails(withPage.replace('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Functions.Page.Url"/>'), /<FunctionFile resid="Functions.Page.Url">/);
    fails(prod.xml.replace('lifetime="long"', 'lifetime="short"'), /lifetime> phải là "long"/);
    fails(prod.xml.replace(/<Runtimes>[\s\S]*?<\/Runtimes>/, ""), /Thiếu <Runtimes>/);
    fails(
      prod.xml.replace(`<SourceLocation DefaultValue="${PROD}/taskpane.html"/>`, `<SourceLocation DefaultValue="${PROD}/index.html"/>`),
      /URL của <Runtime> .* khác <DefaultSettings><SourceLocation>/,
    );
  });

  it("metadata not pointing to functions.json; Id not a GUID; bad Version; missing element; wrong order", () => {
    fails(prod.xml.replace(`${PROD}/functions.json`, `${PROD}/metadata.json`), /Metadata phải trỏ tới functions.json/);
    fails(prod.xml.replace(/<Id>[^<]+<\/Id>/, "<Id>chi-tieu</Id>"), /<Id> phải là GUID/);
    fails(prod.xml.replace(/<Version>[^<]+<\/Version>/, "<Version>1.0.0.0.1</Version>"), /<Version> phải có dạng/);
    fails(prod.xml.replace(/\s*<ProviderName>[^<]+<\/ProviderName>/, ""), /Thiếu <ProviderName>/);
    fails(
      prod.xml.replace(/(\s*<DefaultSettings>[\s\S]*?<\/DefaultSettings>)(\s*<Permissions>[^<]+<\/Permissions>)/, "$2$1"),
      /sai thứ tự/,
    );
  });

  it("labels too long; missing icon size; override for the default locale", () => {
    fails(prod.xml.replace('DefaultValue="Báo cáo chỉ tiêu"', `DefaultValue="${"x".repeat(126)}"`), /dài 126 ký tự \(tối đa 125/);
    fails(prod.xml.replace(/<bt:Image size="80" resid="Icon.80x80"\/>/, ""), /thiếu ảnh cỡ 80/);
    fails(prod.xml.replace('<Override Locale="en-US" Value="Chỉ tiêu"/>', '<Override Locale="vi-VN" Value="Chỉ tiêu"/>'), /trùng DefaultLocale/);
  });

  it("not well-formed XML", () => {
    fails(prod.xml.replace("</Hosts>", "</Host>"), /XML không hợp lệ: Thẻ đóng/);
    fails(prod.xml.replace("Sở Khoa học", "Sở & Khoa học"), /XML không hợp lệ: Ký tự & không thoát/);
    fails(prod.xml.replace('lifetime="long"', 'lifetime="long" lifetime="long"'), /lặp lại/);
    fails(prod.xml + "<extra/>", /sau phần tử gốc/);
  });
});

describe("the XML parser", () => {
  it("parses entities, comments, CDATA and reports positions", () => {
    const el = parseXml('<?xml version="1.0"?>\n<!-- c -->\n<a x="1 &amp; 2"><b>t&lt;&#65;&#x42;<![CDATA[<raw>]]></b><c/></a>');
    expect(el.attrs["x"]).toBe("1 & 2");
    expect(el.children[0]!.text).toBe("t<AB<raw>");
    expect(el.children[1]!.name).toBe("c");
    try {
      parseXml("<a>\n  <b>\n</a>");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(XmlError);
      expect((e as XmlError).line).toBe(3);
    }
  });

  it("the template itself is well-formed once filled", () => {
    const template = readFileSync(path.join(root, "manifest/manifest.template.xml"), "utf8");
    const filled = template.replace(/\{\{[A-Z_]+\}\}/g, "x");
    expect(() => parseXml(filled)).not.toThrow();
    writeFileSync(path.join(tmp, "template-filled.xml"), filled);
  });
});
