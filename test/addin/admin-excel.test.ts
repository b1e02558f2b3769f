// The Sở KH&CN's sheets against the in-memory Excel fake: the unit registry (write, edit, paste 166 communes, read,
// check marks), token handouts (written once, revoked rows marked, selection → units), the review list and one unit's
// submission with notes, the Sở KH&CN's notes on a unit's entry sheet (notes or fills, removed on resubmission), the
// progress and reminder sheets, doubtful targets — and context.sync() round trips at 10, 100 and 1,000 rows (≤ 2, flat).
import { describe, expect, it } from "vitest";
import { getForm } from "../../shared/forms/index.js";
import type { RegistryUnit } from "../../shared/registry/index.js";
import type { CompletenessRow } from "../../shared/schemas/index.js";
import { FakeDoc, countSyncs, createFakeHost } from "../excel-fake/index.js";
import { ADMIN_KEY, type AdminIndex } from "../../addin/excel/admin-meta.js";
import { markAdminSheet } from "../../addin/excel/admin-sheets.js";
import { REGISTRY_SHEET, mapRegistryGrid, readRegistrySheet, writeRegistrySheet } from "../../addin/excel/registry-sheet.js";
import { TOKEN_SHEET, readSelectedUnits, writeTokenSheet } from "../../addin/excel/tokens-sheet.js";
import { readReviewSheet, writeReviewList, writeReviewSheet } from "../../addin/excel/review-sheet.js";
import { REVIEW_FILL, REVIEW_PREFIX, placeReviewNotes } from "../../addin/excel/review-notes.js";
import { pullProgress } from "../../addin/excel/pull.js";
import { readDoubtsSheet, writeDoubtsSheet, type DoubtRow } from "../../addin/excel/doubts-sheet.js";
import { openForm } from "../../addin/excel/open-form.js";
import { readSheet, posKey } from "../../addin/excel/read-sheet.js";
import { markIssues, NOTE_PREFIX } from "../../addin/excel/mark-issues.js";
import { META_KEY, PULLED_KEY } from "../../addin/excel/meta.js";
import { parseRegistrySheet } from "../../addin/taskpane/registry.js";
import { reviewCells } from "../../addin/taskpane/admin-flows.js";

const pl1xa = getForm("pl1-xa")!;
const SERVER = "http://x.test";

function units(n: number): RegistryUnit[] {
  const out: RegistryUnit[] = [
    { code: "skhcn-quan-tri", name: "Sở KH&CN (quản trị)", category: "staff", agencies: [], canReport: false, canView: true, canAdmin: true, active: true },
    { code: "so-y-te", name: "Sở Y tế", category: "department", agencies: ["Sở Y tế"], canReport: true, canView: false, canAdmin: false, active: true, contactName: "Lê Văn A", phone: "0912345678", email: "a@syt.gov.vn" },
  ];
  for (let i = out.length; i < n; i++)
    out.push({ code: `xa-mau-${String(i).padStart(4, "0")}`, name: `Xã mẫu ${String(i).padStart(4, "0")}`, category: "commune", agencies: [], canReport: true, canView: false, canAdmin: false, active: true });
  return out.slice(0, n);
}

/** A workbook setting as the add-in wrote it (settings hold JSON text; the add-in stores JSON strings in them). */
function setting<T>(doc: FakeDoc, key: string): T {
  const v: unknown = doc.getSetting(key) ?? "{}";
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}
const adminIndex = (doc: FakeDoc) => setting<AdminIndex>(doc, ADMIN_KEY);

const counts: Record<string, Record<number, number>> = {};
const record = (op: string, n: number, syncs: number) => ((counts[op] ??= {})[n] = syncs);

