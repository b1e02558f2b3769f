// The Sở KH&CN's flows against the Excel fake and an in-memory administration API: the registry sheet (paste 166
// communes, check with the worker's rules, preview field by field, apply, 409), tokens for the selected units (handout,
// re-issue, revoke), the review cycle (list, one unit's figures, return with a note on one cell / approve) and the notes
// on the unit's own sheet, the progress and reminder sheets, settling doubtful targets.
import { describe, expect, it, vi } from "vitest";
import { getForm } from "../../shared/forms/index.js";
import type { RegistryUnit } from "../../shared/registry/index.js";
import { FakeDoc, createFakeHost } from "../excel-fake/index.js";
import { REGISTRY_SHEET } from "../../addin/excel/registry-sheet.js";
import { TOKEN_SHEET } from "../../addin/excel/tokens-sheet.js";
import { REVIEW_PREFIX } from "../../addin/excel/review-notes.js";
import { NOTE_PREFIX } from "../../addin/excel/mark-issues.js";
import { openForm } from "../../addin/excel/open-form.js";
import {
  applyRegistry,
  checkRegistrySheet,
  issueTokens,
  loadDoubts,
  loadRegistry,
  loadReviews,
  openSubmission,
  pullProgressFlow,
  revokeTokens,
  selectedUnits,
  sendReview,
  settleDoubts,
  type AdminDeps,
  type RegistryPreview,
} from "../../addin/taskpane/admin-flows.js";
import { showReview } from "../../addin/taskpane/flows.js";
import { problemsFromServer } from "../../addin/taskpane/registry.js";
import { adminStub } from "./admin-stub.js";

const pl1xa = getForm("pl1-xa")!;

function seed(): RegistryUnit[] {
  return [
    { code: "skhcn-quan-tri", name: "Sở KH&CN (quản trị)", category: "staff", agencies: [], canReport: false, canView: true, canAdmin: true, active: true },
    { code: "so-khoa-hoc-va-cong-nghe", name: "Sở Khoa học và Công nghệ", category: "department", agencies: ["Sở Khoa học và Công nghệ"], canReport: true, canView: false, canAdmin: false, active: true },
    { code: "phuong-hac-thanh", name: "Phường Hạc Thành", category: "commune", agencies: [], canReport: true, canView: false, canAdmin: false, active: true, phone: "0237 3852 111" },
  ];
}

function setup() {
  const stub = adminStub(seed());
  const doc = new FakeDoc();
  const host = createFakeHost(doc);
  const onCatalogChanged = vi.fn();
  const deps: AdminDeps = { host, session: stub.session(), onCatalogChanged };
  return { stub, doc, host, deps, onCatalogChanged };
}

