// E2E for the leaders' page (/lanh-dao.html) in Chromium against a real `wrangler dev`: a commune token is refused,
// the viewer sees the completeness board and the assessment counts for a period, downloads the .xlsx, and the page
// works at phone width. Screenshots in test-output/e2e/leaders-NN-*.png.
import { readFileSync } from "node:fs";
import path from "node:path";
import XLSX from "xlsx";
import { check, openBrowser, stepper, type Args, type Result } from "./harness.js";


const PERIOD_LABEL = "Năm 2026";

export async function run(a: Args): Promise<Result[]> {
  const viewer = a.tokens.find((t) => /lãnh đạo/i.test(t.label));
  const commune = a.tokens.find((t) => /xã/i.test(t.label));
  check(viewer && commune, `dev tokens not found: ${a.tokens.map((t) => t.label).join(", ")}`);

  // Data to look at: the commune reports Phụ lục 1 for the year.
  const push = await fetch(`${a.baseUrl}/api/submissions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${commune.token}`, "Content-Type": "application/json", "Idempotency-Key": `leaders-e2e-${Date.now()}` },
    body: JSON.stringify({ form: "pl1-xa", period: "2026-N", baseRevision: 0, cells: [{ item: "5G", field: "actual", raw: "65%" }, { item: "5G", field: "projected", raw: "70%" }] }),
  });
  check(push.status === 201 || push.status === 409, `seeding a push: ${push.status} ${await push.text()}`);

  const context = await openBrowser(a, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const results: Result[] = [];
  const { shot, step } = stepper(a, results, () => page, { file: "leaders-" });

  try {
    await step("leaders' page: a commune's token is refused with a clear message", async () => {
      await page.goto(`${a.baseUrl}/lanh-dao.html`);
      await page.getByTestId("token").fill(commune.token);
      await page.getByTestId("sign-in").click();
      await page.getByTestId("error").waitFor({ timeout: 10_000 });
      const msg = await page.getByTestId("error").innerText();
      check(msg.includes("không có quyền xem bảng tổng hợp") && msg.includes(commune.unitName), `message: ${msg}`);
      await shot(page, "commune-refused");
    });

    await step("leaders' page: the viewer sees the board, the counts and every unit for a period", async () => {
      await page.getByTestId("token").fill(viewer.token);
      await page.getByTestId("sign-in").click();
      await page.getByTestId("period").waitFor({ timeout: 10_000 });
      await page.getByTestId("period").selectOption({ label: PERIOD_LABEL });
      const card = page.getByTestId("form-pl1-xa");
      await card.getByTestId("submitted").waitFor({ timeout: 10_000 });
      const sub = await card.getByTestId("submitted").innerText();
      check(/Đã nộp\s*1\s*\/\s*166 đơn vị/.test(sub), `submitted: ${sub}`);
      await card.getByTestId("summary").waitFor({ timeout: 10_000 });
      const summary = await card.getByTestId("summary").innerText();
      check(summary.includes("Chưa đánh giá được") && summary.includes("Vượt"), `summary: ${summary}`);
      // Phụ lục I shows its counts per group (I–V) as the report does.
      const groups = await page.getByTestId("form-pl1-tinh").getByTestId("groups").innerText();
      check(groups.includes("Nhóm chỉ tiêu") && /\bV\b/.test(groups), `per-group counts: ${groups}`);
      await shot(page, "board-desktop");
      // Every unit is listed (165 not yet submitted), never cut at 20.
      await card.getByTestId("toggle-units").click();
      const rows = await card.getByTestId("units").locator("tbody tr").count();
      check(rows === 165, `listed ${rows} units`);
      const body = await page.locator("body").innerText();
      check(!/2026-N|pl1-xa|tok_/.test(body), "an internal code reached the page");
      await shot(page, "board-units-listed");
      await card.getByTestId("toggle-units").click();
    });

    await step("leaders' page: downloads the merged table as .xlsx", async () => {
      const card = page.getByTestId("form-pl1-xa");
      const [download] = await Promise.all([page.waitForEvent("download"), card.getByTestId("xlsx-pl1-xa").click()]);
      check(download.suggestedFilename().endsWith(".xlsx"), `file: ${download.suggestedFilename()}`);
      const file = path.join(a.outDir, "leaders-download.xlsx");
      await download.saveAs(file);
      const wb = XLSX.read(readFileSync(file), { type: "buffer" });
      // A summary sheet first, then the table; the commune's figure is a number (0,65 shown as 65%).
      check(wb.SheetNames.length >= 2, `sheets: ${wb.SheetNames.join(", ")}`);
      const table = wb.Sheets[wb.SheetNames.at(-1)!]!;
      const rows = XLSX.utils.sheet_to_json<unknown[]>(table, { header: 1, raw: true });
      const text = JSON.stringify(rows);
      check(text.includes("Phường Hạc Thành"), "the download does not name the commune");
      check(rows.some((r) => r.includes(0.65)), "the commune's 65% is not a number in the download");
    });

    await step("leaders' page: usable at phone width", async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId("form-pl1-xa").getByTestId("summary").waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      check(overflow <= 1, `page scrolls sideways by ${overflow}px on a phone`);
      await shot(page, "board-phone");
    });

    await step("leaders' page: sign out forgets the token", async () => {
      await page.getByTestId("sign-out").click();
      await page.getByTestId("sign-in").waitFor({ timeout: 5_000 });
      check((await page.evaluate(() => localStorage.getItem("chiTieu.leaders.token"))) === null, "token kept after sign-out");
    });

    await step("leaders' page: no page errors", async () => {
      check(errors.length === 0, `page errors: ${errors.join(" | ")}`);
    });
  } finally {
    await context.close();
  }
  return results;
}