describe("the registry sheet", () => {
  it("writes the registry as an Excel table with lists, text formats and the version in its meta (2 syncs); a reload rewrites it in place", async () => {
    const doc = new FakeDoc({ sheets: ["Sheet1", "Ghi chép"] });
    const host = createFakeHost(doc);
    const w = await countSyncs(doc, () => writeRegistrySheet(host, { units: units(5), version: 3, server: SERVER, at: "2026-03-01T02:00:00Z" }));
    expect(w.syncs).toBe(2);
    expect(w.result).toMatchObject({ sheetName: REGISTRY_SHEET, rows: 5, replaced: false });
    const s = doc.sheet(REGISTRY_SHEET);
    expect(doc.text(REGISTRY_SHEET, "A1")).toBe("DANH SÁCH ĐƠN VỊ BÁO CÁO");
    expect(doc.text(REGISTRY_SHEET, "A2")).toBe("Phiên bản 3 của danh sách trên máy chủ, tải lúc 01/03/2026 09:00 (giờ Việt Nam).");
    expect(doc.dump(REGISTRY_SHEET)[4]!.slice(0, 13)).toEqual([
      "Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Cơ quan theo danh mục", "Gửi số liệu", "Xem tổng hợp", "Quản trị", "Hoạt động",
      "Người liên hệ", "Điện thoại", "Thư điện tử", "Đơn vị kế thừa", "Ghi chú",
    ]);
    expect(doc.dump(REGISTRY_SHEET)[6]!.slice(0, 11)).toEqual(["so-y-te", "Sở Y tế", "Sở, ngành", "Sở Y tế", "Có", "Không", "Không", "Có", "Lê Văn A", "0912345678", "a@syt.gov.vn"]);
    // The phone number keeps its leading 0: every cell is text, also in the spare rows where units are pasted.
    expect(doc.cellAt(REGISTRY_SHEET, "J7")?.numberFormat).toBe("@");
    expect(doc.cellAt(REGISTRY_SHEET, "J300")?.numberFormat).toBe("@");
    // Drop-down lists: the category labels (from a hidden column: they contain commas) and Có/Không.
    const cat = s.validations.find((v) => v.rect.c0 === 2)!;
    expect(cat.rule).toEqual({ list: { inCellDropDown: true, source: "=$P$1:$P$6" } });
    expect(s.hiddenCols.has(15)).toBe(true);
    expect(doc.text(REGISTRY_SHEET, "P1")).toBe("Xã, phường");
    expect(s.validations.find((v) => v.rect.c0 === 4)!.rule).toEqual({ list: { inCellDropDown: true, source: "Có,Không" } });
    const table = doc.tables.find((t) => t.sheetId === s.id)!;
    expect(table.rect).toEqual({ r0: 4, c0: 0, r1: 9, c1: 12 });
    expect(table.showFilterButton).toBe(true);
    expect(s.freeze).toEqual({ rows: 5, cols: 2 });
    expect(adminIndex(doc)[s.id]).toMatchObject({ kind: "registry", version: 3, server: SERVER, headerRow: 4, marks: [] });

    // The user moves it after "Ghi chép"; a reload (new version) rewrites it in place: same name, same position, one sheet.
    doc.sheets.push(doc.sheets.splice(doc.sheets.indexOf(s), 1)[0]!);
    const again = await countSyncs(doc, () => writeRegistrySheet(host, { units: units(6), version: 4, server: SERVER }));
    expect(again.syncs).toBe(2);
    expect(again.result).toMatchObject({ sheetName: REGISTRY_SHEET, replaced: true, rows: 6 });
    expect(doc.sheets.map((x) => x.name)).toEqual(["Sheet1", "Ghi chép", REGISTRY_SHEET]);
    const idx = adminIndex(doc);
    expect(Object.values(idx).filter((m) => m.kind === "registry")).toHaveLength(1);
    expect(idx[doc.sheet(REGISTRY_SHEET).id]).toMatchObject({ version: 4 });
  });

  it("reads edits and 166 communes pasted under the table (names only): codes from names, commune category, defaults; marks bad cells", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const existing = units(3);
    await writeRegistrySheet(host, { units: existing, version: 1, server: SERVER });
    doc.userType(REGISTRY_SHEET, "J7", "0987 654 321"); // Sở Y tế's phone
    doc.userType(REGISTRY_SHEET, "H8", "Ko"); // neither Có nor Không
    const pasted = Array.from({ length: 166 }, (_, i) => [
      "",
      i === 5 ? "Xã mẫu 0002" : `Xã Thọ Lập ${i + 1}`, // one name the server already has for a unit the sheet lists
      "",
      i === 7 ? "Sở Khoa hoc va Cong nghe" : "",
    ]);
    doc.userPaste(REGISTRY_SHEET, "A9", pasted);
    const table = doc.tables.find((t) => t.sheetId === doc.sheet(REGISTRY_SHEET).id)!;
    expect(table.rect.r1).toBe(8 + 166 - 1); // the table grew with the pasted rows

    const read = await countSyncs(doc, () => readRegistrySheet(host));
    expect(read.syncs).toBe(2);
    expect(read.result.rows).toHaveLength(3 + 166);
    expect(read.result.rows[1]!.values.phone).toBe("0987 654 321");
    const parsed = parseRegistrySheet(read.result, { existing, knownAgencies: ["Sở Khoa học và Công nghệ", "Sở Y tế"], selfCode: "skhcn-quan-tri" });
    const added = parsed.units.filter((u) => /^Xã Thọ Lập/.test(u.name));
    expect(added).toHaveLength(165);
    expect(added[0]).toMatchObject({ code: "xa-tho-lap-1", category: "commune", canReport: true, canView: false, canAdmin: false, active: true, row: 9 });
    // The name of a unit the sheet already lists gets a new code (not the other row's), and a duplicate-name warning.
    const twin = parsed.units.find((u) => u.row === 14)!;
    expect(twin.code).toBe("xa-mau-0002-2");
    expect(parsed.problems.find((p) => p.row === 14)).toMatchObject({ kind: "duplicate_name", severity: "warning", address: "B14" });
    expect(parsed.generated).toHaveLength(166);
    const bad = parsed.problems.filter((p) => p.severity === "error");
    expect(bad.map((p) => [p.row, p.kind, p.address])).toEqual([
      [8, "flag_unreadable", "H8"],
      [16, "unknown_agency", "D16"],
    ]);
    expect(bad[0]!.message).toBe('Dòng 8 (Xã mẫu 0002): cột Hoạt động ghi "Ko"; hãy ghi Có hoặc Không.');
    expect(bad[1]!.message).toContain('hãy ghi đúng "Sở Khoa học và Công nghệ"');

    // Marks: red fill and a note naming the row; 2 syncs; a second check replaces them and restores the fills.
    const marks = parsed.problems.filter((p) => p.address).map((p) => ({ address: p.address!, severity: p.severity, message: p.message }));
    const m = await countSyncs(doc, () => markAdminSheet(host, read.result.sheetId, read.result.meta.marks, marks, NOTE_PREFIX));
    expect(m.syncs).toBe(2);
    expect(doc.cellAt(REGISTRY_SHEET, "H8")?.fill).toBe("#FFC7CE");
    expect(doc.cellAt(REGISTRY_SHEET, "B14")?.fill).toBe("#FFEB9C");
    expect(doc.sheet(REGISTRY_SHEET).notes.get("H8")).toBe(`${NOTE_PREFIX}${bad[0]!.message}`);
    doc.userType(REGISTRY_SHEET, "H8", "Có");
    const again = await readRegistrySheet(host);
    expect(again.meta.marks.map((x) => x.address).sort()).toEqual(["B14", "D16", "H8"]);
    await markAdminSheet(host, again.sheetId, again.meta.marks, marks.filter((x) => x.address !== "H8"), NOTE_PREFIX);
    expect(doc.cellAt(REGISTRY_SHEET, "H8")?.fill ?? null).toBeNull();
    expect(doc.sheet(REGISTRY_SHEET).notes.has("H8")).toBe(false);
    expect(doc.sheet(REGISTRY_SHEET).notes.has("D16")).toBe(true);
  });

  it("reads columns by their header text (a moved column still reads right) and names a missing column", () => {
    const grid = [
      ["DANH SÁCH"],
      [],
      ["Tên đơn vị", "Mã đơn vị", "Loại đơn vị"],
      ["Sở Y tế", "so-y-te", "Sở, ngành"],
      ["", "", ""],
    ];
    const r = mapRegistryGrid(grid, 0, 0, 4);
    expect(r.rows).toEqual([{ row: 4, values: { name: "Sở Y tế", code: "so-y-te", category: "Sở, ngành" }, address: { name: "A4", code: "B4", category: "C4" } }]);
    expect(r.missing).toContain("agencies");
    const parsed = parseRegistrySheet({ rows: [], missing: ["code"] }, { existing: [], knownAgencies: [] });
    expect(parsed.problems[0]).toMatchObject({ kind: "column_missing", row: null, message: 'Trang tính không có cột "Mã đơn vị".' });
  });

  it("never writes over a note someone else put on a cell; without ExcelApi 1.18 marks are fills only", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    await writeRegistrySheet(host, { units: units(3), version: 1, server: SERVER });
    doc.sheet(REGISTRY_SHEET).notes.set("B6", "Ghi chú riêng của chị Hoa");
    const read = await readRegistrySheet(host);
    const r = await markAdminSheet(host, read.sheetId, [], [{ address: "B6", severity: "warning", message: "trùng tên" }], NOTE_PREFIX);
    expect(r.noteSkipped).toEqual(["B6"]);
    expect(doc.sheet(REGISTRY_SHEET).notes.get("B6")).toBe("Ghi chú riêng của chị Hoa");
    host.unsupported.add("ExcelApi 1.18");
    const again = await readRegistrySheet(host);
    await markAdminSheet(host, again.sheetId, again.meta.marks, [{ address: "C6", severity: "error", message: "x" }], NOTE_PREFIX);
    expect(doc.cellAt(REGISTRY_SHEET, "C6")?.fill).toBe("#FFC7CE");
    expect(doc.sheet(REGISTRY_SHEET).notes.has("C6")).toBe(false);
    expect(doc.sheet(REGISTRY_SHEET).notes.get("B6")).toBe("Ghi chú riêng của chị Hoa");
  });
});

