import { describe, expect, it } from "vitest";
import { Outbox, startAutoRetry } from "../../addin/taskpane/outbox.js";
import { memoryStore } from "./taskpane-stub.js";

const sub = (n: number) => ({ form: "pl1-xa", period: "2025-N", baseRevision: 0, cells: [{ item: "5G", field: "actual", raw: `${n}%` }] });

describe("outbox", () => {
  it("keeps entries in storage with their keys and sends them in order once online", async () => {
    const store = memoryStore();
    const box = new Outbox(store);
    await box.enqueue({ key: "k1", submission: sub(1), sheetId: "s1" });
    await box.enqueue({ key: "k2", submission: { ...sub(2), period: "2025-6T" }, sheetId: "s1" });
    // A new outbox over the same storage (pane reloaded) still sees them.
    const again = new Outbox(store);
    expect((await again.list()).map((e) => e.key)).toEqual(["k1", "k2"]);
    const sentKeys: string[] = [];
    const offline = await again.flush(async () => ({ outcome: "retry", error: "offline" }));
    expect(offline).toEqual({ sent: 0, left: 2 });
    expect((await again.list())[0]!.attempts).toBe(1);
    const online = await again.flush(async (e) => {
      sentKeys.push(e.key);
      return { outcome: "sent" };
    });
    expect(online).toEqual({ sent: 2, left: 0 });
    expect(sentKeys).toEqual(["k1", "k2"]);
  });

  it("a newer push of the same sheet/form/period replaces the waiting one; conflicts are kept for the user", async () => {
    const box = new Outbox(memoryStore());
    await box.enqueue({ key: "a", submission: sub(1), sheetId: "s1" });
    await box.enqueue({ key: "b", submission: sub(2), sheetId: "s1" });
    expect((await box.list()).map((e) => e.key)).toEqual(["b"]);
    await box.flush(async () => ({ outcome: "conflict", error: "409" }));
    const [e] = await box.list();
    expect(e!.state).toBe("conflict");
    expect(await box.flush(async () => ({ outcome: "sent" }))).toEqual({ sent: 0, left: 0 });
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
