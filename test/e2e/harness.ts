// What the three e2e scenarios (taskpane, admin, leaders) share: their arguments and results, a Chromium profile in
// which nothing leaves the machine (office.js answered by the Excel fake), numbered screenshots, steps that stop after
// the first failure with a screenshot of it, the server as another workbook would call it, connecting the pane.
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export interface Token {
  label: string;
  unit: string;
  unitName: string;
  token: string;
}
export interface Args {
  baseUrl: string;
  tokens: Token[];
  /** The Excel fake, served in place of office.js (the task pane scenarios). */
  fakeOfficeJs?: string;
  outDir: string;
  chromium: string;
  userDataDir: string;
}
export interface Result {
  name: string;
  ok: boolean;
  error?: string;
}

export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
export const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

export function check(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg);
}

/** A headless Chromium profile; nothing may leave the machine, and office.js is answered with the fake when given. */
export async function openBrowser(
  a: Args,
  opts: { viewport: { width: number; height: number }; vietnam?: boolean; acceptDownloads?: boolean },
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(a.userDataDir, {
    executablePath: a.chromium,
    headless: true,
    viewport: opts.viewport,
    ...(opts.vietnam ? { timezoneId: "Asia/Ho_Chi_Minh", locale: "vi-VN" } : {}),
    ...(opts.acceptDownloads ? { acceptDownloads: true } : {}),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // Routes registered later win: every other origin is refused, then office.js is answered with the fake.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  if (a.fakeOfficeJs) {
    const fake = readFileSync(a.fakeOfficeJs, "utf8");
    await context.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "application/javascript", body: fake }));
  }
  return context;
}

/**
 * Numbered screenshots ("<file>NN-name.png") and steps: a step after a failed one is reported as skipped; a failing
 * step leaves "<file>failure-….png". `name` prefixes the step names in the results.
 */
export function stepper(a: Args, results: Result[], page: () => Page, prefix: { name?: string; file?: string } = {}) {
  const file = prefix.file ?? "";
  const label = (name: string) => `${prefix.name ?? ""}${name}`;
  let n = 0;
  const shot = async (p: Page, name: string, scrollTo?: string) => {
    n++;
    if (scrollTo) await p.getByTestId(scrollTo).first().scrollIntoViewIfNeeded().catch(() => undefined);
    await p.waitForTimeout(400); // let the grid view repaint
    await p.screenshot({ path: path.join(a.outDir, `${file}${String(n).padStart(2, "0")}-${name}.png`) });
  };
  const step = async (name: string, fn: () => Promise<void>) => {
    if (results.some((r) => !r.ok)) {
      results.push({ name: label(name), ok: false, error: "skipped after an earlier failure" });
      return;
    }
    try {
      await fn();
      results.push({ name: label(name), ok: true });
    } catch (e) {
      results.push({ name: label(name), ok: false, error: e instanceof Error ? e.message : String(e) });
      await page()
        .screenshot({ path: path.join(a.outDir, `${file}failure-${name.replace(/\W+/g, "-").slice(0, 60)}.png`) })
        .catch(() => undefined);
    }
  };
  return { shot, step };
}

/** The server, as another workbook or the Sở KH&CN would call it. */
export function apiOf(baseUrl: string) {
  return async (method: string, url: string, token: string, body?: unknown, key?: string) => {
    const r = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}), ...(key ? { "Idempotency-Key": key } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };
}

/** Signs the pane out (confirming when asked) and connects with `tok`; waits for the connection badge's verdict. */
export async function connectAs(page: Page, tok: string) {
  const testid = (id: string) => page.getByTestId(id);
  if ((await testid("sign-out").count()) > 0) {
    await testid("sign-out").click();
    if ((await testid("sign-out-yes").count()) > 0) await testid("sign-out-yes").click();
  }
  await testid("token").fill(tok);
  await testid("connect").click();
  await page.waitForFunction(
    () => /Đã kết nối|Connected|không đúng|Wrong|Không tới|unreachable/.test(document.querySelector("[data-testid=reachable]")?.textContent ?? ""),
    null,
    { timeout: 10_000 },
  );
}
