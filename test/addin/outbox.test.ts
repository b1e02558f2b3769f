import { describe, expect, it } from "vitest";
import { Outbox, startAutoRetry } from "../../addin/taskpane/outbox.js";
import { memoryStore } from "./taskpane-stub.js";

const who = { server: "http://x.test", unit: "xa-a", unitName: "Xã A" };
const owner = { server: who.server, unit: who.unit };
const sub = (n: number) => ({ form: "pl1-xa", period: "2025-N", baseRevision: 0, cells: [{ item: "5G", field: "actual", raw: `${n}%` }] });

describe("outbox", () => {
  it("keeps entries in storage with their keys and sends them in order once online", async () => {
    const store = memoryStore();
    const box = new Outbox(store);
    await box.enqueue({ key: "k1", submission: sub(1), sheetId: "s1", ...who });
    await box.enqueue({ key: "k2", submission: { ...sub(2), period: "2025-6T" }, sheetId: "s1", ...who });
    // A new outbox over the same storage (pane reloaded) still sees them.
    const again = new Outbox(store);
    expect((await again.list()).map((e) => e.key)).toEqual(["k1", "k2"]);
    const sentKeys: string[] = [];
    const offline = await again.flush(async () => ({ outcome: "retry", error: "offline" }), owner);
    expect(offline).toEqual({ sent: 0, left: 2 });
    expect((await again.list())[0]!.attempts).toBe(1);
    // Another unit connected on this computer: nothing of xa-a is sent.
    expect(await again.flush(async () => ({ outcome: "sent" }), { server: who.server, unit: "xa-b" })).toEqual({ sent: 0, left: 0 });
    expect(await again.flush(async () => ({ outcome: "sent" }), null)).toEqual({ sent: 0, left: 0 });
    const online = await again.flush(async (e) => {
      sentKeys.push(e.key);
      return { outcome: "sent" };
    }, owner);
    expect(online).toEqual({ sent: 2, left: 0 });
    expect(sentKeys).toEqual(["k1", "k2"]);
  });

  it("a newer push of the same sheet/form/period replaces the waiting one; conflicts are kept for the user", async () => {
    const box = new Outbox(memoryStore());
    await box.enqueue({ key: "a", submission: sub(1), sheetId: "s1", ...who });
    await box.enqueue({ key: "b", submission: sub(2), sheetId: "s1", ...who });
    expect((await box.list()).map((e) => e.key)).toEqual(["b"]);
    await box.flush(async () => ({ outcome: "conflict", error: "conflict" }), owner);
    const [e] = await box.list();
    expect(e!.state).toBe("conflict");
    expect(await box.flush(async () => ({ outcome: "sent" }), owner)).toEqual({ sent: 0, left: 0 });
    // The clerk may put it back in line.
    await box.requeue("b");
    expect(await box.flush(async () => ({ outcome: "sent" }), owner)).toEqual({ sent: 1, left: 0 });
  });

  it("retries on the online event", async () => {
    const target = new EventTarget();
    let calls = 0;
    const stop = startAutoRetry(async () => void calls++, { target, intervalMs: 1_000_000 });
    target.dispatchEvent(new Event("online"));
    expect(calls).toBe(1);
    stop();
    target.dispatchEvent(new Event("online"));
    expect(calls).toBe(1);
  });
});
