// Task progress (tiendo-nv) end to end in the worker: departments push their statuses into opened periods only, the
// Sở KH&CN pulls the merged task report (counts as the report words them, overdue tasks with days late, filters by
// appendix and agency) as JSON, CSV and .xlsx (read back with SheetJS: numbers are numbers), completeness lists the
// units that lead tasks, CT.TASKSTATUS's endpoint answers in batches; pl2-xa exports carry their "Tổng cộng" rows.
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { TaskStatusBatcher, ctTaskStatus } from "../../addin/functions/task-status.js";
import * as XLSX from "xlsx";
import {
  completenessSchema,
  receiptSchema,
  taskReportSchema,
  taskStatusResponseSchema,
  type TaskReport,
} from "../../shared/schemas/index.js";
import { tasks } from "../../shared/tasks/index.js";
import { daysBetween, vnDate } from "../../shared/time.js";
import { DEV_TOKENS, devToken, unitCode } from "../../worker/src/seed.js";
import { ADMIN, call, json, push, SO, SO_CODE, seedOnce, VIEWER, XA, XA_CODE } from "./helpers.js";

const PARTY = devToken(DEV_TOKENS.party); // Văn phòng Tỉnh ủy
const PARTY_CODE = unitCode("Văn phòng Tỉnh ủy");
const YTE_CODE = unitCode("Sở Y tế");
const CA_CODE = unitCode("Công an tỉnh");
const VPUB_CODE = unitCode("Văn phòng UBND tỉnh");
let YTE = "";
let CA = "";
let VPUB = "";

type Row = [item: string, status: string, result?: string, docNo?: string, docDate?: string];
const cells = (rows: Row[]) =>
  rows.flatMap(([item, status, result, docNo, docDate]) => [
    { item, field: "status", raw: status },
    ...(result ? [{ item, field: "result", raw: result }] : []),
    ...(docNo ? [{ item, field: "docNo", raw: docNo }] : []),
    ...(docDate ? [{ item, field: "docDate", raw: docDate }] : []),
  ]);