describe("token handouts", () => {
  const issued = (codes: string[], at = "2026-03-02T01:30:00Z") =>
    codes.map((c, i) => ({ unit: c, unitName: `Đơn vị ${c}`, token: `tok_id${i}${c.length}.${"ab".repeat(16)}`, id: `id${i}${c.length}`, issuedAt: at }));

  it("writes the tokens once into a handout sheet (nowhere else); the rows of a re-issue or revocation are marked", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    await writeRegistrySheet(host, { units: units(5), version: 1, server: SERVER });
    // Select three unit rows of the registry (rows 7–9).
    doc.selectUser(REGISTRY_SHEET, "B7:D9");
    const sel = await countSyncs(doc, () => readSelectedUnits(host));
    expect(sel.syncs).toBe(2);
    expect(sel.result).toMatchObject({ source: "registry", units: [{ code: "so-y-te", row: 7 }, { code: "xa-mau-0002", row: 8 }, { code: "xa-mau-0003", row: 9 }] });
    const toks = issued(sel.result.units.map((u) => u.code));
    const w = await countSyncs(doc, () => writeTokenSheet(host, { tokens: toks, server: SERVER }));
    expect(w.syncs).toBe(2);
    expect(w.result).toMatchObject({ sheetName: TOKEN_SHEET, written: 3, markedRevoked: 0 });
    expect(doc.text(TOKEN_SHEET, "A1")).toBe("PHIẾU CẤP MÃ TRUY CẬP");
    expect(doc.text(TOKEN_SHEET, "A2")).toBe(`Cấp lúc 02/03/2026 08:30 (giờ Việt Nam). Địa chỉ máy chủ: ${SERVER}`);
    expect(doc.dump(TOKEN_SHEET)[4]!.slice(0, 5)).toEqual(["STT", "Đơn vị", "Mã truy cập", "Cấp lúc", "Tình trạng"]);
    expect(doc.dump(TOKEN_SHEET)[5]!.slice(0, 5)).toEqual(["1", "Đơn vị so-y-te", toks[0]!.token, "02/03/2026 08:30", "Đang dùng"]);
    // The secret is in the handout's cells only: not in any setting (the index keeps unit and token id), not elsewhere.
    for (const v of doc.settings.values()) for (const t of toks) expect(v).not.toContain(t.token.split(".")[1]);
    for (const s of doc.sheets.filter((x) => x.name !== TOKEN_SHEET)) expect(JSON.stringify(doc.dump(s.name))).not.toContain("abababab");

    // Re-issue for one unit selected on the handout: a second handout; the old row says revoked.
    doc.selectUser(TOKEN_SHEET, "B6");
    const pick = await readSelectedUnits(host);
    expect(pick).toMatchObject({ source: "tokens", units: [{ code: "so-y-te", name: "Đơn vị so-y-te", tokenId: toks[0]!.id }] });
    const again = await writeTokenSheet(host, { tokens: issued(["so-y-te"], "2026-03-03T01:30:00Z"), server: SERVER, rotated: true, revokedUnits: ["so-y-te"], at: "2026-03-03T01:30:00Z" });
    expect(again).toMatchObject({ sheetName: `${TOKEN_SHEET} (2)`, markedRevoked: 1 });
    expect(doc.text(TOKEN_SHEET, "E6")).toBe("Đã thu hồi lúc 03/03/2026 08:30");
    expect(doc.text(`${TOKEN_SHEET} (2)`, "E6")).toBe("Cấp lại (mã cũ đã thu hồi)");
    // Revoking a token selected on the handout marks that row; revoked rows are no longer selectable.
    const rev = await countSyncs(doc, () => writeTokenSheet(host, { tokens: [], server: SERVER, revokedTokenIds: [toks[1]!.id] }));
    expect(rev.syncs).toBe(2);
    expect(rev.result.markedRevoked).toBe(1);
    doc.selectUser(TOKEN_SHEET, "A6:E8");
    expect((await readSelectedUnits(host)).units.map((u) => u.code)).toEqual(["xa-mau-0003"]);
    // Another sheet: nothing to pick.
    doc.selectUser("Sheet1", "A1");
    expect(await readSelectedUnits(host)).toMatchObject({ source: "other", units: [] });
  });
});

