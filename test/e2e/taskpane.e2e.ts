// E2E scenario in Chromium: the built task pane against a real `wrangler dev`, with the in-memory Excel fake
// injected in place of office.js. Commune: connect → open form → type (one invalid) → see the error → fix →
// push; then one task row on the task list (Phụ lục 2). Admin: pull the merged table and see the value and its
// assessment in the fake sheet and the pane; pull the task list grouped by commune with its budget total.
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "playwright-core";

interface Token {
  label: string;
  unit: string;
  unitName: string;
  token: string;
}
interface Args {
  baseUrl: string;
  tokens: Token[];
  fakeOfficeJs: string;
  outDir: string;
  chromium: string;
  userDataDir: string;
}
export interface Result {
  name: string;
  ok: boolean;
  error?: string;
}

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const FORM = "pl1-xa";
const PERIOD = "2025-N";
const TASKS = "pl2-xa";
const TASK_NAME = "Số hóa hồ sơ địa chính";

function check(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg);
}

export async function run(a: Args): Promise<Result[]> {
  const commune = a.tokens.find((t) => /xã/i.test(t.label));
  const admin = a.tokens.find((t) => /quản trị/i.test(t.label));
  check(commune && admin, `dev tokens not found in seed: ${a.tokens.map((t) => t.label).join(", ")}`);
  const fake = readFileSync(a.fakeOfficeJs, "utf8");
  const context = await chromium.launchPersistentContext(a.userDataDir, {
    executablePath: a.chromium,
    headless: true,
    viewport: { width: 1500, height: 950 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const results: Result[] = [];
  let n = 0;
  const shot = async (page: Page, name: string) => {
    n++;
    await page.waitForTimeout(400); // let the grid view repaint
    await page.screenshot({ path: path.join(a.outDir, `${String(n).padStart(2, "0")}-${name}.png`) });
  };
  const step = async (name: string, fn: () => Promise<void>) => {
    if (results.some((r) => !r.ok)) {
      results.push({ name, ok: false, error: "skipped after an earlier failure" });
      return;
    }
    try {
      await fn();
      results.push({ name, ok: true });
    } catch (e) {
      results.push({ name, ok: false, error: e instanceof Error ? e.message : String(e) });
      await page.screenshot({ path: path.join(a.outDir, `failure-${name.replace(/\W+/g, "-")}.png`) }).catch(() => undefined);
    }
  };

  // Nothing may leave the machine; office.js is answered with the fake (routes registered later win).
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await context.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "application/javascript", body: fake }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  let sheet = "";
  let row5G = 0;

  try {
    await step("loads with the fake Office host", async () => {
      const res = await page.goto(`${a.baseUrl}/taskpane.html`);
      // Security headers from addin/public/_headers, as wrangler dev serves them; the page works under its CSP.
      const h = res ? await res.allHeaders() : {};
      check(h["x-content-type-options"] === "nosniff", `nosniff: ${h["x-content-type-options"]}`);
      check(h["referrer-policy"] === "no-referrer", `Referrer-Policy: ${h["referrer-policy"]}`);
      check((h["content-security-policy"] ?? "").includes("script-src 'self' https://appsforoffice.microsoft.com"), `CSP: ${h["content-security-policy"]}`);
      await page.getByTestId("connect").waitFor({ timeout: 15_000 });
      check(await page.evaluate(() => typeof window.__fakeExcel === "object"), "fake Excel not installed");
      await shot(page, "loaded");
    });

    await step("the CT.* functions are registered and answer (doubt texts load on demand)", async () => {
      const ids = await page.evaluate(() => window.__fakeExcel.functions());
      check(ids.includes("TARGET") && ids.includes("MUCTIEU") && ids.length === 18, `registered: ${ids.join(", ")}`);
      const target = await page.evaluate(() => window.__fakeExcel.invoke("TARGET", ["5G", 2030]));
      check(JSON.stringify(target) === JSON.stringify({ value: 1 }), `TARGET: ${JSON.stringify(target)}`);
      const text = (await page.evaluate(() => window.__fakeExcel.invoke("TARGETTEXT", ["5G", 2035]))) as { value?: string };
      check(typeof text.value === "string" && text.value.startsWith("100% (nghi vấn: Dòng này"), `TARGETTEXT: ${JSON.stringify(text)}`);
      const na = (await page.evaluate(() => window.__fakeExcel.invoke("TARGET", ["5H", 2030]))) as { error?: string; message?: string };
      check(na.error === "#N/A" && /Có phải: 5G/.test(na.message ?? ""), `#N/A: ${JSON.stringify(na)}`);
    });

    await step("commune connects (unit, role, reachability)", async () => {
      await page.getByTestId("token").fill(commune!.token);
      await page.getByTestId("connect").click();
      await page.getByTestId("unit").waitFor({ timeout: 10_000 });
      const unit = await page.getByTestId("unit").innerText();
      check(unit.includes(commune!.unitName), `unit shown: ${unit}`);
      check((await page.getByTestId("reachable").innerText()).includes("Đã kết nối"), "not reachable");
      const stored = await page.evaluate(() => localStorage.getItem("chiTieu.token"));
      check(stored === commune!.token, "token not kept in localStorage");
      await shot(page, "connected");
    });

    await step("opens the commune form in the appendix layout", async () => {
      await page.getByTestId("form").selectOption(FORM);
      await page.getByTestId("period").selectOption(PERIOD);
      await page.getByTestId("open").click();
      await page.waitForFunction(() => window.__fakeExcel.sheets().some((s) => s.startsWith("Phụ lục 1")), null, { timeout: 10_000 });
      sheet = await page.evaluate(() => window.__fakeExcel.activeSheet());
      const at = await page.evaluate((s) => window.__fakeExcel.find(s, "Tỉ lệ phủ sóng 5G", false), sheet);
      check(at, "5G row not found in the sheet");
      row5G = Number(at.replace(/^[A-Z]+/, ""));
      const head = await page.evaluate((s) => window.__fakeExcel.find(s, "Thực hiện kỳ báo cáo"), sheet);
      check(head === `E${row5G - 2}` || head !== null, "header missing");
      // The workbook settings must not hold the token.
      const settings = await page.evaluate(() => JSON.stringify([...window.__fakeExcel.doc.settings.values()]));
      check(!settings.includes("tok_"), "token leaked into the workbook");
      await shot(page, "form-opened");
    });

    await step("typing an invalid value shows the error in the pane and marks the cell", async () => {
      await page.evaluate(
        ({ s, r }) => {
          window.__fakeExcel.setCell(s, `E${r}`, "85%");
          window.__fakeExcel.setCell(s, `E${r + 1}`, "1,2,3");
        },
        { s: sheet, r: row5G },
      );
      await page.getByTestId("issue").first().waitFor({ timeout: 10_000 });
      const text = await page.getByTestId("issues").innerText();
      check(text.includes(`E${row5G + 1}`), `issue list: ${text}`);
      await page.waitForFunction(({ s, r }) => window.__fakeExcel.fill(s, `E${r + 1}`) === "#FFC7CE", { s: sheet, r: row5G }, { timeout: 5_000 });
      await page.getByTestId("issue").first().click();
      await page.waitForFunction((r) => window.__fakeExcel.selection()?.rect.r0 === r, row5G, { timeout: 5_000 });
      await shot(page, "invalid-value");
    });

    await step("fixing the value clears the error", async () => {
      await page.evaluate(({ s, r }) => window.__fakeExcel.setCell(s, `E${r + 1}`, "70%"), { s: sheet, r: row5G });
      await page.getByTestId("no-issues").waitFor({ timeout: 10_000 });
      const fill = await page.evaluate(({ s, r }) => window.__fakeExcel.fill(s, `E${r + 1}`), { s: sheet, r: row5G });
      check(fill !== "#FFC7CE", `still marked: ${fill}`);
      await shot(page, "fixed");
    });

    await step("push: receipt shown and kept in the sheet metadata", async () => {
      await page.getByTestId("push").click();
      await page.getByTestId("receipt").waitFor({ timeout: 15_000 });
      const receipt = await page.getByTestId("receipt").innerText();
      check(/lần gửi\s*1/.test(receipt), `receipt: ${receipt}`);
      const meta = await page.evaluate(() => [...window.__fakeExcel.doc.settings.values()].join(""));
      check(meta.includes("lastReceipt") && meta.includes('\\"revision\\":1'), "receipt not in sheet metadata");
      await shot(page, "pushed");
    });

    await step("commune pushes a task row on the task list (Phụ lục 2)", async () => {
      await page.getByTestId("form").selectOption(TASKS);
      await page.getByTestId("open").click();
      await page.waitForFunction(() => window.__fakeExcel.sheets().some((x) => x.startsWith("Phụ lục 2")), null, { timeout: 10_000 });
      const tasks = await page.evaluate(() => window.__fakeExcel.activeSheet());
      const head = await page.evaluate((x) => window.__fakeExcel.find(x, "Tên nhiệm vụ"), tasks);
      check(head, "task header missing");
      const r = Number(head.replace(/^[A-Z]+/, "")) + 1;
      await page.evaluate(
        ({ x, r, name }) => {
          window.__fakeExcel.setCell(x, `A${r}`, "1");
          window.__fakeExcel.setCell(x, `B${r}`, name);
          window.__fakeExcel.setCell(x, `C${r}`, "UBND xã");
          window.__fakeExcel.setCell(x, `F${r}`, "250");
        },
        { x: tasks, r, name: TASK_NAME },
      );
      await page.getByTestId("push").click();
      // The new row's id is written into the hidden id column (H) on push.
      await page.waitForFunction(({ x, r }) => /^t1-[a-z0-9]{6}$/.test(window.__fakeExcel.text(x, `H${r}`)), { x: tasks, r }, { timeout: 15_000 });
      await shot(page, "task-pushed");
    });

    await step("admin pulls the merged table with assessment, completeness and chart", async () => {
      await page.getByTestId("token").fill(admin!.token);
      await page.getByTestId("connect").click();
      await page.waitForFunction((name) => document.querySelector("[data-testid=unit]")?.textContent?.includes(name), admin!.unitName, { timeout: 10_000 });
      await page.getByTestId("form").selectOption(FORM);
      await page.getByTestId("period").selectOption(PERIOD);
      await page.getByTestId("chart-items").fill("5G, BANGRONG_1GB");
      await page.getByTestId("pull").click();
      await page.getByTestId("pulled").waitFor({ timeout: 15_000 });
      const merged = await page.evaluate(() => window.__fakeExcel.activeSheet());
      check(merged.startsWith("TH "), `active sheet ${merged}`);
      const dump = await page.evaluate((s) => window.__fakeExcel.dump(s), merged);
      const row = dump.find((r) => r.some((c) => c.includes("phủ sóng 5G")));
      check(row, "5G row missing in merged sheet");
      check(row.some((c) => c.includes("85%")), `5G row: ${row.join(" | ")}`);
      check(row.some((c) => ["Vượt", "Đạt", "Không đạt", "Chưa đánh giá"].includes(c)), `no assessment: ${row.join(" | ")}`);
      const charts = await page.evaluate(() => window.__fakeExcel.charts());
      check(charts.length === 1, "no chart");
      const pulled = await page.getByTestId("pulled").innerText();
      check(/1\/\d+/.test(pulled), `completeness: ${pulled}`);
      await shot(page, "pulled-merged");
    });

    await step("admin pulls the task list grouped by commune with the budget total", async () => {
      await page.getByTestId("form").selectOption(TASKS);
      check((await page.getByTestId("chart-items").count()) === 0, "chart input shown for a task list");
      await page.getByTestId("pull").click();
      await page.getByTestId("pulled-tasks").waitFor({ timeout: 15_000 });
      const tasks = await page.evaluate(() => window.__fakeExcel.activeSheet());
      check(tasks.startsWith("TH Phụ lục 2"), `active sheet ${tasks}`);
      const dump = await page.evaluate((x) => window.__fakeExcel.dump(x), tasks);
      check(dump.some((r) => r[0] === "Đơn vị" && r[2] === "Tên nhiệm vụ"), "header with Đơn vị missing");
      const row = dump.find((r) => r.includes(TASK_NAME));
      check(row && row[0] === commune!.unitName, `task row: ${row?.join(" | ")}`);
      check(row.some((c) => c === "250,0"), `budget not a money number: ${row.join(" | ")}`);
      check(dump.some((r) => r[0] === commune!.unitName && r[2] === "1 nhiệm vụ"), "commune group row missing");
      check(dump.some((r) => r[0] === "Tổng cộng"), "total row missing");
      const text = await page.getByTestId("pulled-tasks").innerText();
      check(/Tổng kinh phí:\s*250\b/.test(text), `pane total: ${text}`);
      check((await page.evaluate(() => window.__fakeExcel.charts())).length === 1, "a chart was added for the task list");
      await shot(page, "pulled-tasks");
    });

    await step("no page errors", async () => {
      check(errors.length === 0, errors.join("; "));
    });
  } finally {
    await context.close();
  }
  return results;
}
