// History across revisions, reviews with their own history, target corrections with history and catalog ETag.
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, call, json, push, seedOnce, VIEWER, XA, XA_CODE } from "./helpers.js";

beforeAll(seedOnce);

interface Hist {
  submissions: { id: string; revision: number; baseRevision: number | null; status: string; reviews: { from: string; to: string; comment: string }[] }[];
}

describe("history", () => {
  it("keeps every revision and its cells", async () => {
    const vals = ["10%", "20%", "30%"];
    for (const [i, v] of vals.entries()) {
      const r = await push(XA, {
        form: "pl1-xa",
        period: "2025-6T",
        baseRevision: i === 0 ? null : i,
        cells: [
          { item: "5G", field: "actual", raw: v },
          ...(i === 0 ? [{ item: "5G", field: "note", raw: "chỉ ở bản đầu" }] : []),
        ],
      });
      expect(r.status).toBe(201);
    }
    const h = await json<Hist>(await call(`/api/submissions?form=pl1-xa&period=2025-6T`, { token: XA }));
    expect(h.submissions.map((s) => s.revision)).toEqual([3, 2, 1]);
    expect(h.submissions.map((s) => s.baseRevision)).toEqual([2, 1, null]);
    const first = await json<{ cells: { field: string; raw: string }[] }>(await call(`/api/submissions/${h.submissions[2]!.id}`, { token: XA }));
    expect(first.cells).toEqual([
      { item: "5G", field: "actual", raw: "10%" },
      { item: "5G", field: "note", raw: "chỉ ở bản đầu" },
    ]);
    // The current view is the whole latest sheet: the note dropped in revision 2 is gone.
    const cur = await json<{ revision: number; cells: { field: string; raw: string; revision: number }[] }>(
      await call(`/api/current?form=pl1-xa&period=2025-6T`, { token: XA }),
    );
    expect(cur.revision).toBe(3);
    expect(cur.cells).toEqual([{ item: "5G", field: "actual", raw: "30%", revision: 3 }]);
  });

  it("reviews change the status and keep a history", async () => {
    const h = await json<Hist>(await call(`/api/submissions?unit=${XA_CODE}`, { token: ADMIN }));
    const id = h.submissions[0]!.id;
    const r1 = await call(`/api/admin/submissions/${id}/review`, { token: ADMIN, body: { status: "returned", comment: "Thiếu số liệu" } });
    expect(r1.status).toBe(200);
    await call(`/api/admin/submissions/${id}/review`, { token: ADMIN, body: { status: "accepted", comment: "Đã bổ sung" } });
    const after = await json<Hist>(await call(`/api/submissions?unit=${XA_CODE}`, { token: VIEWER }));
    const s = after.submissions.find((x) => x.id === id)!;
    expect(s.status).toBe("accepted");
    expect(s.reviews.map((r) => [r.from, r.to, r.comment])).toEqual([
      ["submitted", "returned", "Thiếu số liệu"],
      ["returned", "accepted", "Đã bổ sung"],
    ]);
    const c = await json<{ rows: { unit: string; status: string }[] }>(await call(`/api/completeness?form=pl1-xa&period=2025-6T`, { token: ADMIN }));
    expect(c.rows.find((r) => r.unit === XA_CODE)?.status).toBe("accepted");
    const bad = await call(`/api/admin/submissions/${id}/review`, { token: ADMIN, body: { status: "submitted" } });
    expect(bad.status).toBe(400);
  });
});

describe("target corrections", () => {
  it("are validated, kept with history, applied to the catalog and merged views, and change the ETag", async () => {
    const c1 = await call("/api/catalog", { token: XA });
    const etag1 = c1.headers.get("ETag")!;
    expect(etag1).toBeTruthy();
    expect((await call("/api/catalog", { token: XA, headers: { "If-None-Match": etag1 } })).status).toBe(304);
    const old2025 = (await json<{ indicators: { key: string; targets: Record<string, { printed: string }> }[] }>(c1)).indicators.find((i) => i.key === "5G")!
      .targets["2025"]!.printed;

    const bad = await call("/api/admin/targets/5G/2025", { token: ADMIN, method: "PUT", body: { text: "=1+1 ???", reason: "thử" } });
    expect(bad.status).toBe(422);
    expect((await call("/api/admin/targets/KHONG_CO/2025", { token: ADMIN, method: "PUT", body: { text: "1", reason: "thử lại" } })).status).toBe(404);

    const e1 = await call("/api/admin/targets/5G/2025", { token: ADMIN, method: "PUT", body: { text: "≥ 65%", reason: "Theo Nghị quyết điều chỉnh" } });
    expect(e1.status).toBe(200);
    const e2 = await json<{ oldText: string; history: { old_text: string; new_text: string; reason: string }[] }>(
      await call("/api/admin/targets/5G/2025", { token: ADMIN, method: "PUT", body: { text: "70%", reason: "Sửa lần hai" } }),
    );
    expect(e2.oldText).toBe("≥ 65%");
    expect(e2.history.map((x) => [x.old_text, x.new_text])).toEqual([
      [old2025, "≥ 65%"],
      ["≥ 65%", "70%"],
    ]);

    const c2 = await call("/api/catalog", { token: XA, headers: { "If-None-Match": etag1 } });
    expect(c2.status).toBe(200);
    expect(c2.headers.get("ETag")).not.toBe(etag1);
    const cat = await json<{ indicators: { key: string; targets: Record<string, { printed: string }> }[] }>(c2);
    expect(cat.indicators.find((i) => i.key === "5G")!.targets["2025"]!.printed).toBe("70%");
    // What the add-in accepts as a replacement for its bundled copy.
    const { catalogSchema } = await import("../../shared/schemas/index.js");
    expect(catalogSchema.safeParse(cat).success).toBe(true);

    // A yearly target the plan lacks (2026) is used for 2026 periods of pl1-tinh.
    await call("/api/admin/targets/5G/2026", { token: ADMIN, method: "PUT", body: { text: "80%", reason: "Chỉ tiêu năm 2026" } });
    const { SO } = await import("./helpers.js");
    await push(SO, { form: "pl1-tinh", period: "2026-N", cells: [{ item: "5G", field: "actual", raw: "85%" }] });
    const m = await json<{ rows: { item: string; target: string; assessment: string }[] }>(await call("/api/merged?form=pl1-tinh&period=2026-N", { token: ADMIN }));
    expect(m.rows.find((r) => r.item === "5G")).toMatchObject({ target: "80%", assessment: "vuot" });
    const r6g = m.rows.find((r) => r.item === "6G")!;
    expect(r6g.assessment).toBe("chua_danh_gia");
  });
});
