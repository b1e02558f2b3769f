// E2E of the Sở KH&CN's reporting cycle in Excel (issue 12), in Chromium against a real `wrangler dev`, with the Excel
// fake in place of office.js, in its own browser profile: the admin imports a registry sheet with 166 communes (pasted
// rows; a typo is marked on its cell), issues tokens for 3 units (a handout, shown once), one of those communes connects
// with its new token and pushes, the admin returns it with a note on one cell, the commune opens its form and sees the
// note (on the cell and in the pane), resubmits (the note goes), the admin approves; the completeness and reminder
// sheets; periods opened, closed and reopened; a doubtful target settled (CT.TARGETTEXT shows it with its source); the
// admin screens in English. Screenshots: test-output/e2e/admin-NN-*.png.
import { type Page } from "playwright-core";
import { apiOf, check, connectAs as connectAsIn, openBrowser, stepper, VIETNAMESE, type Args, type Result } from "./harness.js";


const REGISTRY = "Danh sách đơn vị";
const HANDOUT = "Phiếu cấp mã truy cập";
const FORM = "pl1-xa";
const PERIOD = "2025-N";
const ENTRY = "Phụ lục 1 Năm 2025";


const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();

/** Plausible commune names for the placeholders (the real list is the province's; these are made up), none equal to a
 *  name the registry has when accents are ignored (the registry check warns about those). */
function communeNames(names: Set<string>, n: number): string[] {
  const taken = new Set([...names].map(fold));
  const a = ["Thiệu", "Hoằng", "Quảng", "Đông", "Thọ", "Yên", "Vĩnh", "Cẩm", "Ngọc", "Như", "Triệu", "Nông", "Tĩnh", "Hà", "Hậu", "Định", "Xuân", "Minh", "Tân", "Trung"];
  const b = ["Giao", "Lộc", "Phú", "Thành", "Hưng", "Lợi", "Tiến", "Khê", "Châu", "Vân", "Long", "An", "Hòa", "Quý", "Trường"];
  const out: string[] = [];
  for (const x of a)
    for (const y of b) {
      const name = `Xã ${x} ${y}`;
      if (out.length < n && !taken.has(fold(name))) {
        out.push(name);
        taken.add(fold(name));
      }
    }
  return out;
}