describe("reviews", () => {
  it("the review list (2 syncs, rewritten in place) and one unit's submission as a cell list with a note column", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const rows = [
      { name: "Phường Hạc Thành", revision: 2, at: "2025-12-01T02:00:00Z", cellCount: 5, status: "submitted" as const, comment: null, reviewedAt: null, notes: 0 },
      { name: "Xã Nga Sơn", revision: null, at: null, cellCount: 0, status: null, comment: null, reviewedAt: null, notes: 0 },
      { name: "Xã Hậu Lộc", revision: 1, at: "2025-11-20T02:00:00Z", cellCount: 4, status: "returned" as const, comment: "Sửa dòng 5G", reviewedAt: "2025-11-21T02:00:00Z", notes: 1 },
    ];
    const list = await countSyncs(doc, () => writeReviewList(host, { form: "pl1-xa", period: "2025-N", sheetName: "Duyệt Phụ lục 1 Năm 2025", formName: "Phụ lục 1", periodLabel: "Năm 2025", rows }));
    expect(list.syncs).toBe(2);
    const dump = doc.dump("Duyệt Phụ lục 1 Năm 2025");
    expect(dump[2]![0]).toBe("Chờ duyệt 1; đã duyệt 0; trả lại 1; chưa nộp 1 (tổng 3 đơn vị)");
    expect(dump.slice(6, 9).map((r) => r.slice(1, 3))).toEqual([["Phường Hạc Thành", "Đã nộp"], ["Xã Hậu Lộc", "Trả lại"], ["Xã Nga Sơn", "Chưa nộp"]]);
    expect(doc.tables.some((t) => t.sheetId === doc.sheet("Duyệt Phụ lục 1 Năm 2025").id && t.showFilterButton)).toBe(true);
    const again = await writeReviewList(host, { form: "pl1-xa", period: "2025-N", sheetName: "Duyệt Phụ lục 1 Năm 2025", formName: "Phụ lục 1", periodLabel: "Năm 2025", rows });
    expect(again).toMatchObject({ replaced: true, sheetName: "Duyệt Phụ lục 1 Năm 2025" });
    expect(doc.sheets.filter((s) => s.name.startsWith("Duyệt"))).toHaveLength(1);

    const cells = reviewCells(pl1xa, [{ item: "5G", field: "actual", raw: "65%" }], [{ item: "5G", field: "actual", note: "Ghi rõ nguồn số liệu" }]);
    expect(cells).toHaveLength(pl1xa.rows.filter((r) => r.type === "indicator").length * pl1xa.columns.filter((c) => c.role === "input").length);
    const w = await countSyncs(doc, () =>
      writeReviewSheet(host, {
        server: SERVER, submission: "s1", form: "pl1-xa", formName: "Phụ lục 1", period: "2025-N", periodLabel: "Năm 2025",
        unit: "phuong-hac-thanh", unitName: "Phường Hạc Thành", revision: 2, receivedAt: "2025-12-01T02:00:00Z", state: "Đã nộp, chờ duyệt", rows: cells,
      }),
    );
    expect(w.syncs).toBe(2);
    const name = w.result.sheetName;
    expect(name).toBe("Số liệu Phường Hạc Thành");
    const d = doc.dump(name);
    expect(d[1]![0]).toBe("Đơn vị: Phường Hạc Thành. Kỳ báo cáo: Năm 2025. Lần nộp 2, lúc 01/12/2025 09:00 (giờ Việt Nam). Tình trạng: Đã nộp, chờ duyệt.");
    expect(d[4]).toEqual(["STT", "Chỉ tiêu / nhiệm vụ", "Cột", "Giá trị đơn vị gửi", "Ghi chú khi trả lại"]);
    const row5g = d.findIndex((r) => r[3] === "65%");
    expect(d[row5g]![4]).toBe("Ghi rõ nguồn số liệu"); // a returned note is prefilled
    // Values are read-only; the note column takes what the administrator types.
    expect(() => doc.userType(name, `D${row5g + 1}`, "70%")).toThrow();
    doc.userType(name, `E${row5g + 2}`, "Thiếu số liệu");
    const read = await countSyncs(doc, () => readReviewSheet(host, "s1"));
    expect(read.syncs).toBe(2);
    expect(read.result.notes).toEqual([
      { item: "5G", field: "actual", note: "Ghi rõ nguồn số liệu", address: `E${row5g + 1}` },
      { item: cells[row5g - 4]!.item, field: cells[row5g - 4]!.field, note: "Thiếu số liệu", address: `E${row5g + 2}` },
    ]);
  });

  it("the unit's entry sheet carries the returned notes as Excel notes (protected sheet), removed on resubmission; fills on older Excel", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const opened = await openForm(host, { form: pl1xa, period: "2025-N", initial: [{ item: "5G", field: "actual", raw: "65%" }] });
    const read = await readSheet(host, opened.sheetId);
    const at = read.positions.get(posKey("5G", "actual"))!;
    const r = await countSyncs(doc, () => placeReviewNotes(host, opened.sheetId, [], [{ address: at, message: "Ghi rõ nguồn số liệu" }], { submission: "s1", status: "returned" }));
    expect(r.syncs).toBe(2);
    expect(doc.sheet(opened.sheetName).notes.get(at)).toBe(`${REVIEW_PREFIX}Ghi rõ nguồn số liệu`);
    expect(doc.sheet(opened.sheetName).protection.protected).toBe(true);
    // A validation mark on the same cell keeps the review note (no second note is forced on the cell).
    doc.userType(opened.sheetName, at, "1,2,3");
    await markIssues(host, opened.sheetId, [{ address: at, severity: "error", message: "không đọc được" }]);
    expect(doc.sheet(opened.sheetName).notes.get(at)).toBe(`${REVIEW_PREFIX}Ghi rõ nguồn số liệu`);
    expect(doc.cellAt(opened.sheetName, at)?.fill).toBe("#FFC7CE");
    await markIssues(host, opened.sheetId, []);
    expect(doc.sheet(opened.sheetName).notes.get(at)).toBe(`${REVIEW_PREFIX}Ghi rõ nguồn số liệu`);
    // Resubmitted: the review starts clean; the note goes.
    const meta = (await readSheet(host, opened.sheetId)).meta!;
    expect(meta.review).toMatchObject({ submission: "s1", status: "returned", marks: [{ address: at, note: true, filled: false }] });
    await placeReviewNotes(host, opened.sheetId, meta.review!.marks, [], { submission: "s2", status: "submitted" });
    expect(doc.sheet(opened.sheetName).notes.has(at)).toBe(false);
    // Older Excel: an orange fill instead, restored afterwards.
    host.unsupported.add("ExcelApi 1.18");
    await placeReviewNotes(host, opened.sheetId, [], [{ address: at, message: "x" }], { submission: "s3", status: "returned" });
    expect(doc.cellAt(opened.sheetName, at)?.fill).toBe(REVIEW_FILL);
    const m2 = (await readSheet(host, opened.sheetId)).meta!;
    await placeReviewNotes(host, opened.sheetId, m2.review!.marks, [], null);
    expect(doc.cellAt(opened.sheetName, at)?.fill).toBe("#FFFFFF");
    expect((await readSheet(host, opened.sheetId)).meta!.review).toBeUndefined();
  });
});