const report = async (query: string, token = ADMIN): Promise<TaskReport> => {
  const res = await call(`/api/merged?form=tiendo-nv&${query}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return taskReportSchema.parse(await json(res));
};
const row = (r: TaskReport, key: string) => r.rows.find((x) => x.key === key)!;

async function tokenFor(code: string): Promise<string> {
  const r = await call(`/api/admin/units/${code}/tokens`, { token: ADMIN, method: "POST" });
  expect(r.status).toBe(201);
  return (await json<{ token: string }>(r)).token;
}

beforeAll(async () => {
  await seedOnce();
  [YTE, CA, VPUB] = await Promise.all([tokenFor(YTE_CODE), tokenFor(CA_CODE), tokenFor(VPUB_CODE)]);
  // Năm 2025 (cut-off 14/11/2025, so the report is as of that day whenever the test runs).
  const pushes: [string, Row[]][] = [
    // Văn phòng Tỉnh ủy reports all 9 tasks it leads (Phụ lục II), in the words units use; II.2 (Tháng 4/2025) is late.
    [PARTY, [
      ["II.2", "Đang triển khai"],
      ["II.8", "Đang thực hiện"],
      ["II.9", "Đã hoàn thành", "Kế hoạch số 45-KH/TU", "45-KH/TU", "12/09/2025"],
      ["II.11", "Chưa triển khai"],
      ["II.13", "Chưa triển khai"],
      ["II.14", "Đã tổ chức triển khai"],
      ["II.18", "Đang triển khai"],
      ["II.19", "Đang triển khai"],
      ["II.24", "Đang triển khai"],
    ]],
    [YTE, [["III.57", "Đang triển khai"], ["IV.58", "Đã hoàn thành", "Quyết định phê duyệt đề án", "Số 1520/QĐ-UBND", "25/04/2025"]]],
    // III.24 is led by Công an tỉnh and Văn phòng UBND tỉnh: both report, differently.
    [CA, [["III.24", "Đang triển khai"], ["III.17", "Chưa triển khai"]]],
    [VPUB, [["III.24", "Đã hoàn thành", "Hệ thống đã vận hành"]]],
    // Sở KH&CN: its own tasks, and III.20 which it neither leads nor cooperates on (kept, with a warning).
    [SO, [["III.6", "Đã hoàn thành", "Quyết định số 2150/QĐ-UBND", "2150/QĐ-UBND", "30/07/2025"], ["III.8", "Đang triển khai"], ["III.20", "Đang triển khai"]]],
  ];
  for (const [token, rows] of pushes) {
    const res = await push(token, { form: "tiendo-nv", period: "2025-N", cells: cells(rows) });
    expect(res.status, await res.clone().text()).toBe(201);
  }
});

describe("pushing task progress", () => {
  it("is refused into an unopened period, a period the form is not due in, and from a commune", async () => {
    const body = { form: "tiendo-nv", cells: cells([["III.6", "Đang triển khai"]]) };
    const unopened = await push(SO, { ...body, period: "2027-Q1" });
    expect(unopened.status).toBe(422);
    expect(await json(unopened)).toMatchObject({ error: "period_not_open" });
    expect((await json<{ message: string }>(await push(SO, { ...body, period: "2027-T02" }))).message).toContain("Tháng 2/2027");
    // An ad-hoc report that asks for Phụ lục I only.
    const open = await call("/api/admin/periods", { token: ADMIN, body: { kind: "adhoc", year: 2026, seq: 5, dueDate: "2026-12-20", forms: ["pl1-tinh"] } });
    expect(open.status).toBe(201);
    const notDue = await push(SO, { ...body, period: "2026-DX5" });
    expect(notDue.status).toBe(422);
    const e = await json<{ error: string; message: string }>(notDue);
    expect(e.error).toBe("form_not_due");
    expect(e.message).toContain("Báo cáo tiến độ nhiệm vụ");
    expect((await json(await push(XA, { ...body, period: "2025-N" }))).error).toBe("wrong_audience");
    // The current quarter, opened by the seed, takes it.
    expect((await push(SO, { ...body, period: "2026-Q4" })).status).toBe(201);
  });

  it("a status outside the ladder is refused naming the task; a task neither led nor cooperated on is kept with a warning", async () => {
    const bad = await push(YTE, { form: "tiendo-nv", period: "2026-Q4", cells: cells([["III.57", "Chậm tiến độ"]]) });
    expect(bad.status).toBe(422);
    const body = await json<{ details: { code: string; message: string }[] }>(bad);
    expect(body.details.map((d) => d.code)).toEqual(["invalid_status"]);
    expect(body.details[0]!.message).toMatch(/^Nhiệm vụ III\.57 – «/);
    const ok = await push(YTE, { form: "tiendo-nv", period: "2026-Q4", cells: cells([["III.57", "Đang triển khai"], ["III.20", "Chưa triển khai"], ["IV.58", "Đã hoàn thành"]]) });
    const receipt = receiptSchema.parse(await json(ok));
    expect(receipt.warnings.map((w) => [w.item, w.code]).sort()).toEqual([["III.20", "not_task_agency"], ["IV.58", "done_without_result"]]);
  });
});

describe("the merged task report", () => {
  it("counts every task once as of the period's cut-off, with the overdue tasks and their days late", async () => {
    const r = await report("period=2025-N", VIEWER);
    expect(r).toMatchObject({ asOf: "2025-11-14", asOfBasis: "cutoff", filters: { appendix: null, agency: null } });
    expect(r.rows.map((x) => x.key)).toEqual(tasks.map((t) => t.key));
    expect(r.summary.total).toBe(234);
    const c = r.summary.counts;
    expect(Object.values(c).reduce((a, b) => a + b, 0)).toBe(234);
    // reported: done II.9, IV.58, III.6; under way II.8, II.14, II.18, II.19, II.24, III.57, III.24; not started II.11, II.13;
    // late II.2 (under way, due 30/04/2025), III.17 (not started, 31/05/2025), III.20 (under way, 30/06/2025), III.8 (30/09/2025)
    expect(c["Đã hoàn thành"]).toBe(3);
    expect(c["Đang triển khai"]).toBe(7);
    expect(c["Chưa triển khai"]).toBe(2);
    // the other 218 tasks were not reported: "Chưa báo cáo" (past their deadline or not) — unknown is not late work
    expect(c["Chậm tiến độ"]).toBe(4);
    expect(c["Chưa báo cáo"]).toBe(218);
    // the overdue block lists the 4 late ones and the unreported ones past their deadline, marked as not reported
    expect(r.overdue.filter((o) => o.status !== null)).toHaveLength(4);
    expect(r.overdue.filter((o) => o.status === null).length).toBeGreaterThan(50);
    const late = new Map(r.overdue.map((o) => [o.key, o.daysLate]));
    expect([late.get("II.2"), late.get("III.17"), late.get("III.20"), late.get("III.8")]).toEqual([198, 167, 137, 45]);
    expect(r.overdue.map((o) => o.daysLate)).toEqual([...r.overdue.map((o) => o.daysLate)].sort((a, b) => b - a));
    expect(r.overdue.find((o) => o.key === "III.17")).toMatchObject({ dueDate: "2025-05-31", status: "Chưa triển khai", leads: ["Công an tỉnh"] });
    for (const x of r.rows.filter((x) => x.reportedBy.length === 0)) expect(x.display).toBe("Chưa báo cáo");
    expect(r.summary.sentence).toMatch(/^Tổng số 234 nhiệm vụ: /);
  });

  it("shows each task's status and result by lead agency; a co-lead's different report goes to the note", async () => {
    const r = await report("period=2025-N");
    expect(row(r, "II.9")).toMatchObject({ display: "Đã hoàn thành", statusText: "Đã hoàn thành", result: "Kế hoạch số 45-KH/TU", docNo: "45-KH/TU", docDate: "12/09/2025", reportedBy: [{ code: PARTY_CODE, name: "Văn phòng Tỉnh ủy" }] });
    expect(row(r, "II.8")).toMatchObject({ status: "Đang triển khai", statusText: "Đang thực hiện", display: "Đang triển khai", overdue: false, daysLate: null, dueDate: "2025-12-31" });
    const iii24 = row(r, "III.24");
    expect(iii24.reportedBy.map((u) => u.code)).toEqual([CA_CODE, VPUB_CODE]); // Công an tỉnh is the first lead
    expect(iii24).toMatchObject({ status: "Đang triển khai", display: "Đang triển khai" });
    expect(iii24.note).toBe("Văn phòng UBND tỉnh báo cáo: Đã hoàn thành – Hệ thống đã vận hành");
    expect(Object.keys(iii24.byUnit).sort()).toEqual([CA_CODE, VPUB_CODE].sort());
    // kept for cross-checking: nobody who leads III.20 reported, so Sở KH&CN's report shows
    expect(row(r, "III.20")).toMatchObject({ display: "Chậm tiến độ", daysLate: 137, reportedBy: [{ code: SO_CODE }] });
    expect(row(r, "III.12")).toMatchObject({ display: "Chưa báo cáo", overdue: true, status: null, reportedBy: [] });
  });

  it("filters by agency (name or unit code) and by appendix; the counts describe what is shown", async () => {
    const vp = await report(`period=2025-N&agency=${PARTY_CODE}`);
    expect(vp.rows.map((x) => x.key)).toEqual(["II.2", "II.8", "II.9", "II.11", "II.13", "II.14", "II.18", "II.19", "II.24"]);
    expect(vp.summary.counts).toEqual({ "Đã hoàn thành": 1, "Đang triển khai": 5, "Chưa triển khai": 2, "Chậm tiến độ": 1, "Chưa báo cáo": 0 });
    expect(vp.overdue).toEqual([{ key: "II.2", name: row(vp, "II.2").name, leads: ["Văn phòng Tỉnh ủy"], dueDate: "2025-04-30", daysLate: 198, status: "Đang triển khai" }]);
    expect(vp.summary.sentence).toBe("Tổng số 9 nhiệm vụ: Đang triển khai 5, Chưa triển khai 2, Đã hoàn thành 1, Chậm tiến độ 1 (chậm nhất: II.2, 198 ngày).");
    expect(vp.summary.wordingSentence).toBe("Đang triển khai 4, Chưa triển khai 2, Đang thực hiện 1, Đã hoàn thành 1, Đã tổ chức triển khai 1");
    const yte = await report(`period=2025-N&agency=${encodeURIComponent("Sở Y tế")}`);
    expect(yte.rows.map((x) => [x.key, x.display])).toEqual([["III.57", "Đang triển khai"], ["IV.58", "Đã hoàn thành"]]);
    const ii = await report("period=2025-N&appendix=II");
    expect(ii.summary.total).toBe(25);
    expect(new Set(ii.rows.map((x) => x.appendix))).toEqual(new Set(["II"]));
    const both = await report(`period=2025-N&appendix=III&agency=${CA_CODE}`);
    expect(both.rows.every((x) => x.appendix === "III" && x.leads.includes("Công an tỉnh"))).toBe(true);
    expect(both.filters).toEqual({ appendix: "III", agency: "Công an tỉnh" }); // the unit named, not its code
    const unknown = await call("/api/merged?form=tiendo-nv&period=2025-N&agency=S%E1%BB%9F%20Kh%C3%B4ng%20C%C3%B3", { token: ADMIN });
    expect(unknown.status).toBe(422);
    expect((await call("/api/merged?form=tiendo-nv&period=2025-N&appendix=V", { token: ADMIN })).status).toBe(400);
    expect((await call("/api/merged?form=tiendo-nv&period=2025-N", { token: SO })).status).toBe(403);
  });

  it("counts the current period as of today (before its cut-off)", async () => {
    const today = vnDate();
    const r = await report("period=2026-Q4");
    const basis = "2026-12-14" < today ? "cutoff" : "today";
    expect(r.asOfBasis).toBe(basis);
    expect(r.asOf).toBe(basis === "cutoff" ? "2026-12-14" : today);
    // III.57 (Tháng 9/2026), under way: late since 01/10/2026
    expect(row(r, "III.57")).toMatchObject({ display: "Chậm tiến độ", daysLate: daysBetween("2026-09-30", r.asOf) });
  });

  it("CSV and .xlsx carry the same report with the filters; counts and days late are numbers", async () => {
    const q = `form=tiendo-nv&period=2025-N&agency=${PARTY_CODE}`;
    const csvRes = await call(`/api/merged.csv?${q}`, { token: ADMIN });
    expect(csvRes.status).toBe(200);
    const csv = await csvRes.text();
    const wbCsv = XLSX.read(csv.replace(/^\uFEFF/, ""), { type: "string", raw: true });
    const lines = XLSX.utils.sheet_to_json<string[]>(wbCsv.Sheets[wbCsv.SheetNames[0]!]!, { header: 1, raw: false });
    // The CSV starts with the counts (summary rows), then the header line.
    const head = lines.findIndex((l) => l[0] === "TT");
    expect(lines[head]).toEqual(["TT", "Nội dung thực hiện", "Tiến độ thực hiện", "Số ngày chậm", "Sản phẩm/Kết quả", "Văn bản minh chứng", "Cơ quan chủ trì", "Thời hạn theo Kế hoạch", "Đơn vị báo cáo", "Ghi chú"]);
    expect(lines.slice(0, head).find((l) => l[1] === "Tổng số nhiệm vụ")?.slice(1, 3)).toEqual(["Tổng số nhiệm vụ", "9"]);
    expect(lines.find((l) => l[1] === "Chậm tiến độ")?.[2]).toBe("1");
    const ii2 = lines.find((l) => l[0] === "II.2")!;
    expect(ii2.slice(2, 4)).toEqual(["Chậm tiến độ", "198"]);
    expect(lines.find((l) => l[0] === "II.9")?.[5]).toBe("45-KH/TU ngày 12/09/2025");
    expect(lines.some((l) => l[0]?.startsWith("III."))).toBe(false); // the agency filter applies to the download
    expect(csvRes.headers.get("Content-Disposition")).toContain("tong-hop-tiendo-nv-2025-N.csv");

    const xRes = await call(`/api/merged.xlsx?${q}&appendix=II`, { token: ADMIN });
    expect(xRes.headers.get("Content-Disposition")).toContain("tong-hop-tiendo-nv-2025-N-II.xlsx");
    const wb = XLSX.read(new Uint8Array(await xRes.arrayBuffer()), { type: "array" });
    // The counts on their own first sheet, then the report.
    expect(wb.SheetNames).toEqual(["Tổng hợp tiến độ", "Tiến độ nhiệm vụ"]);
    const ws = wb.Sheets["Tiến độ nhiệm vụ"]!;
    const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    expect(grid[0]?.[0]).toBe("TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH SỐ 266-KH/TU");
    expect(grid.some((r) => r[0] === "Tiến độ và số ngày chậm tính đến ngày 14/11/2025 (ngày chốt số liệu của kỳ)")).toBe(true);
    // A unit code in the query is shown by the unit's name, never as the code.
    expect(grid.some((r) => r[0] === "Lọc: Phụ lục II; cơ quan chủ trì: Văn phòng Tỉnh ủy")).toBe(true);
    expect(JSON.stringify(grid)).not.toContain(PARTY_CODE);
    const at = (pred: (r: unknown[]) => boolean) => grid.findIndex(pred);
    const late = at((r) => r[0] === "II.2");
    const cell = (r: number, c: number) => ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject;
    const sws = wb.Sheets["Tổng hợp tiến độ"]!;
    const sgrid = XLSX.utils.sheet_to_json<unknown[]>(sws, { header: 1, raw: true, defval: null });
    const total = sgrid.findIndex((r) => r[1] === "Tổng số nhiệm vụ");
    expect(sws[XLSX.utils.encode_cell({ r: total, c: 2 })]).toMatchObject({ t: "n", v: 9 });
    expect(cell(late, 3)).toMatchObject({ t: "n", v: 198 });
    expect(cell(late, 2)).toMatchObject({ t: "s", v: "Chậm tiến độ" });
    // the overdue block at the bottom
    const block = at((r) => typeof r[0] === "string" && r[0].startsWith("NHIỆM VỤ CHẬM TIẾN ĐỘ: 1 nhiệm vụ"));
    expect(block).toBeGreaterThan(late);
    expect(grid[block + 1]?.slice(0, 4)).toEqual(["II.2", row(await report(`period=2025-N&agency=${PARTY_CODE}`), "II.2").name, "Chậm tiến độ", 198]);
  });
});

describe("completeness and CT.TASKSTATUS", () => {
  it("expects the units that lead at least one task", async () => {
    const c = completenessSchema.parse(await json(await call("/api/completeness?form=tiendo-nv&period=2025-N", { token: VIEWER })));
    const units = c.rows.map((r) => r.unit);
    for (const u of [PARTY_CODE, YTE_CODE, CA_CODE, VPUB_CODE, SO_CODE]) expect(units).toContain(u);
    expect(units).not.toContain(unitCode("Sở Tư pháp")); // cooperates only
    expect(units).not.toContain(XA_CODE);
    expect(c.submitted).toBe(5);
  });

  it("answers a batch: latest status by default, a given period on request, notes for bad keys and other units' tasks", async () => {
    const ask = async (token: string, requests: unknown[]) => {
      const res = await call("/api/task-status", { token, body: { requests } });
      expect(res.status).toBe(200);
      return taskStatusResponseSchema.parse(await json(res)).results;
    };
    const today = vnDate();
    const r = await ask(VIEWER, [{ key: "iii.57" }, { key: "III.57", period: "2025-N" }, { key: "II.9" }, { key: "III.99x" }, { key: "IV.58" }]);
    // III.57: latest = 2026-Q4 (under way), late as of today
    expect(r[0]).toMatchObject({ key: "III.57", period: "2026-Q4", status: "Đang triển khai", display: "Chậm tiến độ", asOf: today, daysLate: daysBetween("2026-09-30", today) });
    expect(r[1]).toMatchObject({ key: "III.57", period: "2025-N", display: "Đang triển khai", asOf: "2025-11-14", daysLate: null });
    expect(r[2]).toMatchObject({ key: "II.9", period: "2025-N", display: "Đã hoàn thành" });
    expect(r[3]).toMatchObject({ display: null });
    expect(r[3]!.note).toContain("III.99x");
    expect(r[4]).toMatchObject({ period: "2026-Q4", display: "Đã hoàn thành" });
    // A department reads the tasks it leads or cooperates on only.
    const so = await ask(SO, [{ key: "III.6" }, { key: "III.24" }, { key: "II.2" }, { key: "III.6", period: "2025-N" }]);
    // latest: 2026-Q4, where Sở KH&CN wrote "Đang triển khai" for a task due in 7/2025
    expect(so[0]).toMatchObject({ period: "2026-Q4", status: "Đang triển khai", display: "Chậm tiến độ" });
    expect(so[3]).toMatchObject({ period: "2025-N", display: "Đã hoàn thành" });
    expect(so[1]).toMatchObject({ period: "2025-N", status: "Đang triển khai", display: "Chậm tiến độ" }); // Sở KH&CN cooperates on III.24
    expect(so[2]).toMatchObject({ display: null });
    expect(so[2]!.note).toContain("chủ trì hoặc phối hợp");
    // bounded
    const tooMany = await call("/api/task-status", { token: VIEWER, body: { requests: Array.from({ length: 251 }, () => ({ key: "II.1" })) } });
    expect(tooMany.status).toBe(400);
  });
});

describe("CT.TASKSTATUS through the worker", () => {
  it("a recalculation's cells → one POST /api/task-status → each cell's status", async () => {
    const batcher = new TaskStatusBatcher({
      fetch: (url, init) => exports.default.fetch(new Request(new URL(String(url), "https://chi-tieu.test"), init)),
      headers: () => ({ Authorization: `Bearer ${PARTY}` }), // Văn phòng Tỉnh ủy: it leads II.*, and may read merged tables
    });
    const cells = await Promise.all([
      ctTaskStatus(batcher.fetcher, "ii.9"),
      ctTaskStatus(batcher.fetcher, "II.2", "2025-N"),
      ctTaskStatus(batcher.fetcher, "II 11", "2025-n"),
      ctTaskStatus(batcher.fetcher, "IV.99").catch((e: Error) => e.message),
    ]);
    expect(batcher.requestCount).toBe(1);
    expect(cells.slice(0, 3)).toEqual(["Đã hoàn thành", "Chậm tiến độ", "Chưa triển khai"]);
    expect(cells[3]).toContain("Không có nhiệm vụ");
  });
});

describe("pl2-xa exports: the follow-up columns and the Tổng cộng rows", () => {
  it("per commune a subtotal row, then its tasks, and a grand total; money as numbers", async () => {
    const t = (item: string, stt: string, name: string, budget: string, status: string, spent: string, outcome = "") => [
      { item, field: "stt", raw: stt },
      { item, field: "task", raw: name },
      { item, field: "lead", raw: "UBND xã" },
      { item, field: "budget", raw: budget },
      { item, field: "status", raw: status },
      { item, field: "spent", raw: spent },
      ...(outcome ? [{ item, field: "outcome", raw: outcome }] : []),
    ];
    const XA2_CODE = "xa-hau-loc";
    const XA2 = await tokenFor(XA2_CODE);
    const first = await push(XA, { form: "pl2-xa", period: "2026-N", cells: [...t("a1", "1", "Số hóa hồ sơ", "1.200,5", "Đã hoàn thành", "1.100", "12.000 hồ sơ"), ...t("a2", "2", "Wifi công cộng", "300", "Đang thực hiện", "50")] });
    expect(first.status, await first.clone().text()).toBe(201);
    expect((await push(XA2, { form: "pl2-xa", period: "2026-N", cells: t("b1", "1", "Camera an ninh", "250", "Chưa triển khai", "0") })).status).toBe(201);

    const wb = XLSX.read(new Uint8Array(await (await call("/api/merged.xlsx?form=pl2-xa&period=2026-N", { token: ADMIN })).arrayBuffer()), { type: "array" });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    const head = grid.findIndex((r) => r[0] === "STT");
    const header = grid[head]!;
    const col = (h: string) => header.indexOf(h);
    const [B, S] = [col("Dự kiến kinh phí (triệu đồng)"), col("Kinh phí đã thực hiện (triệu đồng)")];
    expect(header).toContain("Tiến độ thực hiện");
    expect(header).toContain("Kết quả thực hiện");
    const body = grid.slice(head + 1).filter((r) => r.some((v) => v !== null));
    // Hạc Thành subtotal, its 2 tasks, Hậu Lộc subtotal, its task, Tổng cộng
    expect(body.map((r) => [r[1], r[2]])).toEqual([
      ["Phường Hạc Thành", "Cộng: 2 nhiệm vụ"],
      ["Phường Hạc Thành", "Số hóa hồ sơ"],
      ["Phường Hạc Thành", "Wifi công cộng"],
      ["Xã Hậu Lộc", "Cộng: 1 nhiệm vụ"],
      ["Xã Hậu Lộc", "Camera an ninh"],
      ["Tổng cộng", "3 nhiệm vụ, 2 xã, phường"],
    ]);
    expect(body.map((r) => [r[B], r[S]])).toEqual([
      [1500.5, 1150],
      [1200.5, 1100],
      [300, 50],
      [250, 0],
      [250, 0],
      [1750.5, 1150],
    ]);
    const totalRow = head + 1 + body.length - 1;
    expect(ws[XLSX.utils.encode_cell({ r: totalRow, c: B })]).toMatchObject({ t: "n", v: 1750.5 });

    const csv = await (await call("/api/merged.csv?form=pl2-xa&period=2026-N", { token: ADMIN })).text();
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines.at(-1)).toBe(`,Tổng cộng,"3 nhiệm vụ, 2 xã, phường",,,,1750.5,,,1150.0,`);
    expect(lines.filter((l) => l.includes("Cộng: "))).toHaveLength(2);
  });
});