describe("the registry sheet, end to end", () => {
  it("166 communes pasted with names only: checked, previewed (added, changed field by field, left alone), applied; the sheet reloads", async () => {
    const { stub, doc, deps } = setup();
    const loaded = await loadRegistry(deps);
    expect(loaded).toMatchObject({ sheetName: REGISTRY_SHEET, rows: 3, version: 0 });
    doc.userType(REGISTRY_SHEET, "I8", "Nguyễn Thị Hoa"); // Phường Hạc Thành's contact
    doc.userPaste(REGISTRY_SHEET, "A9", Array.from({ length: 166 }, (_, i) => ["", `Xã Đông Tiến ${i + 1}`]));

    const check = await checkRegistrySheet(deps);
    expect(check.kind).toBe("preview");
    const p = check as RegistryPreview;
    expect(p.summary).toEqual({ added: 166, changed: 1, unchanged: 2, notInSheet: 0 });
    expect(p.diff.changed[0]).toMatchObject({ unit: { code: "phuong-hac-thanh" }, changes: [{ field: "contactName", before: null, after: "Nguyễn Thị Hoa" }] });
    expect(p.diff.added[0]).toMatchObject({ code: "xa-dong-tien-1", category: "commune", canReport: true, active: true });
    expect(stub.state.pushes).toEqual([{ baseVersion: 0, dryRun: true, count: 169 }]);
    expect(stub.state.version).toBe(0); // a preview writes nothing

    const applied = await applyRegistry(deps, p);
    expect(applied).toMatchObject({ kind: "applied", version: 1, summary: { added: 166, changed: 1 } });
    expect(stub.state.units).toHaveLength(169);
    // Reloaded from the server: version 1, the codes made from the names are on the sheet.
    expect(doc.text(REGISTRY_SHEET, "A2")).toMatch(/^Phiên bản 1 /);
    expect(doc.find(REGISTRY_SHEET, "xa-dong-tien-166")).not.toBeNull();
    expect(doc.sheets.filter((s) => s.name.startsWith(REGISTRY_SHEET))).toHaveLength(1);
  });

  it("a bad row is marked on its cell with a note naming the row, and nothing is sent", async () => {
    const { stub, doc, deps } = setup();
    await loadRegistry(deps);
    doc.userType(REGISTRY_SHEET, "D7", "Sở Khoa hoc va Cong nghe");
    const r = await checkRegistrySheet(deps);
    expect(r.kind).toBe("invalid");
    if (r.kind !== "invalid") return;
    expect(r.problems).toMatchObject([{ row: 7, kind: "unknown_agency", address: "D7", severity: "error" }]);
    expect(doc.cellAt(REGISTRY_SHEET, "D7")?.fill).toBe("#FFC7CE");
    expect(doc.sheet(REGISTRY_SHEET).notes.get("D7")).toBe(`${NOTE_PREFIX}${r.problems[0]!.message}`);
    expect(r.problems[0]!.message).toMatch(/^Dòng 7 \(Sở Khoa học và Công nghệ\): .*hãy ghi đúng "Sở Khoa học và Công nghệ"/);
    expect(stub.state.pushes).toEqual([]);
    // Fixed: the mark goes, the preview comes.
    doc.userType(REGISTRY_SHEET, "D7", "Sở Khoa học và Công nghệ");
    expect((await checkRegistrySheet(deps)).kind).toBe("preview");
    expect(doc.sheet(REGISTRY_SHEET).notes.has("D7")).toBe(false);
  });

  it("someone else pushed meanwhile: 409 says so and a reload brings the new version; another server's sheet is not pushed", async () => {
    const { stub, doc, deps } = setup();
    await loadRegistry(deps);
    doc.userType(REGISTRY_SHEET, "J8", "0912 000 111");
    const p = (await checkRegistrySheet(deps)) as RegistryPreview;
    stub.state.version = 5; // another administrator's push landed
    expect(await applyRegistry(deps, p)).toEqual({ kind: "conflict" });
    await loadRegistry(deps);
    expect(doc.text(REGISTRY_SHEET, "A2")).toMatch(/^Phiên bản 5 /);
    const other = { ...deps, session: { ...deps.session, server: "https://khac.example" } };
    expect(await checkRegistrySheet(other)).toEqual({ kind: "other-server", server: "http://x.test" });
  });

  it("the worker's refusals (422 details) become problems on their cells", () => {
    const read = { rows: [{ row: 9, values: { name: "Xã A" }, address: { successor: "L9", name: "B9" } }] };
    const problems = problemsFromServer([{ row: 9, code: "xa-a", severity: "error", kind: "unknown_successor", message: 'Dòng 9 (Xã A): đơn vị kế thừa "xa-b" không có trong danh sách.' }, "junk"], read);
    expect(problems).toEqual([
      { row: 9, field: "successor", address: "L9", severity: "error", kind: "unknown_successor", message: 'Dòng 9 (Xã A): đơn vị kế thừa "xa-b" không có trong danh sách.', unit: "Xã A", quoted: ["xa-b"] },
    ]);
  });
});