function completeness(n: number): { dueDate: string; rows: CompletenessRow[] } {
  return {
    dueDate: "2025-11-24",
    rows: Array.from({ length: n }, (_, i) => ({
      unit: `xa-${i}`,
      name: `Xã số ${i + 1}`,
      submitted: i % 3 === 0,
      revision: i % 3 === 0 ? 1 : null,
      at: i % 3 === 0 ? "2025-11-20T02:00:00Z" : null,
      status: i % 3 === 0 ? (i % 6 === 0 ? "returned" : "submitted") : null,
      dueDate: "2025-11-24",
      daysLeft: i % 3 === 0 ? null : -5,
      lateBy: i % 3 === 0 ? 0 : null,
      contactName: i % 2 ? `Cán bộ ${i}` : null,
      phone: i % 2 ? `0912${String(i).padStart(6, "0")}` : null,
      email: null,
    })),
  };
}

describe("progress and reminder sheets", () => {
  it("every unit (200), as an Excel table with filters; the reminder list with contacts; rewritten in place (2 syncs)", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const r = await countSyncs(doc, () => pullProgress(host, { form: pl1xa, period: "2025-N", completeness: completeness(200), at: "2025-12-01T02:00:00Z", reminders: true }));
    expect(r.syncs).toBe(2);
    expect(r.result).toMatchObject({ completenessSheetName: "Tiến độ nộp Phụ lục 1 Năm 2025", remindersSheetName: "Cần nhắc Phụ lục 1 Năm 2025", replaced: false });
    const p = doc.dump("Tiến độ nộp Phụ lục 1 Năm 2025");
    expect(p.filter((row) => /^Xã số \d+$/.test(row[1] ?? ""))).toHaveLength(200);
    expect(p[3]![0]).toBe("Chưa nộp 133 (quá hạn 133); đã duyệt 0; trả lại 34; nộp muộn 0");
    const pt = doc.tables.find((t) => t.sheetId === doc.sheet("Tiến độ nộp Phụ lục 1 Năm 2025").id)!;
    expect(pt.showFilterButton).toBe(true);
    expect(pt.rect.r1 - pt.rect.r0).toBe(200);
    const rem = doc.dump("Cần nhắc Phụ lục 1 Năm 2025");
    const remRows = rem.filter((row) => /^Xã số \d+$/.test(row[1] ?? ""));
    expect(remRows).toHaveLength(133 + 34); // not submitted, and returned
    expect(remRows.find((x) => x[1] === "Xã số 2")!.slice(2, 8)).toEqual(["Chưa nộp", "Cán bộ 1", "0912000001", "", "5", "Quá hạn 5 ngày"]);
    expect(remRows.find((x) => x[1] === "Xã số 1")![2]).toBe("Nộp lại (đã trả lại)");
    expect(doc.cellAt("Cần nhắc Phụ lục 1 Năm 2025", "E8")?.numberFormat).toBe("@");
    const again = await pullProgress(host, { form: pl1xa, period: "2025-N", completeness: completeness(10), at: "2025-12-02T02:00:00Z", reminders: true });
    expect(again.replaced).toBe(true);
    expect(doc.sheets.map((s) => s.name)).toEqual(["Sheet1", "Tiến độ nộp Phụ lục 1 Năm 2025", "Cần nhắc Phụ lục 1 Năm 2025"]);
    expect(Object.values(setting<Record<string, { kind: string }>>(doc, PULLED_KEY)).map((x) => x.kind).sort()).toEqual(["completeness", "reminders"]);
  });
});

