/**
 * Offline checks of the add-in manifest (office-addin-manifest validate needs Microsoft's web service for XML).
 * Pure: takes the XML text, returns the problems. Used by scripts/check-manifest.mjs and test/manifest.
 *
 * What it checks (each failure is an error message in Vietnamese-English, naming the element):
 *  - well-formed XML (manifest/xml.ts), root OfficeApp TaskPaneApp with the Office namespaces;
 *  - the top-level elements required, known and in schema order; Id is a GUID; Version is n[.n[.n[.n]]];
 *  - locales are ll-CC; DisplayName ≤ 125, Description ≤ 250, ShortStrings ≤ 125, LongStrings ≤ 250 chars;
 *  - every resid used is defined in Resources, in the right section, ids unique and ≤ 32 chars;
 *  - every URL is https (http only for localhost in the local variant) and under the base URL;
 *  - shared runtime wiring: Runtime lifetime="long"; CustomFunctions Page, FunctionFile and every
 *    ShowTaskpane SourceLocation use the Runtime's resid; that URL equals DefaultSettings/SourceLocation;
 *  - custom functions: Script → .js, Metadata → …/functions.json, Namespace = CT (no overrides, ≤ 32 chars);
 *  - icons: every <Icon> has 16/32/80 images, ribbon images and IconUrl/HighResolutionIconUrl are .png;
 *  - the Home tab button opens the task pane.
 */
import { at, child, childrenNamed, descendants, parseXml, XmlError, type XmlElement } from "./xml.js";

export interface CheckOptions {
  /** Expected base URL (no trailing slash). Default: the origin+path of DefaultSettings/SourceLocation. */
  baseUrl?: string;
  /** "local" allows http://localhost; default: local when the base URL's host is localhost/127.0.0.1. */
  variant?: "local" | "production";
  /** Expected custom functions namespace. */
  namespace?: string;
  /** Optional: tells whether a path under the base URL exists (e.g. in dist/addin), to catch missing files. */
  fileExists?: (relativePath: string) => boolean;
}

export interface CheckResult {
  ok: boolean;
  errors: string[];
  /** Facts found, for the report line. */
  info: { id?: string; version?: string; baseUrl?: string; namespace?: string; variant?: string };
}

const NS_APP = "http://schemas.microsoft.com/office/appforoffice/1.1";
const NS_BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const NS_OV = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
const NS_XSI = "http://www.w3.org/2001/XMLSchema-instance";

/** Top-level sequence of OfficeApp (TaskPaneApp) in the schema. */
const TOP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];
const TOP_REQUIRED = TOP_ORDER.filter((n) => n !== "AlternateId" && n !== "AppDomains");

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const VERSION = /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/;
const LOCALE = /^[a-z]{2,3}-[A-Za-z]{2}$/i;

const EMPTY: XmlElement = { name: "", attrs: {}, children: [], text: "", line: 0 };

type Section = "bt:Images" | "bt:Urls" | "bt:ShortStrings" | "bt:LongStrings";

interface Resource {
  id: string;
  section: Section;
  value: string;
  overrides: { locale: string; value: string }[];
}

