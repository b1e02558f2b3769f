// E2E scenario in Chromium (forced to Asia/Ho_Chi_Minh, on a machine that may run in UTC): the built task pane against a
// real `wrangler dev`, with the in-memory Excel fake injected in place of office.js. One step per behaviour of issue 10:
// nothing before connecting; a wrong token is never "connected"; periods from the server; a push changes only what
// the clerk changed (clearing asks first; an adopted legacy sheet and "keep mine" after a 409 keep server-only cells);
// a refused queued push is shown and can be discarded; sign-out asks and clears the token; queued pushes go only with
// their unit; Vietnam time; pulls rewrite one sheet; the department form; an English Excel shows only English.
import { type Page } from "playwright-core";
import { formatVnDateTime } from "../../shared/time.js";
import { apiOf, check, connectAs as connectAsIn, openBrowser, stepper, VIETNAMESE, type Args, type Result } from "./harness.js";


const FORM = "pl1-xa";
const PERIOD = "2025-N";
const TASKS = "pl2-xa";
const TASK_NAME = "Số hóa hồ sơ địa chính";


export async function run(a: Args): Promise<Result[]> {
  const find = (re: RegExp) => a.tokens.find((t) => re.test(t.label));
  const commune = find(/xã/i);
  const admin = find(/quản trị/i);
  const viewer = find(/lãnh đạo/i);
  const dept = find(/sở\/ngành/i);
  const party = find(/Đảng/i);
  check(commune && admin && viewer && dept && party, `dev tokens not found in seed: ${a.tokens.map((t) => t.label).join(", ")}`);
  const context = await openBrowser(a, { viewport: { width: 1500, height: 950 }, vietnam: true });
  const results: Result[] = [];
  let page!: Page;
  const { shot, step } = stepper(a, results, () => page);
  /** The server, as another workbook or the Sở KH&CN would use it. */
  const api = apiOf(a.baseUrl);
  const current = async () => (await api("GET", `/api/current?form=${FORM}&period=${PERIOD}`, commune!.token)).body as { revision: number; cells: { item: string; field: string; raw: string }[] };
  const fx = <T,>(fn: () => T) => page.evaluate(fn);
  const testid = (id: string) => page.getByTestId(id);
  const connectAs = (tok: string) => connectAsIn(page, tok);
  const rowOf = (address: string) => Number(address.replace(/^[A-Z]+/, ""));

  page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  let sheet = "";
  let row5G = 0;

  try {
    await step("before connecting nothing can be opened, sent or pulled", async () => {
      const res = await page.goto(`${a.baseUrl}/taskpane.html`);
      // Security headers from addin/public/_headers, as wrangler dev serves them; the page works under its CSP.
      const h = res ? await res.allHeaders() : {};
      check(h["x-content-type-options"] === "nosniff", `nosniff: ${h["x-content-type-options"]}`);
      check(h["referrer-policy"] === "no-referrer", `Referrer-Policy: ${h["referrer-policy"]}`);
      check((h["content-security-policy"] ?? "").includes("script-src 'self' https://appsforoffice.microsoft.com"), `CSP: ${h["content-security-policy"]}`);
      await testid("connect").waitFor({ timeout: 15_000 });
      check(await fx(() => typeof window.__fakeExcel === "object"), "fake Excel not installed");
      for (const id of ["open", "push", "validate", "adopt"]) check(await testid(id).isDisabled(), `${id} enabled before connecting`);
      check((await testid("pull").count()) === 0, "pull offered before connecting");
      check((await testid("reachable").count()) === 0, "a connection badge before connecting");
      await shot(page, "not-connected");
    });

    await step("a wrong token shows why and never 'Đã kết nối'", async () => {
      await connectAs("tok_wrong.0000000000000000");
      const badge = await testid("reachable").innerText();
      check(/không đúng/.test(badge) && !/Đã kết nối/.test(badge), `badge: ${badge}`);
      check(await testid("push").isDisabled(), "push enabled with a wrong token");
      await shot(page, "wrong-token");
    });

    await step("the CT.* functions are registered and answer (doubt texts load on demand)", async () => {
      const ids = await page.evaluate(() => window.__fakeExcel.functions());
      check(ids.includes("TARGET") && ids.includes("MUCTIEU") && ids.includes("TASKSTATUS") && ids.length === 20, `registered: ${ids.join(", ")}`);
      const target = await page.evaluate(() => window.__fakeExcel.invoke("TARGET", ["5G", 2030]));
      check(JSON.stringify(target) === JSON.stringify({ value: 1 }), `TARGET: ${JSON.stringify(target)}`);
      const text = (await page.evaluate(() => window.__fakeExcel.invoke("TARGETTEXT", ["5G", 2035]))) as { value?: string };
      check(typeof text.value === "string" && text.value.startsWith("100% (nghi vấn: Dòng này"), `TARGETTEXT: ${JSON.stringify(text)}`);
      const na = (await page.evaluate(() => window.__fakeExcel.invoke("TARGET", ["5H", 2030]))) as { error?: string; message?: string };
      check(na.error === "#N/A" && /Có phải: 5G/.test(na.message ?? ""), `#N/A: ${JSON.stringify(na)}`);
    });

    await step("commune connects: the badge names the unit; periods come from the server with labels", async () => {
      await connectAs(commune!.token);
      const badge = await testid("reachable").innerText();
      check(badge.includes(`Đã kết nối: ${commune!.unitName}`), `badge: ${badge}`);
      check((await fx(() => localStorage.getItem("chiTieu.token"))) === commune!.token, "token not kept in localStorage");
      const periods = (await api("GET", `/api/periods?form=${FORM}`, commune!.token)).body as { current: string; periods: { id: string; label: string }[] };
      await page.waitForFunction((nOpt) => document.querySelectorAll("[data-testid=period] option").length === nOpt, periods.periods.length, { timeout: 10_000 });
      const options = await page.$$eval("[data-testid=period] option", (os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
      check(JSON.stringify(options) === JSON.stringify(periods.periods.map((p) => [p.id, p.label])), `options ${JSON.stringify(options)}`);
      check((await testid("period").inputValue()) === periods.current, `default ${await testid("period").inputValue()} ≠ ${periods.current}`);
      check(!/\d{4}-(N|6T)/.test(await testid("report").innerText()), "a period id is shown");
      check((await testid("pull").count()) === 0, "a commune is offered the province summary");
      await shot(page, "connected-periods");
    });

    await step("opens the commune form: one sheet named by appendix and period label", async () => {
      await testid("form").selectOption(FORM);
      await testid("period").selectOption(PERIOD);
      await testid("open").click();
      await page.waitForFunction(() => window.__fakeExcel.sheets().includes("Phụ lục 1 Năm 2025"), null, { timeout: 10_000 });
      sheet = await fx(() => window.__fakeExcel.activeSheet());
      check(sheet === "Phụ lục 1 Năm 2025", `sheet ${sheet}`);
      const at = await page.evaluate((s) => window.__fakeExcel.find(s, "Tỉ lệ phủ sóng 5G", false), sheet);
      check(at, "5G row not found in the sheet");
      row5G = rowOf(at);
      const settings = await fx(() => JSON.stringify([...window.__fakeExcel.doc.settings.values()]));
      check(!settings.includes("tok_"), "token leaked into the workbook");
      await shot(page, "form-opened");
    });

    await step("an invalid value is named by STT and name, never by codes", async () => {
      await page.evaluate(({ s, r }) => (window.__fakeExcel.setCell(s, `E${r}`, "85%"), window.__fakeExcel.setCell(s, `E${r + 1}`, "1,2,3")), { s: sheet, r: row5G });
      await testid("issue").first().waitFor({ timeout: 10_000 });
      const text = await testid("issues").innerText();
      check(text.includes(`E${row5G + 1}`) && /2\. Tỉ lệ người sử dụng/.test(text) && text.includes("Thực hiện kỳ báo cáo"), `issue list: ${text}`);
      check(!/BANGRONG|actual|\(\w+_\w+\)/.test(text), `codes in: ${text}`);
      check((await testid("issue-count").innerText()) === "1 lỗi, 0 cảnh báo", await testid("issue-count").innerText());
      await page.waitForFunction(({ s, r }) => window.__fakeExcel.fill(s, `E${r + 1}`) === "#FFC7CE", { s: sheet, r: row5G }, { timeout: 5_000 });
      await testid("issue").first().click();
      await page.waitForFunction((r) => window.__fakeExcel.selection()?.rect.r0 === r, row5G, { timeout: 5_000 });
      await shot(page, "invalid-value");
      await page.evaluate(({ s, r }) => window.__fakeExcel.setCell(s, `E${r + 1}`, "70%"), { s: sheet, r: row5G });
      await testid("no-issues").waitFor({ timeout: 10_000 });
    });

    await step("push: receipt in Vietnam time (the browser's zone is Asia/Ho_Chi_Minh, the server's UTC)", async () => {
      await testid("push").click();
      await testid("receipt").waitFor({ timeout: 15_000 });
      const receipt = await testid("receipt").innerText();
      check(/lần gửi 1\b/.test(receipt), `receipt: ${receipt}`);
      const meta = await fx(() => [...window.__fakeExcel.doc.settings.values()].join(""));
      const at = /receivedAt\\":\\"([^\\]+)\\"/.exec(meta)?.[1];
      check(at, "receipt time not in the sheet metadata");
      const shown = await testid("receipt-time").innerText();
      check(shown === formatVnDateTime(at), `receipt time ${shown} ≠ ${formatVnDateTime(at)} (${at})`);
      check(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(shown) && !shown.includes(at.slice(11, 16)), `not Vietnam time: ${shown} for ${at}`);
      await shot(page, "pushed");
    });

    await step("clearing a submitted value asks before deleting it (Sẽ xóa 1 giá trị đã gửi trước đây)", async () => {
      const before = await current();
      await page.evaluate(({ s, r }) => window.__fakeExcel.setCell(s, `E${r}`, ""), { s: sheet, r: row5G });
      await testid("push").click();
      await testid("confirm-delete").waitFor({ timeout: 10_000 });
      check((await testid("confirm-delete-title").innerText()) === "Sẽ xóa 1 giá trị đã gửi trước đây", await testid("confirm-delete-title").innerText());
      const row = await testid("delete-row").innerText();
      check(/1\. Tỉ lệ phủ sóng 5G/.test(row) && row.includes("Thực hiện kỳ báo cáo") && row.includes("85%"), `row: ${row}`);
      await shot(page, "confirm-delete");
      await testid("confirm-delete-no").click();
      check((await current()).revision === before.revision, "sent without a confirm");
      await testid("push").click();
      await testid("confirm-delete-yes").click();
      await testid("receipt").waitFor({ timeout: 15_000 });
      const after = await current();
      check(after.revision === before.revision + 1 && !after.cells.some((c) => c.item === "5G"), `after: ${JSON.stringify(after)}`);
      // Put it back for the later steps.
      await page.evaluate(({ s, r }) => window.__fakeExcel.setCell(s, `E${r}`, "85%"), { s: sheet, r: row5G });
      await testid("push").click();
      await page.waitForFunction(() => /lần gửi 3\b/.test(document.querySelector("[data-testid=receipt]")?.textContent ?? ""), null, { timeout: 15_000 });
    });

    await step("an adopted legacy sheet with 2 rows and 'keep mine' after a 409 keep the server's 14 other values", async () => {
      // Another workbook of the commune reports 8 indicators × 2 fields.
      const cur = await current();
      const items = ["5G", "BANGRONG_1GB", "CBCC_XA_KNS", "CBCCVC_KNS", "DS_TIEPCAN_DVS", "KQ_UNGDUNG", "DN_DOIMOI_QT", "TTHC_PHIDIAGIOI"];
      const cells = items.flatMap((item, i) => [
        { item, field: "actual", raw: `${60 + i}%` },
        { item, field: "note", raw: `Nguồn ${i + 1}` },
      ]);
      const put = await api("POST", "/api/submissions", commune!.token, { form: FORM, period: PERIOD, baseRevision: cur.revision, cells }, `e2e-other-${Date.now()}`);
      check(put.status === 201, `other workbook push: ${JSON.stringify(put)}`);
      // This workbook has an old sheet with two rows of the appendix.
      await fx(() => {
        const d = window.__fakeExcel.doc;
        d.addSheet("Bảng cũ");
        window.__fakeExcel.paste("Bảng cũ", "A1", [
          ["TT", "Nội dung chỉ tiêu", "Đơn vị tính/đo lường", "Chỉ tiêu", "Thực hiện kỳ báo cáo", "Ước thực hiện cả năm", "Ghi chú"],
          ["1", "Tỉ lệ phủ sóng 5G trên địa bàn", "%", "60%", "", "", ""],
          ["2", "Tỉ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ trên 01 Gb/s", "%", "60%", "", "", ""],
        ]);
        d.selectUser("Bảng cũ", "E2");
      });
      await testid("adopt").click();
      await testid("proposal").waitFor({ timeout: 10_000 });
      await testid("adopt-confirm").click();
      await page.waitForFunction(() => /16 giá trị/.test(document.querySelector("[data-testid=adopt-note]")?.textContent ?? ""), null, { timeout: 10_000 });
      await fx(() => window.__fakeExcel.setCell("Bảng cũ", "E2", "66%"));
      // Meanwhile the other workbook changes a row this sheet does not have.
      const mid = await current();
      const again = [...cells.filter((c) => !(c.item === "KQ_UNGDUNG" && c.field === "actual")), { item: "KQ_UNGDUNG", field: "actual", raw: "99%" }];
      check((await api("POST", "/api/submissions", commune!.token, { form: FORM, period: PERIOD, baseRevision: mid.revision, cells: again }, `e2e-other2-${Date.now()}`)).status === 201, "second push of the other workbook");
      await testid("push").click();
      await testid("conflict").waitFor({ timeout: 15_000 });
      const view = await testid("conflict").innerText();
      check(/1 ô chỉ máy chủ thay đổi/.test(view) && /1 ô chỉ bạn thay đổi/.test(view) && /Không có ô nào cả hai bên/.test(view), `conflict view: ${view}`);
      await page.locator("[data-testid=auto-server] summary").click();
      await shot(page, "conflict-merge");
      await testid("send-merged").click();
      await testid("receipt").waitFor({ timeout: 15_000 });
      const after = await current();
      const get = (item: string, field = "actual") => after.cells.find((c) => c.item === item && c.field === field)?.raw;
      check(after.cells.length === 16, `server has ${after.cells.length} cells: ${JSON.stringify(after.cells)}`);
      check(get("5G") === "66%" && get("KQ_UNGDUNG") === "99%" && get("BANGRONG_1GB") === "61%" && get("5G", "note") === "Nguồn 1", JSON.stringify(after.cells));
      check(/15 giá trị trên máy chủ mà trang tính không hiển thị được giữ nguyên/.test(await testid("receipt").innerText()), await testid("receipt").innerText());
    });

    await step("a queued push refused by the server (423) shows the server's reason and can be discarded", async () => {
      await fx(() => window.__fakeExcel.setCell("Bảng cũ", "E3", "62%"));
      await page.route("**/api/submissions", (route) => route.abort());
      await testid("push").click();
      await testid("queued").waitFor({ timeout: 15_000 });
      await testid("outbox-entry").waitFor({ timeout: 5_000 });
      check((await testid("outbox-entry").getAttribute("data-state")) === "waiting", "entry not waiting");
      check((await api("POST", `/api/admin/periods/${PERIOD}/lock`, admin!.token)).status === 200, "lock");
      await page.unroute("**/api/submissions");
      await testid("retry").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=outbox-entry]")?.getAttribute("data-state") === "rejected", null, { timeout: 15_000 });
      const err = await testid("outbox-error").innerText();
      check(/Năm 2025 đã khóa sổ/.test(err), `reason: ${err}`);
      await shot(page, "outbox-refused");
      await fx(() => window.__fakeExcel.doc.selectUser("Sheet1", "A1"));
      await testid("outbox-open").click();
      await page.waitForFunction(() => window.__fakeExcel.activeSheet() === "Bảng cũ", null, { timeout: 5_000 });
      await testid("outbox-discard").click();
      await testid("discard-yes").click();
      await page.waitForFunction(() => !document.querySelector("[data-testid=outbox-entry]"), null, { timeout: 5_000 });
      check((await api("POST", `/api/admin/periods/${PERIOD}/unlock`, admin!.token)).status === 200, "unlock");
    });

    await step("sign-out asks while this unit's pushes wait, clears the token; another unit never sends them", async () => {
      await fx(() => window.__fakeExcel.setCell("Bảng cũ", "E3", "63%"));
      await page.route("**/api/submissions", (route) => route.abort());
      await testid("push").click();
      await testid("queued").waitFor({ timeout: 15_000 });
      await page.unroute("**/api/submissions");
      const before = await current();
      await testid("sign-out").click();
      await testid("sign-out-ask").waitFor({ timeout: 5_000 });
      check((await testid("sign-out-ask").innerText()).includes(commune!.unitName), "the question does not name the unit");
      await shot(page, "sign-out-ask");
      await testid("sign-out-yes").click();
      await testid("signed-out").waitFor({ timeout: 5_000 });
      check((await fx(() => localStorage.getItem("chiTieu.token"))) === "", "token still stored");
      check(await testid("push").isDisabled(), "push enabled after sign-out");
      check((await testid("reachable").count()) === 0, "still a connection badge");
      await shot(page, "signed-out");
      // The administrator connects on this computer: the commune's push is not sent with the admin's token.
      await connectAs(admin!.token);
      await page.waitForTimeout(1500);
      check((await current()).revision === before.revision, "sent with another unit's token");
      check(/đúng tài khoản đã tạo chúng/.test(await testid("outbox").innerText()), "the waiting entry of another account is not mentioned");
      // The commune again: sent at once.
      await connectAs(commune!.token);
      await page.waitForFunction(() => !document.querySelector("[data-testid=outbox-entry]"), null, { timeout: 15_000 });
      // The entry can leave the list for a moment while the pane switches units, before its push has landed: wait for
      // the server's revision rather than read it once (a single read once saw the state before the push).
      let after = await current();
      for (let i = 0; i < 50 && after.revision === before.revision; i++) {
        await page.waitForTimeout(200);
        after = await current();
      }
      check(after.revision === before.revision + 1 && after.cells.find((c) => c.item === "BANGRONG_1GB" && c.field === "actual")?.raw === "63%", JSON.stringify(after));
      check((await testid("receipt").count()) === 0, "the previous unit's receipt is still shown");
    });

    await step("commune pushes a task row on the task list (Phụ lục 2)", async () => {
      await testid("form").selectOption(TASKS);
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=period] option").length > 0, null, { timeout: 10_000 });
      await testid("period").selectOption(PERIOD);
      await testid("open").click();
      await page.waitForFunction(() => window.__fakeExcel.sheets().includes("Phụ lục 2 Năm 2025"), null, { timeout: 10_000 });
      const tasks = "Phụ lục 2 Năm 2025";
      const head = await page.evaluate((x) => window.__fakeExcel.find(x, "Tên nhiệm vụ"), tasks);
      check(head, "task header missing");
      const r = rowOf(head) + 1;
      // The hidden id column is the one headed "Mã dòng", right of the form's columns.
      const idCol = ((await page.evaluate((x) => window.__fakeExcel.find(x, "Mã dòng"), tasks)) ?? "").replace(/\d+$/, "");
      check(idCol, "id column header missing");
      await page.evaluate(
        ({ x, r, name }) => {
          window.__fakeExcel.setCell(x, `A${r}`, "1");
          window.__fakeExcel.setCell(x, `B${r}`, name);
          window.__fakeExcel.setCell(x, `C${r}`, "UBND xã");
          window.__fakeExcel.setCell(x, `F${r}`, "250");
        },
        { x: tasks, r, name: TASK_NAME },
      );
      await testid("push").click();
      // The new row's id is written into the hidden id column on push.
      await page.waitForFunction(({ x, r, c }) => /^t1-[a-z0-9]{6}$/.test(window.__fakeExcel.text(x, `${c}${r}`)), { x: tasks, r, c: idCol }, { timeout: 15_000 });
      await testid("receipt").waitFor({ timeout: 5_000 });
      await shot(page, "task-pushed");
    });

    await step("a viewer sees only the summary; a unit that reports and views sees both", async () => {
      await connectAs(viewer!.token);
      await testid("pull").waitFor({ timeout: 10_000 });
      check((await testid("report").count()) === 0, "a viewer is offered 'Gửi số liệu'");
      await connectAs(party!.token);
      await testid("pull").waitFor({ timeout: 10_000 });
      check((await testid("report").count()) === 1, "a unit that reports sees no report card");
      await shot(page, "report-and-view");
    });

    await step("admin pulls the shared layout with chart (picked by name) and progress; a second pull keeps one sheet", async () => {
      await connectAs(admin!.token);
      await testid("pull-form").selectOption(FORM);
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=pull-period] option").length > 0, null, { timeout: 10_000 });
      await testid("pull-period").selectOption(PERIOD);
      // The chart picker finds indicators by name; an unknown one is reported.
      while ((await testid("chart-chip").count()) > 0) await testid("chart-chip").first().click();
      await testid("chart-search").fill("phu song 5g");
      await testid("chart-hit").first().click();
      await testid("chart-search").fill("băng rộng");
      await testid("chart-hit").first().click();
      await testid("chart-search").fill("6G");
      await testid("chart-search").press("Enter");
      await testid("chart-not-found").waitFor({ timeout: 5_000 });
      check((await testid("chart-chip").count()) === 2, "chosen indicators");
      const t0 = Date.now();
      await testid("pull").click();
      await testid("pulled").waitFor({ timeout: 20_000 });
      const merged = await fx(() => window.__fakeExcel.activeSheet());
      check(merged === "TH Phụ lục 1 Năm 2025", `active sheet ${merged}`);
      const dump = await page.evaluate((s) => window.__fakeExcel.dump(s), merged);
      check(dump.some((r) => r.includes("Cách tổng hợp")) && dump.some((r) => r.some((c) => c.startsWith("CÁC XÃ, PHƯỜNG"))), "no aggregation / commune columns");
      const row = dump.find((r) => r.some((c) => c.includes("phủ sóng 5G")));
      // One commune of 166 reported: the aggregate is shown but, with so little coverage, "Chưa đánh giá được".
      check(row && row.some((c) => c === "Chưa đánh giá được"), `5G row: ${row?.join(" | ")}`);
      check(dump.some((r) => r.some((c) => /có số liệu/.test(c))), "coverage in words missing");
      const title = dump.flat().find((c) => c.startsWith("(Tổng hợp tự động lúc"))!;
      const vn = [formatVnDateTime(t0 - 60_000), formatVnDateTime(t0), formatVnDateTime(Date.now())];
      check(vn.some((x) => title.includes(x.slice(0, 15))), `title time ${title} vs Vietnam ${vn.join(", ")}`);
      check((await fx(() => window.__fakeExcel.charts())).length === 1, "no chart");
      const progress = "Tiến độ nộp Phụ lục 1 Năm 2025";
      const pdump = await page.evaluate((s) => window.__fakeExcel.dump(s), progress);
      const unitRows = pdump.filter((r) => /^\d+$/.test(r[0] ?? "") && /Đã nộp|Chưa nộp/.test(r[2] ?? ""));
      const expected = Number(/Đã nộp \d+\/(\d+) đơn vị/.exec(pdump.flat().join(" "))?.[1]);
      check(unitRows.length === expected && expected >= 100, `progress lists ${unitRows.length} of ${expected} units`);
      check(!pdump.flat().some((c) => /\d{4}-\d\d-\d\dT/.test(c)), "an ISO time on the progress sheet");
      const missing = await testid("missing").innerText();
      check(/và \d+ đơn vị khác/.test(missing), `missing: ${missing}`);
      await shot(page, "pulled-merged");
      await page.evaluate((p) => window.__fakeExcel.doc.selectUser(p, "A1"), progress);
      await shot(page, "progress-sheet");
      // Pull again: the same two sheets, rewritten.
      const sheetsBefore = await fx(() => window.__fakeExcel.sheets());
      await testid("pull").click();
      await page.waitForFunction(() => /Đã ghi lại trang/.test(document.querySelector("[data-testid=pulled]")?.textContent ?? ""), null, { timeout: 20_000 });
      const sheetsAfter = await fx(() => window.__fakeExcel.sheets());
      check(JSON.stringify(sheetsAfter) === JSON.stringify(sheetsBefore), `sheets ${sheetsBefore.join(", ")} → ${sheetsAfter.join(", ")}`);
      await shot(page, "pulled-again");
    });

    await step("admin pulls the task list grouped by commune; SUBTOTAL totals show their values", async () => {
      await testid("pull-form").selectOption(TASKS);
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=pull-period] option").length > 0, null, { timeout: 10_000 });
      await testid("pull-period").selectOption(PERIOD);
      check((await testid("chart-search").count()) === 0, "chart picker shown for a task list");
      await testid("pull").click();
      await testid("pulled-tasks").waitFor({ timeout: 20_000 });
      const tasks = await fx(() => window.__fakeExcel.activeSheet());
      check(tasks === "TH Phụ lục 2 Năm 2025", `active sheet ${tasks}`);
      const dump = await page.evaluate((x) => window.__fakeExcel.dump(x), tasks);
      check(dump.some((r) => r[0] === "Đơn vị" && r[2] === "Tên nhiệm vụ"), "header with Đơn vị missing");
      const row = dump.find((r) => r.includes(TASK_NAME));
      check(row && row[0] === commune!.unitName && row.includes("250,0"), `task row: ${row?.join(" | ")}`);
      const total = dump.find((r) => r[0] === "Tổng cộng");
      check(total && total.includes("250,0"), `total row: ${total?.join(" | ")}`);
      check(/250/.test(await testid("pulled-tasks").innerText()), "pane total");
      await shot(page, "pulled-tasks");
    });

    await step("department form: STT and name frozen; only the unit's own indicators shown, switchable", async () => {
      await connectAs(dept!.token);
      await testid("form").selectOption("pl1-tinh");
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=period] option").length > 0, null, { timeout: 10_000 });
      await testid("period").selectOption(PERIOD);
      await testid("open").click();
      await page.waitForFunction(() => window.__fakeExcel.sheets().includes("Phụ lục I Năm 2025"), null, { timeout: 10_000 });
      const s = await fx(() => {
        const sh = window.__fakeExcel.doc.sheet("Phụ lục I Năm 2025");
        return { freeze: sh.freeze, hidden: sh.hiddenRows.size };
      });
      check(s.freeze.cols === 2 && s.freeze.rows > 0, `freeze ${JSON.stringify(s.freeze)}`);
      const own = testid("own-only");
      if ((await own.count()) > 0) {
        await page.waitForFunction(() => window.__fakeExcel.doc.sheet("Phụ lục I Năm 2025").hiddenRows.size > 0, null, { timeout: 5_000 });
        await shot(page, "department-own");
        await own.click();
        await page.waitForFunction(() => window.__fakeExcel.doc.sheet("Phụ lục I Năm 2025").hiddenRows.size === 0, null, { timeout: 5_000 });
      }
      await fx(() => window.__fakeExcel.doc.selectUser("Phụ lục I Năm 2025", "K10"));
      await shot(page, "department-form");
    });

    await step("a department reports task progress (one task late) and the admin pulls the merged task report", async () => {
      await connectAs(dept!.token);
      await testid("form").selectOption("tiendo-nv");
      await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=period] option")].some((o) => (o as HTMLOptionElement).value === "2026-Q4"), null, { timeout: 10_000 });
      await testid("period").selectOption("2026-Q4");
      await testid("open").click();
      await page.waitForFunction(() => window.__fakeExcel.sheets().some((x) => x.startsWith("Tiến độ NV")), null, { timeout: 15_000 });
      const sh = await fx(() => window.__fakeExcel.activeSheet());
      check(!/2026-Q4/.test(sh), `sheet named by a code: ${sh}`);
      const at = async (text: string) => (await page.evaluate(({ x, t }) => window.__fakeExcel.find(x, t), { x: sh, t: text })) as string | null;
      const col = (addr: string | null) => (addr ?? "").replace(/\d+$/, "");
      const [status, result, done, late] = [await at("Tiến độ thực hiện"), await at("Sản phẩm/Kết quả"), await at("III.1"), await at("III.4")];
      check(status && result && done && late, "task sheet: header or rows missing");
      // Tasks the unit does not lead are not on its sheet as its own rows.
      check((await at("II.2")) === null || (await at("NHIỆM VỤ PHỐI HỢP")) !== null, "a task of another agency shown as the unit's own");
      await page.evaluate(
        ({ x, s, r, a, b }) => {
          window.__fakeExcel.setCell(x, `${s}${a}`, "Đã hoàn thành");
          window.__fakeExcel.setCell(x, `${r}${a}`, "Kế hoạch số 12/KH-SKHCN đã ban hành");
          window.__fakeExcel.setCell(x, `${s}${b}`, "Đang triển khai");
        },
        { x: sh, s: col(status), r: col(result), a: rowOf(done!), b: rowOf(late!) },
      );
      await shot(page, "task-progress-filled");
      await testid("push").click();
      await testid("receipt").waitFor({ timeout: 15_000 });

      await connectAs(admin!.token);
      await testid("pull-form").selectOption("tiendo-nv");
      await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=pull-period] option")].some((o) => (o as HTMLOptionElement).value === "2026-Q4"), null, { timeout: 10_000 });
      await testid("pull-period").selectOption("2026-Q4");
      await testid("pull").click();
      await testid("pulled").waitFor({ timeout: 20_000 });
      const pulled = await fx(() => window.__fakeExcel.activeSheet());
      const dump = await page.evaluate((x) => window.__fakeExcel.dump(x), pulled);
      const row = (key: string) => dump.filter((r) => r[0] === key);
      check(row("III.1").some((r) => r.includes("Đã hoàn thành") && r.some((c) => c.includes("12/KH-SKHCN"))), "III.1 done with its result");
      check(row("III.4").some((r) => r.includes("Chậm tiến độ")), "III.4 late");
      check(dump.some((r) => (r[0] ?? "").startsWith("NHIỆM VỤ CHẬM TIẾN ĐỘ: 1 nhiệm vụ")), "overdue block");
      check(dump.some((r) => r.some((c) => /Đã hoàn thành/.test(c))), "counts by status");
      await shot(page, "task-report-pulled");
    });

    await step("no page errors", async () => {
      check(errors.length === 0, errors.join("; "));
    });

    await step("an English Excel shows only English (data such as names stays as printed)", async () => {
      const en = await context.newPage();
      en.on("pageerror", (e) => errors.push(e.message));
      page = en;
      await en.goto(`${a.baseUrl}/taskpane.html?lang=en-US`);
      // The token kept on this computer (the department's) is checked at start; then the commune connects.
      await testid("sign-out").waitFor({ timeout: 15_000 });
      await connectAs(commune!.token);
      await testid("form").selectOption(FORM);
      await en.waitForFunction(() => document.querySelectorAll("[data-testid=period] option").length > 0, null, { timeout: 10_000 });
      await testid("period").selectOption(PERIOD);
      await testid("open").click();
      await en.waitForFunction(() => window.__fakeExcel.sheets().includes("Phụ lục 1 Năm 2025"), null, { timeout: 10_000 });
      const at = await en.evaluate(() => window.__fakeExcel.find("Phụ lục 1 Năm 2025", "Tỉ lệ phủ sóng 5G", false));
      const r = rowOf(at!);
      await en.evaluate((rr) => window.__fakeExcel.setCell("Phụ lục 1 Năm 2025", `E${rr + 1}`, "1,2,3"), r);
      await testid("issue").first().waitFor({ timeout: 10_000 });
      check((await testid("issue-count").innerText()) === "1 error, 0 warnings", await testid("issue-count").innerText());
      const ui = await en.evaluate(() => {
        const root = document.getElementById("root")!.cloneNode(true) as HTMLElement;
        root.querySelectorAll("[lang=vi]").forEach((x) => x.remove());
        root.querySelectorAll("input").forEach((x) => x.remove());
        return root.innerText;
      });
      const bad = ui.split("\n").filter((l) => VIETNAMESE.test(l));
      check(bad.length === 0, `Vietnamese in the English pane: ${bad.join(" / ")}`);
      check(/Connected: /.test(ui) && /Report figures/.test(ui), `pane: ${ui.slice(0, 200)}`);
      await shot(en, "english");
      check(errors.length === 0, errors.join("; "));
    });
  } finally {
    await context.close();
  }
  return results;
}