describe("doubtful targets", () => {
  const doubts = (n: number): DoubtRow[] =>
    Array.from({ length: n }, (_, i) => ({
      key: `K${i}`,
      stt: i + 1,
      name: `Chỉ tiêu ${i + 1}`,
      field: i % 5 === 4 ? "baseline" : "2035",
      reason: "Văn bản chỉ in 4 trong 5 ô mục tiêu",
      year: i % 5 === 4 ? null : 2035,
      settleable: i % 5 !== 4,
      printed: "80%",
      settled: i === 1 ? { text: "85%", source: "Công văn 12/SKHCN", at: "2026-03-01T02:00:00Z" } : null,
    }));

  it("lists the doubts with reasons and printed values; reads back the settled values and sources typed (2 + 2 syncs)", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const w = await countSyncs(doc, () => writeDoubtsSheet(host, { doubts: doubts(6), server: SERVER }));
    expect(w.syncs).toBe(2);
    const name = w.result.sheetName;
    expect(name).toBe("Mục tiêu cần xác nhận");
    const d = doc.dump(name);
    expect(d[4]).toEqual(["STT", "Chỉ tiêu", "Năm", "Giá trị in trong kế hoạch", "Lý do nghi vấn", "Đã xác nhận", "Giá trị xác nhận", "Văn bản căn cứ"]);
    expect(d[6]!.slice(2, 6)).toEqual(["2035", "80%", "Văn bản chỉ in 4 trong 5 ô mục tiêu", "85% (theo Công văn 12/SKHCN, 01/03/2026)"]);
    expect(d[9]!.slice(2, 7)).toEqual(["Hiện trạng", "80%", "Văn bản chỉ in 4 trong 5 ô mục tiêu", "", "(không xác nhận ở đây)"]);
    doc.userType(name, "G6", "75%");
    doc.userType(name, "H6", "Công văn số 45/SKHCN ngày 05/3/2026");
    doc.userType(name, "G10", "1"); // not settleable here: ignored
    const r = await countSyncs(doc, () => readDoubtsSheet(host));
    expect(r.syncs).toBe(2);
    expect(r.result.entries).toEqual([{ key: "K0", year: 2035, row: 6, text: "75%", source: "Công văn số 45/SKHCN ngày 05/3/2026", valueAddress: "G6", sourceAddress: "H6" }]);
  });
});