describe("tokens for the selected units", () => {
  it("issue for 3 selected rows → one handout; re-issue one (its old row marked); revoke from the handout and from the registry", async () => {
    const { stub, doc, deps } = setup();
    await loadRegistry(deps);
    doc.selectUser(REGISTRY_SHEET, "A6:A8");
    const sel = await selectedUnits(deps);
    expect(sel).toMatchObject({ source: "registry", units: [{ code: "skhcn-quan-tri", row: 6 }, { code: "so-khoa-hoc-va-cong-nghe", row: 7 }, { code: "phuong-hac-thanh", row: 8 }] });
    doc.selectUser(REGISTRY_SHEET, "B7:B8");
    const two = await selectedUnits(deps);
    expect(two.units.map((u) => u.code)).toEqual(["so-khoa-hoc-va-cong-nghe", "phuong-hac-thanh"]);
    const r = await issueTokens(deps, two, false);
    expect(r).toMatchObject({ sheetName: TOKEN_SHEET, issued: 2, markedRevoked: 0 });
    expect(doc.text(TOKEN_SHEET, "C6")).toBe(`tok_t1.${"9f".repeat(16)}`);
    const again = await issueTokens(deps, { ...two, units: [two.units[1]!] }, true);
    expect(again).toMatchObject({ sheetName: `${TOKEN_SHEET} (2)`, issued: 1, markedRevoked: 1 });
    expect(doc.text(TOKEN_SHEET, "E7")).toMatch(/^Đã thu hồi lúc /);
    expect(stub.state.tokens.map((t) => [t.id, t.unit, t.revoked])).toEqual([["t1", "so-khoa-hoc-va-cong-nghe", false], ["t2", "phuong-hac-thanh", true], ["t3", "phuong-hac-thanh", false]]);
    doc.selectUser(`${TOKEN_SHEET} (2)`, "A6");
    const onHandout = await selectedUnits(deps);
    expect(await revokeTokens(deps, onHandout)).toEqual({ revoked: 1, markedRevoked: 1 });
    expect(stub.state.requests.filter((x) => x.includes("revoke"))).toHaveLength(1);
    doc.selectUser(REGISTRY_SHEET, "C7");
    expect(await revokeTokens(deps, await selectedUnits(deps))).toEqual({ revoked: 1, markedRevoked: 1 });
    expect(stub.state.tokens.every((t) => t.revoked)).toBe(true);
  });
});

describe("the review cycle", () => {
  it("the admin returns a submission with a note on one cell; the unit's sheet shows it; a resubmission clears it; approve", async () => {
    const { stub, doc, deps } = setup();
    stub.state.submissions.push({ id: "s1", unit: "phuong-hac-thanh", form: "pl1-xa", period: "2025-N", revision: 1, status: "submitted", cells: [{ item: "5G", field: "actual", raw: "65%" }], notes: [], comment: null });
    const labels = { form: "Phụ lục 1", period: "Năm 2025" };
    const list = await loadReviews(deps, "pl1-xa", "2025-N", labels);
    expect(list.sheetName).toBe("Duyệt Phụ lục 1 Năm 2025");
    const row = list.rows.find((x) => x.unit === "phuong-hac-thanh")!;
    expect(row).toMatchObject({ submission: "s1", status: "submitted" });
    const opened = await openSubmission(deps, row, "pl1-xa", "2025-N", labels);
    expect(opened.sheetName).toBe("Số liệu Phường Hạc Thành");
    // Nothing written: returning needs a comment or a note.
    expect(await sendReview(deps, "s1", "returned", "")).toEqual({ kind: "needs-reason" });
    const at = doc.find(opened.sheetName, "65%")!;
    doc.userType(opened.sheetName, at.replace(/^D/, "E"), "Ghi rõ nguồn số liệu 65%");
    expect(await sendReview(deps, "s1", "returned", "Sửa chỉ tiêu 5G")).toEqual({ kind: "done", status: "returned", notes: 1, ignoredNotes: 0 });
    expect(stub.state.submissions[0]).toMatchObject({ status: "returned", comment: "Sửa chỉ tiêu 5G", notes: [{ item: "5G", field: "actual", note: "Ghi rõ nguồn số liệu 65%" }] });

    // The unit's side: its entry sheet shows the note on the exact cell; the pane lists it by row name and column.
    const unitDoc = new FakeDoc();
    const unitHost = createFakeHost(unitDoc);
    const form = await openForm(unitHost, { form: pl1xa, period: "2025-N", initial: [{ item: "5G", field: "actual", raw: "65%" }] });
    const review = { submission: "s1", revision: 1, status: "returned" as const, comment: "Sửa chỉ tiêu 5G", at: "2025-12-02T02:00:00Z", notes: [{ item: "5G", field: "actual", note: "Ghi rõ nguồn số liệu 65%" }] };
    const view = await showReview({ host: unitHost }, form.sheetId, review);
    expect(view).toMatchObject({ status: "returned", comment: "Sửa chỉ tiêu 5G", asNotes: true, notes: [{ row: { stt: "1" }, column: "Thực hiện kỳ báo cáo", note: "Ghi rõ nguồn số liệu 65%" }] });
    const address = view!.notes[0]!.address!;
    expect(unitDoc.sheet(form.sheetName).notes.get(address)).toBe(`${REVIEW_PREFIX}Ghi rõ nguồn số liệu 65%`);
    // Resubmitted: the server's review is "submitted" with no notes; the note comes off the sheet.
    const after = await showReview({ host: unitHost }, form.sheetId, { ...review, submission: "s2", revision: 2, status: "submitted", comment: null, at: null, notes: [] });
    expect(after).toMatchObject({ status: "submitted", notes: [] });
    expect(unitDoc.sheet(form.sheetName).notes.has(address)).toBe(false);

    // The admin approves the new submission; notes left on the review sheet are not sent with an approval.
    stub.state.submissions.push({ id: "s2", unit: "phuong-hac-thanh", form: "pl1-xa", period: "2025-N", revision: 2, status: "submitted", cells: [{ item: "5G", field: "actual", raw: "66%" }], notes: [], comment: null });
    const again = await loadReviews(deps, "pl1-xa", "2025-N", labels);
    const o2 = await openSubmission(deps, again.rows.find((x) => x.unit === "phuong-hac-thanh")!, "pl1-xa", "2025-N", labels);
    expect(doc.sheets.filter((s) => s.name.startsWith("Số liệu"))).toHaveLength(1); // replaced in place
    doc.userType(o2.sheetName, doc.find(o2.sheetName, "66%")!.replace(/^D/, "E"), "ok");
    expect(await sendReview(deps, "s2", "accepted", "")).toEqual({ kind: "done", status: "accepted", notes: 0, ignoredNotes: 1 });
    expect(stub.state.submissions[1]).toMatchObject({ status: "accepted", notes: [] });
  });
});