export async function run(a: Args): Promise<Result[]> {
  const admin = a.tokens.find((t) => /quản trị/i.test(t.label));
  check(admin, `dev admin token not found: ${a.tokens.map((t) => t.label).join(", ")}`);
  const context = await openBrowser(a, { viewport: { width: 1500, height: 950 }, vietnam: true });
  const results: Result[] = [];
  let page!: Page;
  const { shot, step } = stepper(a, results, () => page, { name: "admin: ", file: "admin-" });
  const api = apiOf(a.baseUrl);
  const testid = (id: string) => page.getByTestId(id);
  const fx = <T,>(fn: () => T) => page.evaluate(fn);
  const dump = (s: string) => page.evaluate((x) => window.__fakeExcel.dump(x), s);
  const connectAs = (tok: string) => connectAsIn(page, tok);
  const waitPeriods = (id: string) => page.waitForFunction((x) => document.querySelectorAll(`[data-testid=${x}] option`).length > 0, id, { timeout: 10_000 });

  page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  let firstCommuneRow = 0; // 1-based sheet row of the first commune
  const chosen: { code: string; name: string }[] = [];
  let communeToken = "";
  let communeName = "";
  let row5G = 0;

  try {
    await step("the admin connects: the Sở KH&CN's tabs, no reporting card", async () => {
      await page.goto(`${a.baseUrl}/taskpane.html`);
      await testid("connect").waitFor({ timeout: 15_000 });
      await connectAs(admin.token);
      await testid("admin-tabs").waitFor({ timeout: 10_000 });
      check((await testid("report").count()) === 0, "an admin without the unit right is offered reporting");
      for (const id of ["tab-registry", "tab-periods", "tab-reviews", "tab-doubts"]) check((await testid(id).count()) === 1, `${id} missing`);
      await shot(page, "admin-connected", "admin-tabs");
    });

    await step("loads the unit registry into the sheet «Danh sách đơn vị» (166 communes, version 0)", async () => {
      await testid("registry-load").click();
      await testid("registry-loaded").waitFor({ timeout: 20_000 });
      check((await fx(() => window.__fakeExcel.activeSheet())) === REGISTRY, "registry sheet not active");
      const d = await dump(REGISTRY);
      check(d[4]?.[0] === "Mã đơn vị" && d[4]?.[2] === "Loại đơn vị", `header ${d[4]?.join(" | ")}`);
      const communes = d.map((r, i) => [r, i] as const).filter(([r]) => r[2] === "Xã, phường");
      check(communes.length === 166, `${communes.length} communes on the sheet`);
      firstCommuneRow = communes[0]![1] + 1;
      check(/Phiên bản 0 /.test(d[1]![0]!), d[1]![0]!);
      await shot(page, "registry-loaded", "registry-card");
    });

    await step("pastes 166 communes (codes, names, contacts); a mistyped agency is marked on its cell, naming the row", async () => {
      const d = await dump(REGISTRY);
      const rows = d.slice(firstCommuneRow - 1, firstCommuneRow - 1 + 166);
      const taken = new Set(d.map((r) => r[1] ?? ""));
      const names = communeNames(taken, 166);
      let k = 0;
      const pasted = rows.map((r, i) => {
        const code = r[0]!;
        const name = /^Xã mẫu \d+$/.test(r[1]!) ? names[k++]! : r[1]!;
        const phone = `0237 38${String(10000 + i).slice(1)}`;
        return [code, name, "Xã, phường", i === 0 ? "UBND cac xa, phuong" : "", "Có", "Không", "Không", "Có", `Văn phòng UBND ${name.replace(/^(Xã|Phường) /, "")}`, phone, `vanphong.${code}@thanhhoa.gov.vn`, "", ""];
      });
      await page.evaluate(({ s, at, rows: x }) => window.__fakeExcel.paste(s, at, x), { s: REGISTRY, at: `A${firstCommuneRow}`, rows: pasted });
      await testid("registry-check").click();
      await testid("registry-invalid").waitFor({ timeout: 20_000 });
      const problems = await testid("registry-problems").innerText();
      check(problems.includes(`Dòng ${firstCommuneRow}`) && problems.includes(`D${firstCommuneRow}`), `problems: ${problems}`);
      const fill = await page.evaluate(({ s, a: at }) => window.__fakeExcel.fill(s, at), { s: REGISTRY, a: `D${firstCommuneRow}` });
      check(fill === "#FFC7CE", `fill ${fill}`);
      const note = await page.evaluate(({ s, a: at }) => window.__fakeExcel.note(s, at), { s: REGISTRY, a: `D${firstCommuneRow}` });
      check(note?.includes(`Dòng ${firstCommuneRow} (`), `note ${note}`);
      check(((await api("GET", "/api/admin/registry", admin.token)).body as { version: number }).version === 0, "something was sent");
      await testid("problem").first().click();
      await shot(page, "registry-marked", "registry-card");
    });

    await step("fixed: the preview shows what will change, field by field; applied, the sheet reloads as version 1", async () => {
      await page.evaluate(({ s, at }) => window.__fakeExcel.setCell(s, at, ""), { s: REGISTRY, at: `D${firstCommuneRow}` });
      await testid("registry-check").click();
      await testid("registry-preview").waitFor({ timeout: 20_000 });
      check(/thêm 0 đơn vị/.test(await testid("preview-added").innerText()), await testid("preview-added").innerText());
      const changed = await testid("preview-changed").innerText();
      check(/sửa 166 đơn vị/.test(changed) && /Người liên hệ: \(trống\) → Văn phòng UBND/.test(changed) && /Tên đơn vị: Xã mẫu \d+ → Xã /.test(changed), `changed: ${changed.slice(0, 400)}`);
      check(!/xóa/i.test(await testid("registry-preview").innerText().then((x) => x.replace(/không xóa đơn vị nào/, ""))), "a deletion is previewed");
      check((await testid("registry-warnings").count()) === 0, "warnings on the imported list");
      await shot(page, "registry-preview", "registry-preview");
      await testid("registry-apply").click();
      await testid("registry-applied").waitFor({ timeout: 20_000 });
      check(/phiên bản 1/.test(await testid("registry-applied").innerText()), await testid("registry-applied").innerText());
      const d = await dump(REGISTRY);
      check(/^Phiên bản 1 /.test(d[1]![0]!), d[1]![0]!);
      const reg = (await api("GET", "/api/admin/registry", admin.token)).body as { version: number; units: { category: string; name: string; phone: string | null }[] };
      const communes = reg.units.filter((u) => u.category === "commune");
      check(reg.version === 1 && communes.length === 166 && communes.every((u) => u.phone?.startsWith("0237 38")) && !communes.some((u) => /^Xã mẫu/.test(u.name)), "registry not applied");
      await shot(page, "registry-applied", "registry-card");
    });

    await step("issues tokens for 3 selected communes: confirmed, written once into «Phiếu cấp mã truy cập»", async () => {
      const d = await dump(REGISTRY);
      const rows = d.map((r, i) => [r, i + 1] as const).filter(([r]) => r[2] === "Xã, phường" && r[0] !== "phuong-hac-thanh");
      const start = rows[rows.length - 3]![1];
      for (const [r] of rows.slice(-3)) chosen.push({ code: r[0]!, name: r[1]! });
      await page.evaluate(({ s, at }) => window.__fakeExcel.doc.selectUser(s, at), { s: REGISTRY, at: `A${start}:B${start + 2}` });
      await testid("tokens-issue").click();
      await testid("tokens-ask").waitFor({ timeout: 10_000 });
      const ask = await testid("tokens-ask").innerText();
      check(/Cấp mã truy cập mới cho 3 đơn vị/.test(ask) && chosen.every((c) => ask.includes(c.name)), `ask: ${ask}`);
      await shot(page, "tokens-confirm", "tokens-card");
      await testid("tokens-confirm").click();
      await testid("tokens-issued").waitFor({ timeout: 20_000 });
      check(/một lần/.test(await testid("tokens-issued").innerText()), "the pane does not warn that tokens are shown once");
      check((await fx(() => window.__fakeExcel.activeSheet())) === HANDOUT, "handout not active");
      const h = await dump(HANDOUT);
      const tokRows = h.filter((r) => /^tok_[A-Za-z0-9]+\.[0-9a-f]+$/.test(r[2] ?? ""));
      check(tokRows.length === 3 && chosen.every((c) => tokRows.some((r) => r[1] === c.name)), `handout: ${JSON.stringify(h.slice(4, 9))}`);
      const settings = await fx(() => [...window.__fakeExcel.doc.settings.values()].join(""));
      check(!tokRows.some((r) => settings.includes(r[2]!.split(".")[1]!)), "a token secret is in the workbook settings");
      const reg = JSON.stringify(await dump(REGISTRY));
      check(!tokRows.some((r) => reg.includes(r[2]!)), "a token is on the registry sheet");
      const pick = tokRows.find((r) => r[1] === chosen[2]!.name)!;
      communeToken = pick[2]!;
      communeName = pick[1]!;
      await shot(page, "tokens-handout", "tokens-card");
    });

    await step("one of those communes connects with its new token and pushes its form", async () => {
      await connectAs(communeToken);
      check((await testid("reachable").innerText()).includes(`Đã kết nối: ${communeName}`), await testid("reachable").innerText());
      await testid("form").selectOption(FORM);
      await waitPeriods("period");
      await testid("period").selectOption(PERIOD);
      await testid("open").click();
      await page.waitForFunction((s) => window.__fakeExcel.sheets().includes(s), ENTRY, { timeout: 10_000 });
      const at = await page.evaluate((s) => window.__fakeExcel.find(s, "Tỉ lệ phủ sóng 5G", false), ENTRY);
      check(at, "5G row not found");
      row5G = Number(at.replace(/^[A-Z]+/, ""));
      await page.evaluate(({ s, r }) => window.__fakeExcel.setCell(s, `E${r}`, "72%"), { s: ENTRY, r: row5G });
      await testid("push").click();
      await testid("receipt").waitFor({ timeout: 15_000 });
      check(/lần gửi 1\b/.test(await testid("receipt").innerText()), await testid("receipt").innerText());
      await shot(page, "commune-pushed", "receipt");
    });

    await step("the admin opens the review list and the commune's figures, writes a note on one cell and returns it", async () => {
      await connectAs(admin.token);
      await testid("tab-reviews").click();
      await testid("review-form").selectOption(FORM);
      await waitPeriods("review-period");
      await testid("review-period").selectOption(PERIOD);
      await testid("review-load").click();
      await testid("review-counts").waitFor({ timeout: 15_000 });
      check(/Chờ duyệt [1-9]/.test(await testid("review-counts").innerText()), await testid("review-counts").innerText());
      const list = await dump("Duyệt Phụ lục 1 Năm 2025");
      check(list.some((r) => r[1] === communeName && r[2] === "Đã nộp"), "the commune is not waiting on the review list");
      await shot(page, "review-list", "review-card");
      await testid("review-unit").selectOption(chosen[2]!.code);
      await testid("review-open").click();
      await testid("review-opened").waitFor({ timeout: 15_000 });
      const sheet = `Số liệu ${communeName}`.slice(0, 31);
      check((await fx(() => window.__fakeExcel.activeSheet())) === sheet, "review sheet not active");
      const at = await page.evaluate((s) => window.__fakeExcel.find(s, "72%"), sheet);
      check(at?.startsWith("D"), `value cell ${at}`);
      await page.evaluate(({ s, a: cell }) => window.__fakeExcel.setCell(s, cell, "Số 72% cao hơn năm trước nhiều: ghi rõ nguồn (Sở TT&TT) hoặc sửa lại."), { s: sheet, a: at!.replace(/^D/, "E") });
      await testid("review-comment").fill("Đề nghị kiểm tra lại chỉ tiêu 5G.");
      await shot(page, "review-note-written", "review-card");
      await testid("review-return").click();
      await testid("review-sent").waitFor({ timeout: 15_000 });
      check(/Đã trả lại .* 1 ghi chú/.test(await testid("review-sent").innerText()), await testid("review-sent").innerText());
      const cur = (await api("GET", `/api/current?form=${FORM}&period=${PERIOD}&unit=${chosen[2]!.code}`, admin.token)).body as { review: { status: string; notes: { item: string; field: string }[] } };
      check(cur.review.status === "returned" && cur.review.notes.length === 1 && cur.review.notes[0]!.item === "5G" && cur.review.notes[0]!.field === "actual", JSON.stringify(cur.review));
      await shot(page, "review-returned", "review-card");
    });

    await step("the commune opens its form: the admin's note is on the cell and in the pane (by row name and column)", async () => {
      await connectAs(communeToken);
      await testid("form").selectOption(FORM);
      await waitPeriods("period");
      await testid("period").selectOption(PERIOD);
      await testid("open").click();
      await testid("my-review").waitFor({ timeout: 15_000 });
      const box = await testid("my-review").innerText();
      check(/trả lại lần nộp 1/.test(box) && /kiểm tra lại chỉ tiêu 5G/.test(box) && /1\. Tỉ lệ phủ sóng 5G/.test(box) && /Thực hiện kỳ báo cáo/.test(box) && /ghi rõ nguồn/.test(box), `pane: ${box}`);
      const note = await page.evaluate(({ s, r }) => window.__fakeExcel.note(s, `E${r}`), { s: ENTRY, r: row5G });
      check(note === "[Sở KH&CN] Số 72% cao hơn năm trước nhiều: ghi rõ nguồn (Sở TT&TT) hoặc sửa lại.", `note: ${note}`);
      await testid("my-review-note").first().click();
      await shot(page, "commune-sees-note", "my-review");
    });

    await step("the commune resubmits: the note comes off the cell; the pane says it waits for review", async () => {
      await page.evaluate(({ s, r }) => window.__fakeExcel.setCell(s, `E${r}`, "68%"), { s: ENTRY, r: row5G });
      await testid("push").click();
      await page.waitForFunction(() => /lần gửi 2\b/.test(document.querySelector("[data-testid=receipt]")?.textContent ?? ""), null, { timeout: 15_000 });
      await page.waitForFunction(({ s, r }) => window.__fakeExcel.note(s, `E${r}`) === null, { s: ENTRY, r: row5G }, { timeout: 10_000 });
      await page.waitForFunction(() => /đang chờ Sở KH&CN duyệt/.test(document.querySelector("[data-testid=my-review-status]")?.textContent ?? ""), null, { timeout: 10_000 });
      await shot(page, "commune-resubmitted", "my-review");
    });

    await step("the admin approves the resubmission; the review list says Đã duyệt", async () => {
      await connectAs(admin.token);
      await testid("tab-reviews").click();
      await testid("review-form").selectOption(FORM);
      await waitPeriods("review-period");
      await testid("review-period").selectOption(PERIOD);
      await testid("review-load").click();
      await testid("review-counts").waitFor({ timeout: 15_000 });
      await testid("review-unit").selectOption(chosen[2]!.code);
      await testid("review-open").click();
      await testid("review-opened").waitFor({ timeout: 15_000 });
      check((await dump(`Số liệu ${communeName}`.slice(0, 31))).some((r) => r[3] === "68%"), "the review sheet does not show the resubmission");
      await testid("review-accept").click();
      await testid("review-sent").waitFor({ timeout: 15_000 });
      check(/Đã duyệt số liệu/.test(await testid("review-sent").innerText()), await testid("review-sent").innerText());
      await page.waitForFunction(() => /đã duyệt [1-9]/.test(document.querySelector("[data-testid=review-counts]")?.textContent ?? ""), null, { timeout: 15_000 });
      await testid("review-load").click();
      await page.waitForFunction(
        (name) => window.__fakeExcel.activeSheet() === "Duyệt Phụ lục 1 Năm 2025" && window.__fakeExcel.dump("Duyệt Phụ lục 1 Năm 2025").some((r) => r[1] === name && r[2] === "Đã duyệt"),
        communeName,
        { timeout: 15_000 },
      );
      const hist = (await api("GET", `/api/submissions?form=${FORM}&period=${PERIOD}&unit=${chosen[2]!.code}`, admin.token)).body as { submissions: { status: string; reviews: unknown[] }[] };
      check(hist.submissions.length === 2 && hist.submissions[0]!.status === "accepted" && hist.submissions[1]!.status === "returned", "history lost");
      await shot(page, "review-approved", "review-card");
    });

    await step("completeness sheet (every unit, filters, counts) and the reminder list with the imported contacts", async () => {
      await testid("pull-form").selectOption(FORM);
      await waitPeriods("pull-period");
      await testid("pull-period").selectOption(PERIOD);
      await testid("pull-progress").click();
      await testid("pulled-progress").waitFor({ timeout: 20_000 });
      const comp = (await api("GET", `/api/completeness?form=${FORM}&period=${PERIOD}`, admin.token)).body as { expected: number; submitted: number };
      const p = await dump("Tiến độ nộp Phụ lục 1 Năm 2025");
      const unitRows = p.filter((r) => /^\d+$/.test(r[0] ?? "") && /Đã nộp|Đã duyệt|Trả lại|Chưa nộp/.test(r[2] ?? ""));
      check(unitRows.length === comp.expected && comp.expected >= 166, `progress lists ${unitRows.length} of ${comp.expected}`);
      check(unitRows.some((r) => r[1] === communeName && r[2] === "Đã duyệt"), "the approved commune is not Đã duyệt");
      check(p.some((r) => /^Chưa nộp \d+ \(quá hạn \d+\); đã duyệt \d+; trả lại \d+; nộp muộn \d+$/.test(r[0] ?? "")), "counts line missing");
      check((await fx(() => window.__fakeExcel.doc.tables.filter((t) => t.showFilterButton).length)) >= 2, "no filter buttons");
      await page.evaluate(() => window.__fakeExcel.doc.selectUser("Tiến độ nộp Phụ lục 1 Năm 2025", "A1"));
      await shot(page, "completeness-sheet", "pulled-progress");
      const rem = await dump("Cần nhắc Phụ lục 1 Năm 2025");
      const remRows = rem.filter((r) => /^\d+$/.test(r[0] ?? "") && /Chưa nộp|Nộp lại/.test(r[2] ?? ""));
      check(remRows.length === comp.expected - comp.submitted, `reminders ${remRows.length} ≠ ${comp.expected - comp.submitted}`);
      check(remRows.filter((r) => /^0237 38/.test(r[4] ?? "") && /@thanhhoa\.gov\.vn$/.test(r[5] ?? "")).length >= 100, "contacts missing on the reminder list");
      check(!remRows.some((r) => r[1] === communeName), "a unit that submitted is on the reminder list");
      await page.evaluate(() => window.__fakeExcel.doc.selectUser("Cần nhắc Phụ lục 1 Năm 2025", "A1"));
      await shot(page, "reminder-sheet", "pulled-progress");
    });

    await step("periods: opens Quý I/2026, closes it and reopens it (labels, never ids)", async () => {
      await testid("tab-periods").click();
      await testid("periods-card").waitFor({ timeout: 10_000 });
      await testid("open-kind").selectOption("quarter");
      await testid("open-year").fill("2026");
      await testid("open-seq").selectOption("1");
      await testid("open-period").click();
      await page.waitForFunction(() => /Quý I\/2026/.test(document.querySelector("[data-testid=periods-note]")?.textContent ?? ""), null, { timeout: 10_000 });
      const row = testid("period-row").filter({ hasText: "Quý I/2026" });
      await row.getByTestId("period-lock").click();
      await testid("period-confirm").click();
      await page.waitForFunction(() => /Đã khóa sổ kỳ Quý I\/2026/.test(document.querySelector("[data-testid=periods-note]")?.textContent ?? ""), null, { timeout: 10_000 });
      const locked = (await api("GET", "/api/periods", admin.token)).body as { periods: { id: string; locked: boolean }[] };
      check(locked.periods.find((p) => p.id === "2026-Q1")?.locked === true, "not locked");
      check(!/2026-Q1/.test(await testid("periods-card").innerText()), "a period id is shown");
      await shot(page, "period-closed", "periods-card");
      await row.getByTestId("period-unlock").click();
      await testid("period-confirm").click();
      await page.waitForFunction(() => /Đã mở lại kỳ Quý I\/2026/.test(document.querySelector("[data-testid=periods-note]")?.textContent ?? ""), null, { timeout: 10_000 });
      const open = (await api("GET", "/api/periods", admin.token)).body as { periods: { id: string; locked: boolean }[] };
      check(open.periods.find((p) => p.id === "2026-Q1")?.locked === false, "not reopened");
    });

    await step("a doubtful target settled from «Mục tiêu cần xác nhận»; CT.TARGETTEXT shows the value and its source", async () => {
      await testid("tab-doubts").click();
      await testid("doubts-load").click();
      await testid("doubts-loaded").waitFor({ timeout: 15_000 });
      const sheet = "Mục tiêu cần xác nhận";
      const d = await dump(sheet);
      const r = d.findIndex((x) => /phủ sóng 5G/.test(x[1] ?? "") && x[2] === "2035");
      check(r > 0, "5G 2035 not on the doubts sheet");
      check(/\(nghi vấn/.test(String(await page.evaluate(() => window.__fakeExcel.call("TARGETTEXT", "5G", 2035)))), "CT.TARGETTEXT had no doubt before");
      await page.evaluate(({ s, row }) => (window.__fakeExcel.setCell(s, `G${row}`, "95%"), window.__fakeExcel.setCell(s, `H${row}`, "Công văn số 45/SKHCN-QLKH ngày 05/3/2026")), { s: sheet, row: r + 1 });
      await testid("doubts-send").click();
      await testid("doubts-done").waitFor({ timeout: 20_000 });
      // The pane asked the CT.* functions' catalog cache to refresh; the formula reads the settled value once it has.
      let text = "";
      for (let i = 0; i < 30 && text !== "95% (theo Công văn số 45/SKHCN-QLKH ngày 05/3/2026)"; i++) {
        if (i) await page.waitForTimeout(500);
        text = String(await page.evaluate(() => window.__fakeExcel.call("TARGETTEXT", "5G", 2035)));
      }
      check(text === "95% (theo Công văn số 45/SKHCN-QLKH ngày 05/3/2026)", `CT.TARGETTEXT: ${text}`);
      const after = await dump(sheet);
      check(/^95% \(theo Công văn số 45\/SKHCN-QLKH ngày 05\/3\/2026/.test(after[r]![5] ?? ""), `settled cell: ${after[r]![5]}`);
      const hist = (await api("GET", "/api/admin/targets/5G/history", admin.token)).body as { history: unknown[] };
      check(hist.history.length >= 1, "no history");
      await shot(page, "doubt-settled", "doubts-card");
    });

    await step("no page errors", async () => {
      check(errors.length === 0, errors.join("; "));
    });

    await step("the admin screens in an English Excel show only English (data stays as printed)", async () => {
      const en = await context.newPage();
      en.on("pageerror", (e) => errors.push(e.message));
      page = en;
      await en.goto(`${a.baseUrl}/taskpane.html?lang=en-US`);
      await testid("sign-out").waitFor({ timeout: 15_000 });
      await testid("admin-tabs").waitFor({ timeout: 10_000 });
      await testid("registry-load").click();
      await testid("registry-loaded").waitFor({ timeout: 20_000 });
      await page.evaluate(({ s }) => window.__fakeExcel.setCell(s, "H6", "Ko"), { s: REGISTRY });
      await testid("registry-check").click();
      await testid("registry-invalid").waitFor({ timeout: 20_000 });
      const seen: string[] = [];
      for (const tab of ["tab-registry", "tab-periods", "tab-reviews", "tab-doubts"]) {
        await testid(tab).click();
        await en.waitForTimeout(300);
        seen.push(
          await en.evaluate(() => {
            const root = document.getElementById("root")!.cloneNode(true) as HTMLElement;
            root.querySelectorAll("[lang=vi]").forEach((x) => x.remove());
            root.querySelectorAll("input, select, textarea, [hidden]").forEach((x) => x.remove());
            return root.innerText;
          }),
        );
      }
      const bad = seen.join("\n").split("\n").filter((l) => VIETNAMESE.test(l));
      check(bad.length === 0, `Vietnamese in the English pane: ${bad.join(" / ")}`);
      check(/Row 6 \(/.test(seen[0]!) && /neither/.test(seen[0]!), `registry problems in English: ${seen[0]!.slice(0, 300)}`);
      await testid("tab-registry").click();
      await shot(en, "english", "registry-card");
      check(errors.length === 0, errors.join("; "));
    });
  } finally {
    await context.close();
  }
  return results;
}
