// A department may report an indicator another agency leads: accepted, with a warning in the receipt.
import { beforeAll, expect, it } from "vitest";
import { receiptSchema } from "../../shared/schemas/index.js";
import { SO, call, json, seedOnce } from "./helpers.js";

beforeAll(seedOnce);

it("flags values for indicators the department does not lead, and not its own", async () => {
  const res = await call("/api/submissions", {
    token: SO, // Sở Khoa học và Công nghệ
    body: {
      form: "pl1-tinh",
      period: "2025-N",
      baseRevision: 0,
      cells: [
        { item: "5G", field: "actual", raw: "62%" }, // its own
        { item: "SO_SUCKHOE", field: "actual", raw: "93%" }, // Sở Y tế leads
      ],
    },
  });
  expect(res.status).toBe(201);
  const receipt = receiptSchema.parse(await json(res));
  expect(receipt.warnings.map((w) => [w.item, w.code])).toEqual([["SO_SUCKHOE", "not_lead_agency"]]);
  expect(receipt.warnings[0]!.message).toContain("Sở Y tế chủ trì");
});
