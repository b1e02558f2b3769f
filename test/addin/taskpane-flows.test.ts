// Task pane flows in Node: the Excel fake + a stub server. Open → type → validate → push; a push changes only what
// the clerk changed (deletions asked first, values the sheet does not show kept, 3-way merge on a 409); nothing is sent
// without a connected unit, and a queued push goes only with the unit that made it.
import { describe, expect, it } from "vitest";
import { getForm } from "../../shared/forms/index.js";
import { FakeDoc, createFakeHost } from "../excel-fake/index.js";
import { ApiClient } from "../../addin/taskpane/api.js";
import { Outbox } from "../../addin/taskpane/outbox.js";
import { adoptFlow, flushOutbox, openFormFlow, ownItems, pushSheet, sendMerged, takeServer, validateSheet, type Deps } from "../../addin/taskpane/flows.js";
import { detectAdoption } from "../../addin/excel/adopt-sheet.js";
import { posKey, readSheet } from "../../addin/excel/read-sheet.js";
import { forms } from "../../shared/forms/index.js";
import { memoryStore, stubServer } from "./taskpane-stub.js";

const pl1xa = getForm("pl1-xa")!;

async function setup(token = "tok_a.b") {
  const doc = new FakeDoc();
  const host = createFakeHost(doc);
  const server = stubServer();
  const outbox = new Outbox(memoryStore());
  const deps: Deps = { host, outbox, session: server.session(token) };
  const opened = await openFormFlow(deps, "pl1-xa", "2025-N");
  if (opened.kind !== "opened") throw new Error(opened.kind);
  const read = await readSheet(host, opened.sheetId);
  const at = (item: string, field = "actual") => read.positions.get(posKey(item, field))!;
  return { doc, host, server, outbox, deps, opened, at };
}

const posts = (s: ReturnType<typeof stubServer>) => s.state.requests.filter((r) => r.startsWith("POST"));