describe("progress, reminders and doubtful targets", () => {
  it("the admin's progress pull writes every unit and the reminder list with contacts", async () => {
    const { deps, doc } = setup();
    const r = await pullProgressFlow(deps, "pl1-xa", "2025-N", "Năm 2025");
    expect(r).toMatchObject({ completenessSheetName: "Tiến độ nộp Phụ lục 1 Năm 2025", remindersSheetName: "Cần nhắc Phụ lục 1 Năm 2025", submitted: 1, expected: 1, remind: 0 });
    expect(doc.dump("Tiến độ nộp Phụ lục 1 Năm 2025").some((row) => row[1] === "Phường Hạc Thành")).toBe(true);
    const viewer = { ...deps, session: { ...deps.session, isAdmin: false } };
    expect((await pullProgressFlow(viewer, "pl1-xa", "2025-N")).remindersSheetName).toBeNull();
  });

  it("settles a doubtful target typed into the sheet (value + source), history on the server, catalog refreshed; a missing source is marked", async () => {
    const { stub, doc, deps, onCatalogChanged } = setup();
    const l = await loadDoubts(deps);
    expect(l).toMatchObject({ sheetName: "Mục tiêu cần xác nhận", rows: 2, settled: 0 });
    expect(await settleDoubts(deps)).toEqual({ kind: "nothing" });
    doc.userType(l.sheetName, "G6", "95%");
    const bad = await settleDoubts(deps);
    expect(bad).toMatchObject({ kind: "invalid", problems: [{ kind: "source_missing", address: "H6" }] });
    expect(doc.cellAt(l.sheetName, "H6")?.fill).toBe("#FFC7CE");
    expect(stub.state.edits).toEqual([]);
    doc.userType(l.sheetName, "H6", "Công văn số 45/SKHCN ngày 05/3/2026");
    const ok = await settleDoubts(deps);
    expect(ok).toMatchObject({ kind: "done", settled: 1, failed: [] });
    expect(stub.state.edits).toEqual([{ key: "5G", year: 2035, text: "95%", source: "Công văn số 45/SKHCN ngày 05/3/2026", reason: "Xác nhận mục tiêu năm 2035 bị nghi vấn trong văn bản gốc" }]);
    expect(onCatalogChanged).toHaveBeenCalledTimes(1);
    expect(doc.text(l.sheetName, "F6")).toBe("95% (theo Công văn số 45/SKHCN ngày 05/3/2026, 05/03/2026)");
    expect(doc.text(l.sheetName, "G6")).toBe(""); // reloaded: the inputs are empty again
  });
});
