// Task pane flows in Node: the Excel fake + a stub server. Connect → open → type → validate → push,
// offline queue with the same Idempotency-Key, conflict (keep mine / take server).
import { describe, expect, it } from "vitest";
import { FakeDoc, createFakeHost } from "../../addin/excel/fake/index.js";
import { ApiClient } from "../../addin/taskpane/api.js";
import { Outbox } from "../../addin/taskpane/outbox.js";
import { flushOutbox, keepMine, openFormFlow, pushSheet, takeServer, validateSheet } from "../../addin/taskpane/flows.js";
import { posKey, readSheet } from "../../addin/excel/read-sheet.js";
import { memoryStore, stubServer } from "./taskpane-stub.js";

async function setup() {
  const doc = new FakeDoc();
  const host = createFakeHost(doc);
  const server = stubServer();
  const api = new ApiClient({ base: "http://x.test", token: "tok_a.b", fetch: server.fetch });
  const outbox = new Outbox(memoryStore());
  const deps = { host, api, outbox };
  const me = await api.me();
  const opened = await openFormFlow(deps, "pl1-xa", "2025-N", { code: me.code, name: me.name });
  const d = opened.layout.dataStart;
  const addr = (rowOffset: number) => `E${d + rowOffset + 1}`; // actual column of the form
  return { doc, host, server, api, outbox, deps, opened, addr };
}