export function checkManifest(xml: string, options: CheckOptions = {}): CheckResult {
  const errors: string[] = [];
  const info: CheckResult["info"] = {};
  const err = (m: string) => errors.push(m);

  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    err(`XML không hợp lệ: ${e instanceof XmlError ? e.message : String(e)}`);
    return { ok: false, errors, info };
  }

  // --- root and namespaces
  if (root.name !== "OfficeApp") err(`Phần tử gốc phải là <OfficeApp>, đang là <${root.name}>`);
  if (root.attrs["xmlns"] !== NS_APP) err(`<OfficeApp> phải có xmlns="${NS_APP}"`);
  if (root.attrs["xmlns:bt"] !== NS_BT) err(`<OfficeApp> phải có xmlns:bt="${NS_BT}"`);
  if (root.attrs["xmlns:xsi"] !== NS_XSI) err(`<OfficeApp> phải có xmlns:xsi="${NS_XSI}"`);
  if (root.attrs["xsi:type"] !== "TaskPaneApp") err(`<OfficeApp xsi:type> phải là "TaskPaneApp"`);

  // --- top-level elements: known, required, ordered, single
  let lastIndex = -1;
  const seenTop = new Set<string>();
  for (const c of root.children) {
    const idx = TOP_ORDER.indexOf(c.name);
    if (idx < 0) {
      err(`Phần tử không hợp lệ ở cấp gốc: <${c.name}> (dòng ${c.line})`);
      continue;
    }
    if (seenTop.has(c.name)) err(`<${c.name}> xuất hiện nhiều lần`);
    seenTop.add(c.name);
    if (idx < lastIndex) err(`<${c.name}> sai thứ tự (dòng ${c.line}); thứ tự đúng: ${TOP_ORDER.join(", ")}`);
    lastIndex = Math.max(lastIndex, idx);
  }
  for (const name of TOP_REQUIRED) if (!seenTop.has(name)) err(`Thiếu <${name}>`);

  const id = child(root, "Id")?.text ?? "";
  info.id = id;
  if (id && !GUID.test(id)) err(`<Id> phải là GUID, đang là "${id}"`);
  const version = child(root, "Version")?.text ?? "";
  info.version = version;
  if (version && !VERSION.test(version)) err(`<Version> phải có dạng n.n.n.n (tối đa 4 số, mỗi số ≤ 5 chữ số): "${version}"`);
  if (child(root, "ProviderName") && !child(root, "ProviderName")!.text) err("<ProviderName> rỗng");

  const defaultLocale = child(root, "DefaultLocale")?.text ?? "";
  if (defaultLocale && !LOCALE.test(defaultLocale)) err(`<DefaultLocale> phải có dạng ll-CC: "${defaultLocale}"`);

  // Overrides everywhere: locale format, not the default locale, Value present.
  for (const o of descendants(root).filter((e) => e.name === "Override" || e.name === "bt:Override")) {
    const loc = o.attrs["Locale"] ?? "";
    if (!LOCALE.test(loc)) err(`<${o.name} Locale="${loc}"> (dòng ${o.line}) phải có dạng ll-CC, ví dụ en-US`);
    else if (loc.toLowerCase() === defaultLocale.toLowerCase()) {
      err(`<${o.name} Locale="${loc}"> (dòng ${o.line}) trùng DefaultLocale: thừa`);
    }
    if (!o.attrs["Value"]) err(`<${o.name}> (dòng ${o.line}) thiếu Value`);
  }

  const lengthCheck = (label: string, el: XmlElement | undefined, max: number) => {
    if (!el) return;
    const values = [el.attrs["DefaultValue"] ?? "", ...childrenNamed(el, "Override").map((o) => o.attrs["Value"] ?? "")];
    if (!el.attrs["DefaultValue"]) err(`<${label}> thiếu DefaultValue`);
    for (const v of values) if ([...v].length > max) err(`<${label}> dài ${[...v].length} ký tự (tối đa ${max}): "${v}"`);
  };
  lengthCheck("DisplayName", child(root, "DisplayName"), 125);
  lengthCheck("Description", child(root, "Description"), 250);

  // --- hosts, requirements
  const hosts = childrenNamed(child(root, "Hosts") ?? root, "Host");
  if (!hosts.some((h) => h.attrs["Name"] === "Workbook")) err(`<Hosts> phải có <Host Name="Workbook"/>`);
  const sets = descendants(child(root, "Requirements") ?? EMPTY);
  if (!sets.some((s) => s.name === "Set" && s.attrs["Name"] === "SharedRuntime")) {
    err(`<Requirements> phải yêu cầu <Set Name="SharedRuntime" MinVersion="1.1"/>`);
  }
  const permissions = child(root, "Permissions")?.text;
  if (permissions && !["Restricted", "ReadDocument", "ReadWriteDocument", "ReadAllDocument", "WriteDocument"].includes(permissions)) {
    err(`<Permissions> không hợp lệ: ${permissions}`);
  }

  // --- resources
  const vo = child(root, "VersionOverrides");
  if (vo) {
    if (vo.attrs["xmlns"] !== NS_OV) err(`<VersionOverrides> phải có xmlns="${NS_OV}"`);
    if (vo.attrs["xsi:type"] !== "VersionOverridesV1_0") err(`<VersionOverrides xsi:type> phải là VersionOverridesV1_0`);
  }
  const resources = new Map<string, Resource>();
  const resEl = child(vo, "Resources");
  if (vo && !resEl) err("Thiếu <VersionOverrides>/<Resources>");
  const limits: Record<Section, number | null> = {
    "bt:Images": null,
    "bt:Urls": null,
    "bt:ShortStrings": 125,
    "bt:LongStrings": 250,
  };
  for (const section of Object.keys(limits) as Section[]) {
    const sec = child(resEl, section);
    if (!sec) continue;
    for (const r of sec.children) {
      const rid = r.attrs["id"] ?? "";
      if (!rid) {
        err(`<${r.name}> trong <${section}> thiếu id (dòng ${r.line})`);
        continue;
      }
      if (rid.length > 32) err(`id tài nguyên "${rid}" dài hơn 32 ký tự`);
      if (resources.has(rid)) err(`id tài nguyên "${rid}" bị định nghĩa hai lần`);
      const value = r.attrs["DefaultValue"] ?? "";
      if (!value) err(`Tài nguyên "${rid}" thiếu DefaultValue`);
      const overrides = childrenNamed(r, "bt:Override").map((o) => ({
        locale: o.attrs["Locale"] ?? "",
        value: o.attrs["Value"] ?? "",
      }));
      const max = limits[section];
      if (max !== null) {
        for (const v of [value, ...overrides.map((o) => o.value)]) {
          if ([...v].length > max) err(`Chuỗi "${rid}" dài ${[...v].length} ký tự (tối đa ${max} trong ${section})`);
        }
      }
      resources.set(rid, { id: rid, section, value, overrides });
    }
  }

  // --- every resid reference resolves, to the right kind of resource
  const expectedSection = (el: XmlElement, parent: XmlElement | undefined): Section | null => {
    switch (el.name) {
      case "bt:Image":
        return "bt:Images";
      case "SourceLocation":
      case "LearnMoreUrl":
      case "FunctionFile":
      case "Runtime":
        return "bt:Urls";
      case "Label":
      case "Namespace":
        return "bt:ShortStrings";
      case "Title":
        return "bt:ShortStrings";
      case "Description":
        return parent?.name === "GetStarted" || parent?.name === "Supertip" ? "bt:LongStrings" : null;
      default:
        return null;
    }
  };
  const parents = new Map<XmlElement, XmlElement>();
  const indexParents = (e: XmlElement) => {
    for (const c of e.children) {
      parents.set(c, e);
      indexParents(c);
    }
  };
  if (vo) indexParents(vo);
  const hostsEl = child(vo, "Hosts");
  for (const el of hostsEl ? descendants(hostsEl) : []) {
    const rid = el.attrs["resid"];
    if (rid === undefined) continue;
    const r = resources.get(rid);
    if (!r) {
      err(`resid "${rid}" của <${el.name}> (dòng ${el.line}) không có trong <Resources>`);
      continue;
    }
    const want = expectedSection(el, parents.get(el));
    if (want && r.section !== want) err(`resid "${rid}" của <${el.name}> phải nằm trong <${want}>, đang ở <${r.section}>`);
  }

  // --- URLs: https, under the base URL
  const sourceLocation = at(root, "DefaultSettings/SourceLocation")?.attrs["DefaultValue"] ?? "";
  let base = options.baseUrl?.replace(/\/+$/, "");
  if (!base && sourceLocation) {
    try {
      const u = new URL(sourceLocation);
      base = `${u.origin}${u.pathname.replace(/\/[^/]*$/, "")}`;
    } catch {
      // reported below
    }
  }
  info.baseUrl = base;
  let baseHost = "";
  try {
    baseHost = base ? new URL(base).hostname : "";
  } catch {
    err(`URL gốc không hợp lệ: ${base}`);
  }
  const isLocalHost = (h: string) => h === "localhost" || h === "127.0.0.1" || h === "[::1]";
  const variant = options.variant ?? (isLocalHost(baseHost) ? "local" : "production");
  info.variant = variant;

  const urls: { where: string; url: string }[] = [];
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    const el = child(root, name);
    if (!el) continue;
    urls.push({ where: `<${name}>`, url: el.attrs["DefaultValue"] ?? "" });
    for (const o of childrenNamed(el, "Override")) urls.push({ where: `<${name}> Override`, url: o.attrs["Value"] ?? "" });
  }
  if (sourceLocation || at(root, "DefaultSettings/SourceLocation")) {
    urls.push({ where: "<DefaultSettings><SourceLocation>", url: sourceLocation });
  }
  for (const r of resources.values()) {
    if (r.section !== "bt:Images" && r.section !== "bt:Urls") continue;
    urls.push({ where: `tài nguyên "${r.id}"`, url: r.value });
    for (const o of r.overrides) urls.push({ where: `tài nguyên "${r.id}" (${o.locale})`, url: o.value });
  }
  for (const d of descendants(child(root, "AppDomains") ?? EMPTY)) {
    urls.push({ where: "<AppDomain>", url: d.text });
  }
  for (const { where, url } of urls) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      err(`${where}: URL không hợp lệ "${url}"`);
      continue;
    }
    if (u.protocol === "http:") {
      if (variant !== "local" || !isLocalHost(u.hostname)) {
        err(`${where}: phải dùng https (http chỉ được cho localhost ở bản local): ${url}`);
      }
    } else if (u.protocol !== "https:") err(`${where}: giao thức không hợp lệ ${u.protocol} trong ${url}`);
    if (variant === "production" && isLocalHost(u.hostname)) err(`${where}: bản production không được trỏ tới ${u.hostname}`);
    if (base && where !== "<AppDomain>" && !(url === base || url.startsWith(`${base}/`))) {
      err(`${where}: URL không nằm dưới URL gốc ${base}: ${url}`);
    }
    if (options.fileExists && base && url.startsWith(`${base}/`)) {
      const rel = url.slice(base.length + 1).replace(/[?#].*$/, "");
      if (rel && !options.fileExists(rel)) err(`${where}: không có tệp ${rel} trong bản build`);
    }
  }

  // --- shared runtime wiring
  const host = hostsEl ? childrenNamed(hostsEl, "Host").find((h) => h.attrs["xsi:type"] === "Workbook") : undefined;
  if (vo && !host) err(`<VersionOverrides>/<Hosts> phải có <Host xsi:type="Workbook">`);
  const runtimes = childrenNamed(child(host, "Runtimes") ?? EMPTY, "Runtime");
  const runtime = runtimes[0];
  if (host && host.children[0]?.name !== "Runtimes") err("<Runtimes> phải là phần tử đầu tiên trong <Host xsi:type=\"Workbook\">");
  if (!runtime) err("Thiếu <Runtimes><Runtime resid=… lifetime=\"long\"/></Runtimes> (shared runtime)");
  else if (runtime.attrs["lifetime"] !== "long") err(`<Runtime lifetime> phải là "long" (shared runtime)`);
  if (runtimes.length > 1) err("Chỉ dùng một <Runtime> (một shared runtime cho cả ngăn tác vụ và hàm)");
  const runtimeResid = runtime?.attrs["resid"];
  const cf = host
    ? descendants(host).find((e) => e.name === "ExtensionPoint" && e.attrs["xsi:type"] === "CustomFunctions")
    : undefined;
  if (host && !cf) err(`Thiếu <ExtensionPoint xsi:type="CustomFunctions">`);
  const pageResid = at(cf, "Page/SourceLocation")?.attrs["resid"];
  if (cf && runtimeResid && pageResid !== runtimeResid) {
    err(`CustomFunctions <Page> dùng resid "${pageResid}" nhưng <Runtime> dùng "${runtimeResid}": hàm sẽ chạy ở runtime khác`);
  }
  const functionFile = host ? descendants(host).find((e) => e.name === "FunctionFile") : undefined;
  if (functionFile && runtimeResid && functionFile.attrs["resid"] !== runtimeResid) {
    err(`<FunctionFile resid="${functionFile.attrs["resid"]}"> phải trùng resid của <Runtime> ("${runtimeResid}")`);
  }
  const showTaskpanes = host
    ? descendants(host).filter((e) => e.name === "Action" && e.attrs["xsi:type"] === "ShowTaskpane")
    : [];
  for (const a of showTaskpanes) {
    const r = child(a, "SourceLocation")?.attrs["resid"];
    if (runtimeResid && r !== runtimeResid) {
      err(`<Action xsi:type="ShowTaskpane"> (dòng ${a.line}) dùng resid "${r}", phải trùng <Runtime> ("${runtimeResid}")`);
    }
    if (child(a, "TaskpaneId")) err(`<Action xsi:type="ShowTaskpane"> không dùng <TaskpaneId> với shared runtime (dòng ${a.line})`);
  }
  if (runtimeResid) {
    const runtimeUrl = resources.get(runtimeResid)?.value;
    if (runtimeUrl && sourceLocation && runtimeUrl !== sourceLocation) {
      err(`URL của <Runtime> (${runtimeUrl}) khác <DefaultSettings><SourceLocation> (${sourceLocation})`);
    }
  }

  // --- custom functions
  if (cf) {
    const scriptRid = at(cf, "Script/SourceLocation")?.attrs["resid"];
    const metaRid = at(cf, "Metadata/SourceLocation")?.attrs["resid"];
    const nsRid = child(cf, "Namespace")?.attrs["resid"];
    if (!scriptRid) err("CustomFunctions thiếu <Script><SourceLocation resid=…/>");
    if (!metaRid) err("CustomFunctions thiếu <Metadata><SourceLocation resid=…/>");
    if (!nsRid) err("CustomFunctions thiếu <Namespace resid=…/>");
    const scriptUrl = scriptRid ? resources.get(scriptRid)?.value : undefined;
    if (scriptUrl && !/\.js([?#].*)?$/.test(scriptUrl)) err(`Script của hàm phải là tệp .js: ${scriptUrl}`);
    const meta = metaRid ? resources.get(metaRid) : undefined;
    if (meta && !/\/functions\.json([?#].*)?$/.test(meta.value)) err(`Metadata phải trỏ tới functions.json: ${meta.value}`);
    const ns = nsRid ? resources.get(nsRid) : undefined;
    if (ns) {
      info.namespace = ns.value;
      const want = options.namespace ?? "CT";
      if (ns.value !== want) err(`Namespace của hàm phải là "${want}", đang là "${ns.value}"`);
      if (ns.value.length > 32) err("Namespace dài hơn 32 ký tự");
      if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(ns.value)) err(`Namespace "${ns.value}" chỉ được có chữ, số, _ và .`);
      if (ns.overrides.length > 0) err("Namespace không được có <bt:Override>: công thức phải giống nhau ở mọi ngôn ngữ");
    }
  }

  // --- ribbon: Home tab button opening the task pane
  const tabs = host ? descendants(host).filter((e) => e.name === "OfficeTab") : [];
  const home = tabs.find((t) => t.attrs["id"] === "TabHome");
  if (host && !home) err(`Thiếu nút trên thẻ Trang đầu: <OfficeTab id="TabHome">`);
  if (home) {
    const buttons = descendants(home).filter((e) => e.name === "Control" && e.attrs["xsi:type"] === "Button");
    if (!buttons.some((b) => child(b, "Action")?.attrs["xsi:type"] === "ShowTaskpane")) {
      err("Thẻ Trang đầu chưa có nút mở ngăn tác vụ (Action ShowTaskpane)");
    }
  }

  // --- icons
  for (const icon of host ? descendants(host).filter((e) => e.name === "Icon") : []) {
    const sizes = new Set(childrenNamed(icon, "bt:Image").map((i) => i.attrs["size"]));
    for (const s of ["16", "32", "80"]) if (!sizes.has(s)) err(`<Icon> (dòng ${icon.line}) thiếu ảnh cỡ ${s}`);
  }
  for (const r of resources.values()) {
    if (r.section === "bt:Images" && !/\.png([?#].*)?$/i.test(r.value)) err(`Ảnh "${r.id}" phải là .png: ${r.value}`);
  }
  for (const name of ["IconUrl", "HighResolutionIconUrl"]) {
    const v = child(root, name)?.attrs["DefaultValue"];
    if (v && !/\.png([?#].*)?$/i.test(v)) err(`<${name}> phải là ảnh .png: ${v}`);
  }

  return { ok: errors.length === 0, errors, info };
}