describe("task pane flows", () => {
  it("open, type one invalid value, see it, fix, push, receipt and base in the sheet", async () => {
    const { doc, deps, opened, at, server } = await setup();
    expect(opened.sheetName).toBe("Phụ lục 1 Năm 2025");
    doc.userType(opened.sheetName, at("5G"), "85%");
    doc.userType(opened.sheetName, at("BANGRONG_1GB"), "1,2,3");
    const v = await validateSheet(deps.host);
    expect(v.errors).toBe(1);
    // Issues name the row by STT and name, the column by its header: never the item key or the field id.
    expect(v.issues[0]).toMatchObject({ address: at("BANGRONG_1GB"), row: { stt: "2" }, column: "Thực hiện kỳ báo cáo", raw: "1,2,3" });
    expect(v.issues[0]!.row.name).toMatch(/^Tỉ lệ người sử dụng/);
    // The note on the cell says what is wrong, without the rules' internal codes.
    const note = doc.sheet(opened.sheetName).notes.get(at("BANGRONG_1GB"))!;
    expect(note).toMatch(/^\[Chỉ tiêu\] /);
    expect(note).not.toMatch(/BANGRONG|Chỉ tiêu 2/);
    const blocked = await pushSheet(deps);
    expect(blocked.kind).toBe("invalid");
    expect(posts(server)).toHaveLength(0);
    doc.userType(opened.sheetName, at("BANGRONG_1GB"), "70%");
    const steps: string[] = [];
    const ok = await pushSheet(deps, undefined, { progress: (s) => steps.push(s) });
    if (ok.kind !== "ok") throw new Error(ok.kind);
    expect(steps).toEqual(["validate", "send", "save", "done"]);
    expect(ok.receipt.revision).toBe(1);
    const read = await readSheet(deps.host);
    expect(read.meta?.lastReceipt?.revision).toBe(1);
    expect(read.meta?.baseRevision).toBe(1);
    expect(read.meta?.base).toEqual({ "5G|actual": "85%", "BANGRONG_1GB|actual": "70%" });
    expect(doc.cellAt(opened.sheetName, at("BANGRONG_1GB"))?.fill).toBe("#FFFFFF");
    // Second push builds on revision 1; pushing an unchanged sheet sends nothing.
    expect((await pushSheet(deps)).kind).toBe("unchanged");
    doc.userType(opened.sheetName, at("5G"), "86%");
    const ok2 = await pushSheet(deps);
    expect(ok2.kind === "ok" && ok2.receipt.revision).toBe(2);
  });

  it("nothing is sent or queued without a connected unit, nor by an account that may not report", async () => {
    const { doc, deps, opened, at, server, outbox } = await setup();
    doc.userType(opened.sheetName, at("5G"), "85%");
    expect((await pushSheet({ ...deps, session: null })).kind).toBe("not-connected");
    expect((await pushSheet({ ...deps, session: server.session("tok_admin.1") })).kind).toBe("not-allowed");
    expect(posts(server)).toHaveLength(0);
    expect(await outbox.list()).toEqual([]);
    // Another unit's token does not send this unit's sheet.
    expect((await pushSheet({ ...deps, session: server.session("tok_c.d") })).kind).toBe("other-unit");
  });

  it("an empty first push is not sent", async () => {
    const { deps, server } = await setup();
    expect((await pushSheet(deps)).kind).toBe("empty");
    expect(posts(server)).toHaveLength(0);
  });

  it("clearing a submitted cell asks before deleting it; cancelled = nothing sent", async () => {
    const { doc, deps, opened, at, server } = await setup();
    doc.userType(opened.sheetName, at("5G"), "85%");
    doc.userType(opened.sheetName, at("5G", "note"), "Theo số liệu Viettel");
    doc.userType(opened.sheetName, at("BANGRONG_1GB"), "70%");
    expect((await pushSheet(deps)).kind).toBe("ok");
    doc.userType(opened.sheetName, at("5G"), "");
    doc.userType(opened.sheetName, at("5G", "note"), "");
    const ask = await pushSheet(deps);
    if (ask.kind !== "confirm-delete") throw new Error(ask.kind);
    expect(ask.deletions.map((d) => [d.row.stt, d.column, d.before])).toEqual([
      ["1", "Thực hiện kỳ báo cáo", "85%"],
      ["1", "Ghi chú", "Theo số liệu Viettel"],
    ]);
    expect(ask.deletions[0]!.row.name).toBe("Tỉ lệ phủ sóng 5G trên địa bàn");
    expect(posts(server)).toHaveLength(1);
    // Confirming only part of it is not enough.
    expect((await pushSheet(deps, undefined, { confirmedDeletes: ["5G|actual"] })).kind).toBe("confirm-delete");
    const ok = await pushSheet(deps, undefined, { confirmedDeletes: ["5G|actual", "5G|note"] });
    expect(ok.kind).toBe("ok");
    expect([...server.state.cells.keys()]).toEqual(["BANGRONG_1GB|actual"]);
  });

  it("a legacy sheet adopted with fewer rows keeps the server's other rows; keep-mine after a 409 keeps them too", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const server = stubServer();
    // The commune already reported 16 cells (revision 4) from another workbook.
    const items = pl1xa.rows.flatMap((r) => (r.type === "indicator" ? [r.item] : [])).slice(0, 8);
    for (let i = 0; i < 4; i++) server.put(items.map((it, k) => [it, i % 2 ? "note" : "actual", `${50 + k + i}%`] as [string, string, string]));
    for (const it of items) server.state.cells.set(`${it}|note`, { item: it, field: "note", raw: "ghi chú" });
    expect(server.state.cells.size).toBe(16);
    expect(server.state.revision).toBe(4);
    // This workbook has an old two-row sheet.
    const ind = pl1xa.rows.filter((r) => r.type === "indicator").slice(0, 2);
    doc.userPaste("Sheet1", "A1", [
      ["TT", "Nội dung chỉ tiêu", "Đơn vị tính/đo lường", "Chỉ tiêu", "Thực hiện kỳ báo cáo", "Ước thực hiện cả năm", "Ghi chú"],
      ...ind.map((r) => [r.type === "indicator" ? r.stt : "", (r.type === "indicator" && r.name) || "", "%", "60%", "", "", ""]),
    ]);
    const deps: Deps = { host, outbox: new Outbox(memoryStore()), session: server.session() };
    const proposal = (await detectAdoption(host, forms))!;
    expect(proposal.rows.filter((r) => r.item)).toHaveLength(2);
    const a = await adoptFlow(deps, proposal, "2025-N");
    expect(a.serverCells).toBe(16);
    doc.userType("Sheet1", "E2", "66%");
    // Meanwhile another workbook pushed again (revision 5): 409 → merge keeps every server-only cell.
    server.put([[items[5]!, "actual", "99%"]]);
    const c = await pushSheet(deps);
    if (c.kind !== "conflict") throw new Error(c.kind);
    expect(c.conflict.merge.conflicts).toEqual([]);
    expect(c.conflict.merge.fromMine.map((x) => [x.item, x.after])).toEqual([[items[0], "66%"]]);
    expect(c.conflict.merge.fromServer.map((x) => [x.item, x.after])).toEqual([[items[5], "99%"]]);
    const ok = await sendMerged(deps, c.conflict, new Map());
    if (ok.kind !== "ok") throw new Error(ok.kind);
    expect(ok.receipt.revision).toBe(6);
    expect(server.state.cells.size).toBe(16);
    expect(server.state.cells.get(`${items[0]}|actual`)?.raw).toBe("66%");
    expect(server.state.cells.get(`${items[5]}|actual`)?.raw).toBe("99%");
    expect(ok.keptHidden).toBe(15); // every server cell but the one this sheet changed
  });

  it("409 with cells both sides changed: listed with a choice; the default keeps a value the server has over my deletion", async () => {
    const { doc, deps, opened, at, server } = await setup();
    doc.userType(opened.sheetName, at("5G"), "85%");
    doc.userType(opened.sheetName, at("BANGRONG_1GB"), "70%");
    expect((await pushSheet(deps)).kind).toBe("ok");
    // Another workbook changes both cells.
    server.put([
      ["5G", "actual", "90%"],
      ["BANGRONG_1GB", "actual", "75%"],
    ]);
    doc.userType(opened.sheetName, at("5G"), "88%");
    doc.userType(opened.sheetName, at("BANGRONG_1GB"), "");
    const c = await pushSheet(deps, undefined, { confirmedDeletes: ["BANGRONG_1GB|actual"] });
    if (c.kind !== "conflict") throw new Error(c.kind);
    expect(c.conflict.merge.conflicts).toEqual([
      { item: "5G", field: "actual", base: "85%", mine: "88%", server: "90%" },
      { item: "BANGRONG_1GB", field: "actual", base: "70%", mine: "", server: "75%" },
    ]);
    const label = c.conflict.labels.get("5G|actual")!;
    expect(label.row.stt).toBe("1");
    expect(label.column).toBe("Thực hiện kỳ báo cáo");
    const ok = await sendMerged(deps, c.conflict, new Map());
    expect(ok.kind).toBe("ok");
    expect(server.state.cells.get("5G|actual")?.raw).toBe("88%");
    expect(server.state.cells.get("BANGRONG_1GB|actual")?.raw).toBe("75%");
    // The sheet shows what was merged (the server's value came back into the cleared cell).
    expect(doc.text(opened.sheetName, at("BANGRONG_1GB"))).toBe("75%");
  });

  it("take the server's version: the sheet shows exactly the server's cells", async () => {
    const { doc, deps, opened, at, server } = await setup();
    server.put([["5G", "actual", "91%"]]);
    doc.userType(opened.sheetName, at("5G"), "85%");
    doc.userType(opened.sheetName, at("BANGRONG_1GB"), "70%");
    const c = await pushSheet(deps);
    if (c.kind !== "conflict") throw new Error(c.kind);
    const t = await takeServer(deps, c.conflict);
    expect(t).toEqual({ written: 2, missing: 0, added: 0 });
    expect(doc.text(opened.sheetName, at("5G"))).toBe("91%");
    expect(doc.text(opened.sheetName, at("BANGRONG_1GB"))).toBe("");
    expect((await pushSheet(deps)).kind).toBe("unchanged");
  });

  it("a department sees, before pushing, that another agency leads an indicator it filled; own indicators", async () => {
    const { doc, deps: d0, server } = await setup();
    const deps = { ...d0, session: server.session("tok_so.1") };
    const opened = await openFormFlow(deps, "pl1-tinh", "2025-N");
    if (opened.kind !== "opened") throw new Error(opened.kind);
    const before = await readSheet(deps.host, opened.sheetId);
    const at = (item: string) => before.positions.get(posKey(item, "actual"))!;
    doc.userType(opened.sheetName, at("5G"), "62%");
    doc.userType(opened.sheetName, at("SO_SUCKHOE"), "93%");
    const v = await validateSheet(deps.host, undefined, { agencies: ["Sở Y tế"] });
    expect(v.issues.map((i) => [i.item, i.code, i.severity, i.address])).toEqual([["5G", "not_lead_agency", "warning", at("5G")]]);
    expect(v.errors).toBe(0);
    expect(ownItems(getForm("pl1-tinh")!, ["Sở Y tế"])).toContain("SO_SUCKHOE");
    expect(ownItems(getForm("pl1-tinh")!, ["Sở Y tế"])).not.toContain("5G");
  });

  it("a 429 from the server's rate limit queues the push like an outage, nothing lost", async () => {
    const { doc, host, opened, at, outbox, server } = await setup();
    doc.userType(opened.sheetName, at("5G"), "85%");
    const limited: typeof fetch = async (url) =>
      String(url).endsWith("/api/submissions")
        ? new Response(JSON.stringify({ error: "rate_limited", message: "Gửi quá nhiều lần", details: [] }), { status: 429, headers: { "Retry-After": "60" } })
        : server.fetch(url);
    const session = { ...server.session(), api: new ApiClient({ base: "http://x.test", token: "tok_a.b", fetch: limited }) };
    const q = await pushSheet({ host, outbox, session });
    expect(q.kind === "queued" && q.reason).toBe("rate_limited");
    const [entry] = await outbox.list();
    expect(entry?.submission.cells).toContainEqual({ item: "5G", field: "actual", raw: "85%" });
    expect(entry).toMatchObject({ server: "http://x.test", unit: "xa-a", unitName: "Xã A", state: "waiting" });
  });

  it("offline: queued for this unit, sent once when back online and only by this unit", async () => {
    const { doc, deps, opened, at, server, outbox } = await setup();
    doc.userType(opened.sheetName, at("5G"), "85%");
    server.state.online = false;
    const q = await pushSheet(deps);
    expect(q.kind).toBe("queued");
    expect((await flushOutbox(deps)).left).toBe(1);
    server.state.online = true;
    // Another unit (or an admin) connected on this computer: the entry is not theirs, nothing is sent.
    expect(await flushOutbox({ ...deps, session: server.session("tok_c.d") })).toMatchObject({ sent: 0 });
    expect(await flushOutbox({ ...deps, session: server.session("tok_admin.1") })).toMatchObject({ sent: 0 });
    expect(await flushOutbox({ ...deps, session: null })).toMatchObject({ sent: 0 });
    expect(server.state.pushes).toHaveLength(0);
    const f = await flushOutbox(deps);
    expect(f.sent).toBe(1);
    expect(server.state.revision).toBe(1);
    expect((await flushOutbox(deps)).sent).toBe(0);
    const read = await readSheet(deps.host);
    expect(read.meta?.lastReceipt?.revision).toBe(1);
    expect(read.meta?.base).toEqual({ "5G|actual": "85%" });
    expect(await outbox.list()).toEqual([]);
  });

  it("a queued push the server refuses (4xx) stays with the server's code, and can be discarded", async () => {
    const { doc, deps, opened, at, server, outbox } = await setup();
    doc.userType(opened.sheetName, at("5G"), "85%");
    server.state.online = false;
    expect((await pushSheet(deps)).kind).toBe("queued");
    server.state.online = true;
    server.state.locked = true;
    await flushOutbox(deps);
    const [e] = await outbox.list();
    expect(e).toMatchObject({ state: "rejected", lastError: "period_locked", error: { status: 423, code: "period_locked" } });
    // Retrying does not resend it by itself; the clerk may requeue or discard.
    expect((await flushOutbox(deps)).sent).toBe(0);
    await outbox.remove(e!.key);
    expect(await outbox.list()).toEqual([]);
  });

  it("reopening shows the sheet already open; a fresh sheet is prefilled with the server's values and base", async () => {
    const { deps, server, opened } = await setup();
    server.put([["5G", "actual", "77%"]]);
    const again = await openFormFlow(deps, "pl1-xa", "2025-N");
    expect(again).toMatchObject({ kind: "existing", sheetId: opened.sheetId });
    const fresh = await openFormFlow(deps, "pl1-xa", "2025-N", { fresh: true });
    if (fresh.kind !== "opened") throw new Error(fresh.kind);
    expect(fresh.prefilled).toBe(1);
    expect(fresh.sheetName).toBe("Phụ lục 1 Năm 2025 (2)");
    const read = await readSheet(deps.host, fresh.sheetId);
    expect(read.cells.find((c) => c.item === "5G" && c.field === "actual")?.raw).toBe("77%");
    expect(read.meta).toMatchObject({ baseRevision: 1, unit: "xa-a", base: { "5G|actual": "77%" } });
  });

  it("a year between milestones shows the Sở KH&CN's own target for it; without one, which milestone it compares with", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const server = stubServer();
    const deps: Deps = { host, outbox: new Outbox(memoryStore()), session: server.session("tok_a.b") };
    const plain = await openFormFlow(deps, "pl1-xa", "2026-N");
    if (plain.kind !== "opened") throw new Error(plain.kind);
    const fiveG = (sheet: string) => doc.dump(sheet).find((r) => r[1] === "Tỉ lệ phủ sóng 5G trên địa bàn")!;
    expect(doc.dump(plain.sheetName).flat().join(" ")).toContain("chưa có mục tiêu năm 2026");
    server.state.overrides = [{ key: "5G", year: 2026, text: "70%", value: { kind: "number", value: 70, percent: true } }];
    const corrected = await openFormFlow(deps, "pl1-xa", "2026-N", { fresh: true });
    if (corrected.kind !== "opened") throw new Error(corrected.kind);
    expect(fiveG(corrected.sheetName)).toContain("70%");
    expect(fiveG(plain.sheetName)).not.toContain("70%");
  });
});