describe("sync counts of the administration sheets do not grow with rows", () => {
  for (const n of [10, 100, 1000]) {
    it(`${n} rows`, async () => {
      const doc = new FakeDoc();
      const host = createFakeHost(doc);
      const w = await countSyncs(doc, () => writeRegistrySheet(host, { units: units(n), version: 1, server: SERVER }));
      record("registry: write (rewrite in place)", n, w.syncs);
      const r = await countSyncs(doc, () => readRegistrySheet(host));
      record("registry: read", n, r.syncs);
      expect(r.result.rows).toHaveLength(n);
      const marks = r.result.rows.filter((_, i) => i % 2 === 0).map((x) => ({ address: x.address.name!, severity: "warning" as const, message: "trùng tên" }));
      const m = await countSyncs(doc, () => markAdminSheet(host, r.result.sheetId, [], marks, NOTE_PREFIX));
      record("registry: marks (N/2 cells)", n, m.syncs);
      const r2 = await readRegistrySheet(host);
      const c = await countSyncs(doc, () => markAdminSheet(host, r2.sheetId, r2.meta.marks, [], NOTE_PREFIX));
      record("registry: clear marks", n, c.syncs);
      doc.selectUser(REGISTRY_SHEET, `A6:M${5 + n}`);
      const sel = await countSyncs(doc, () => readSelectedUnits(host));
      record("tokens: selected units", n, sel.syncs);
      expect(sel.result.units).toHaveLength(n);
      const toks = sel.result.units.map((u, i) => ({ unit: u.code, unitName: u.name, token: `tok_t${i}.${"cd".repeat(16)}`, id: `t${i}`, issuedAt: "2026-03-02T01:30:00Z" }));
      const tw = await countSyncs(doc, () => writeTokenSheet(host, { tokens: toks, server: SERVER }));
      record("tokens: handout", n, tw.syncs);
      const tr = await countSyncs(doc, () => writeTokenSheet(host, { tokens: toks, server: SERVER, rotated: true, revokedUnits: toks.map((t) => t.unit) }));
      record("tokens: re-issue (marks N old rows)", n, tr.syncs);
      expect(tr.result.markedRevoked).toBe(n);
      const listRows = toks.map((t, i) => ({ name: t.unitName, revision: i % 2 ? 1 : null, at: null, cellCount: 3, status: i % 2 ? ("submitted" as const) : null, comment: null, reviewedAt: null, notes: 0 }));
      const rl = await countSyncs(doc, () => writeReviewList(host, { form: "pl1-xa", period: "2025-N", sheetName: "Duyệt Phụ lục 1 Năm 2025", formName: "Phụ lục 1", periodLabel: "Năm 2025", rows: listRows }));
      record("review list", n, rl.syncs);
      const cellRows = Array.from({ length: n }, (_, i) => ({ item: `t${i + 1}`, field: "budget", stt: String(i + 1), name: `Nhiệm vụ ${i + 1}`, column: "Kinh phí", value: "150", ...(i % 10 === 0 ? { note: "Kiểm tra" } : {}) }));
      const rs = await countSyncs(doc, () =>
        writeReviewSheet(host, { server: SERVER, submission: "s1", form: "pl2-xa", formName: "Phụ lục 2", period: "2025-N", periodLabel: "Năm 2025", unit: "xa-a", unitName: "Xã A", revision: 1, receivedAt: "2025-12-01T02:00:00Z", state: "Đã nộp", rows: cellRows }),
      );
      record("review sheet (N cells)", n, rs.syncs);
      const rr = await countSyncs(doc, () => readReviewSheet(host, "s1"));
      record("review sheet: read notes", n, rr.syncs);
      expect(rr.result.notes).toHaveLength(Math.ceil(n / 10));
      const opened = await openForm(host, { form: getForm("pl2-xa")!, period: "2025-N", initial: cellRows.map((x) => ({ item: x.item, field: "task", raw: x.name })) });
      const er = await readSheet(host, opened.sheetId);
      const notes = cellRows.map((x) => ({ address: er.positions.get(posKey(x.item, "task"))!, message: "Ghi rõ" }));
      const pn = await countSyncs(doc, () => placeReviewNotes(host, opened.sheetId, [], notes, { submission: "s1", status: "returned" }));
      record("review notes on the unit's sheet", n, pn.syncs);
      const er2 = await readSheet(host, opened.sheetId);
      const pr = await countSyncs(doc, () => placeReviewNotes(host, opened.sheetId, er2.meta!.review!.marks, [], { submission: "s2", status: "submitted" }));
      record("review notes removed (resubmitted)", n, pr.syncs);
      expect(doc.sheet(opened.sheetName).notes.size).toBe(0);
      const pp = await countSyncs(doc, () => pullProgress(host, { form: pl1xa, period: "2025-N", completeness: completeness(n), at: "2025-12-01T02:00:00Z", reminders: true }));
      record("progress + reminders", n, pp.syncs);
      const dd = Array.from({ length: n }, (_, i) => ({ key: `K${i}`, stt: i + 1, name: `Chỉ tiêu ${i + 1}`, field: "2035", reason: "x", year: 2035, settleable: true, printed: "80%", settled: null }));
      const dw = await countSyncs(doc, () => writeDoubtsSheet(host, { doubts: dd, server: SERVER }));
      record("doubts: write", n, dw.syncs);
      const dr = await countSyncs(doc, () => readDoubtsSheet(host));
      record("doubts: read", n, dr.syncs);
      for (const s of [w, r, m, c, sel, tw, tr, rl, rs, rr, pn, pr, pp, dw, dr]) expect(s.syncs).toBeLessThanOrEqual(2);
    }, 60_000);
  }

  it("prints the figures", () => {
    const lines = Object.entries(counts).map(([op, c]) => `${op.padEnd(40)} ${[10, 100, 1000].map((n) => `${n}: ${c[n]}`).join("  ")}`);
    console.log(`\nSync counts per administration operation (rows → context.sync() calls)\n${lines.join("\n")}`);
    for (const c of Object.values(counts)) expect(new Set(Object.values(c)).size).toBe(1);
  });
});

// The entry sheet index is untouched by the administration sheets (they keep their own).
describe("separate indexes", () => {
  it("administration sheets are not entry sheets", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    await writeRegistrySheet(host, { units: units(3), version: 1, server: SERVER });
    expect(doc.settings.get(META_KEY)).toBeUndefined();
    expect((await readSheet(host)).meta).toBeNull();
  });
});
