// The fake itself behaves like Office.js where our code depends on it.
import { describe, expect, it } from "vitest";
import { FakeDoc, createFakeHost } from "../excel-fake/index.js";

describe("Excel fake", () => {
  it("throws PropertyNotLoaded before load+sync and shows values after sync", async () => {
    const host = createFakeHost(new FakeDoc());
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      r.values = [["1,5", "85%"]];
      await context.sync();
      const again = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      expect(() => again.values).toThrow(/not available/);
      again.load("values,text");
      expect(() => again.text).toThrow(/not available/);
      await context.sync();
      expect(again.values).toEqual([[1.5, 0.85]]);
      expect(again.text).toEqual([["1,5", "85%"]]);
    });
  });

  it("keeps text in '@' cells, rejects wrong shapes, enforces protection", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    await host.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      const r = s.getRange("A1");
      r.numberFormat = [["@"]];
      r.values = [["85%"]];
      await context.sync();
    });
    expect(doc.cellAt("Sheet1", "A1")?.value).toBe("85%");
    await expect(
      host.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [["x"]];
        await context.sync();
      }),
    ).rejects.toThrow(/dimensions/);
    await host.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      s.getRange("B1").format.protection.locked = false;
      s.protection.protect({});
      await context.sync();
    });
    expect(() => doc.userType("Sheet1", "A1", "x")).toThrow(/bảo vệ/);
    doc.userType("Sheet1", "B1", "ok");
    expect(doc.text("Sheet1", "B1")).toBe("ok");
  });

  it("counts syncs, including the implicit one at the end of Excel.run", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x"]];
      await context.sync();
      context.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [["y"]];
    });
    expect(doc.syncCount).toBe(2);
    expect(doc.text("Sheet1", "A2")).toBe("y");
  });

  it("resolves null objects, settings and getUsedRange lazily", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const out = await host.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      missing.load("name");
      const setting = context.workbook.settings.getItemOrNullObject("k");
      setting.load("value");
      context.workbook.worksheets.getItem("Sheet1").getRange("C5").values = [["z"]];
      const used = context.workbook.worksheets.getItem("Sheet1").getUsedRange(true);
      used.load("address");
      context.workbook.settings.add("k", { a: 1 });
      await context.sync();
      return { nul: missing.isNullObject, settingNull: setting.isNullObject, address: used.address };
    });
    expect(out).toEqual({ nul: true, settingNull: true, address: "Sheet1!C5" });
    expect(doc.getSetting("k")).toEqual({ a: 1 });
  });
});