describe("task pane flows", () => {
  it("connect, open, type one invalid value, see it, fix, push, receipt in the sheet", async () => {
    const { doc, deps, opened, addr, server } = await setup();
    expect(opened.sheetName).toBe("Phụ lục 1 2025-N");
    doc.userType(opened.sheetName, addr(1), "85%");
    doc.userType(opened.sheetName, addr(2), "1,2,3");
    const v = await validateSheet(deps.host);
    expect(v.errors).toBe(1);
    expect(v.issues[0]!.address).toBe(addr(2));
    const blocked = await pushSheet(deps);
    expect(blocked.kind).toBe("invalid");
    expect(server.state.requests.filter((r) => r.startsWith("POST"))).toHaveLength(0);
    doc.userType(opened.sheetName, addr(2), "70%");
    const steps: string[] = [];
    const ok = await pushSheet(deps, undefined, (s) => steps.push(s));
    expect(ok.kind).toBe("ok");
    expect(steps).toEqual(["validate", "send", "save", "done"]);
    if (ok.kind !== "ok") return;
    expect(ok.receipt.revision).toBe(1);
    const read = await readSheet(deps.host);
    expect(read.meta?.lastReceipt?.revision).toBe(1);
    expect(read.meta?.baseRevision).toBe(1);
    expect(doc.cellAt(opened.sheetName, addr(2))?.fill).toBe("#FFFFFF");
    // Second push builds on revision 1.
    doc.userType(opened.sheetName, addr(1), "86%");
    const ok2 = await pushSheet(deps);
    expect(ok2.kind === "ok" && ok2.receipt.revision).toBe(2);
  });

  it("a department sees, before pushing, that another agency leads an indicator it filled", async () => {
    const { doc, deps } = await setup();
    const opened = await openFormFlow(deps, "pl1-tinh", "2025-N", { code: "so-y-te", name: "Sở Y tế" });
    const before = await readSheet(deps.host);
    const at = (item: string) => before.positions.get(posKey(item, "actual"))!;
    expect(at("5G")).toBeTruthy();
    doc.userType(opened.sheetName, at("5G"), "62%");
    doc.userType(opened.sheetName, at("SO_SUCKHOE"), "93%");
    const v = await validateSheet(deps.host, undefined, "Sở Y tế");
    expect(v.issues.map((i) => [i.item, i.code, i.severity, i.address])).toEqual([["5G", "not_lead_agency", "warning", at("5G")]]);
    expect(v.errors).toBe(0);
    // The admin typing on someone's behalf is not flagged.
    expect((await validateSheet(deps.host)).warnings).toBe(0);
  });

  it("a 429 from the server's rate limit queues the push like an outage, nothing lost", async () => {
    const { doc, host, opened, addr, outbox } = await setup();
    doc.userType(opened.sheetName, addr(1), "85%");
    const limited: typeof fetch = async () =>
      new Response(JSON.stringify({ error: "rate_limited", message: "Gửi quá nhiều lần", details: [] }), { status: 429, headers: { "Retry-After": "60" } });
    const api = new ApiClient({ base: "http://x.test", token: "tok_a.b", fetch: limited });
    const q = await pushSheet({ host, api, outbox });
    expect(q.kind).toBe("queued");
    const [entry] = await outbox.list();
    expect(entry?.submission.cells).toContainEqual({ item: expect.any(String), field: "actual", raw: "85%" });
  });

  it("offline: the push is queued with its Idempotency-Key and sent once when back online", async () => {
    const { doc, deps, opened, addr, server, outbox } = await setup();
    doc.userType(opened.sheetName, addr(1), "85%");
    server.state.online = false;
    const q = await pushSheet(deps);
    expect(q.kind).toBe("queued");
    const [entry] = await outbox.list();
    expect(entry!.submission.cells.find((c) => c.item === "5G" && c.field === "actual")?.raw).toBe("85%");
    // Still offline: stays queued.
    expect((await flushOutbox(deps)).left).toBe(1);
    server.state.online = true;
    const f = await flushOutbox(deps);
    expect(f.sent).toBe(1);
    expect(server.state.revision).toBe(1);
    // Flushing again sends nothing; a replay with the same key would not create a new revision either.
    expect((await flushOutbox(deps)).sent).toBe(0);
    await deps.api.submit(entry!.submission, entry!.key);
    expect(server.state.revision).toBe(1);
    const read = await readSheet(deps.host);
    expect(read.meta?.lastReceipt?.revision).toBe(1);
  });

  it("409 conflict: side-by-side rows; keep mine re-pushes on the new base; take server writes its values", async () => {
    const { doc, deps, opened, addr, server } = await setup();
    // Someone else (another workbook) pushed first.
    server.state.revision = 3;
    server.state.cells.set("5G|actual", { item: "5G", field: "actual", raw: "90%" });
    doc.userType(opened.sheetName, addr(1), "85%");
    const c = await pushSheet(deps);
    expect(c.kind).toBe("conflict");
    if (c.kind !== "conflict") return;
    expect(c.rows).toEqual([{ item: "5G", field: "actual", mine: "85%", server: "90%", address: addr(1) }]);
    const kept = await keepMine(deps, opened.sheetId, c.conflict);
    expect(kept.kind === "ok" && kept.receipt.revision).toBe(4);
    expect(server.state.cells.get("5G|actual")?.raw).toBe("85%");

    // Again: conflict, this time take the server's values.
    server.state.revision = 7;
    server.state.cells.set("5G|actual", { item: "5G", field: "actual", raw: "91%" });
    const c2 = await pushSheet(deps);
    if (c2.kind !== "conflict") throw new Error(c2.kind);
    const t = await takeServer(deps, opened.sheetId, c2.conflict, c2.rows);
    expect(t.written).toBe(1);
    expect(doc.text(opened.sheetName, addr(1))).toBe("91%");
    const after = await pushSheet(deps);
    expect(after.kind === "ok" && after.receipt.baseRevision).toBe(7);
  });

  it("reopening prefills the server's values and base revision", async () => {
    const { deps, server } = await setup();
    server.state.revision = 2;
    server.state.cells.set("5G|actual", { item: "5G", field: "actual", raw: "77%" });
    const again = await openFormFlow(deps, "pl1-xa", "2025-N", { code: "xa-a", name: "Xã A" });
    expect(again.prefilled).toBe(1);
    const read = await readSheet(deps.host, again.sheetId);
    expect(read.cells.find((c) => c.item === "5G" && c.field === "actual")?.raw).toBe("77%");
    expect(read.meta?.baseRevision).toBe(2);
  });
});
