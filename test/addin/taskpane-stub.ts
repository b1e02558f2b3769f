// A tiny in-memory stand-in for the worker's API (Node tests of the task pane flows): tokens per unit, one report per
// unit (the last form and period pushed), whole-sheet pushes (a cell not sent is deleted, like the worker), 409 on a
// stale base, 423 when locked, 422 for an empty first push, periods and /api/me with roles.
import type { Cell, Receipt } from "../../shared/schemas/index.js";
import { ApiClient } from "../../addin/taskpane/api.js";
import type { Session } from "../../addin/taskpane/flows.js";

export interface StubUnit {
  code: string;
  name: string;
  kind: "commune" | "department" | "admin" | "viewer";
  roles: ("unit" | "viewer" | "admin")[];
  agencies?: string[];
}

export const UNITS: Record<string, StubUnit> = {
  "tok_a.b": { code: "xa-a", name: "Xã A", kind: "commune", roles: ["unit"] },
  "tok_c.d": { code: "xa-c", name: "Xã C", kind: "commune", roles: ["unit"] },
  "tok_so.1": { code: "so-y-te", name: "Sở Y tế", kind: "department", roles: ["unit"], agencies: ["Sở Y tế"] },
  "tok_admin.1": { code: "skhcn", name: "Sở KH&CN", kind: "admin", roles: ["viewer", "admin"] },
};

export function stubServer() {
  const state = {
    revision: 0,
    cells: new Map<string, Cell>(),
    keys: new Map<string, Receipt>(),
    online: true,
    locked: false,
    requests: [] as string[],
    /** Bodies of accepted pushes, in order. */
    pushes: [] as { unit: string; cells: Cell[]; baseRevision: number | null }[],
    /** The Sở KH&CN's target corrections (GET /api/catalog/overrides). */
    overrides: [] as { key: string; year: number; text: string; value: unknown }[],
  };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const fail = (status: number, error: string, message: string, details: unknown[] = []) => json(status, { error, message, details });
  const fetchImpl = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const u = new URL(String(url));
    state.requests.push(`${init?.method ?? "GET"} ${u.pathname}`);
    if (!state.online) throw new TypeError("Failed to fetch");
    if (u.pathname === "/api/health") return json(200, { ok: true });
    const auth = ((init?.headers as Record<string, string> | undefined)?.["Authorization"] ?? "").replace(/^Bearer /, "");
    const who = UNITS[auth];
    if (!who) return fail(401, "unauthorized", "Mã truy cập không hợp lệ hoặc đã bị thu hồi.");
    if (u.pathname === "/api/me") return json(200, { code: who.code, name: who.name, kind: who.kind, role: who.roles.includes("unit") ? "unit" : who.roles[0], roles: who.roles, agencies: who.agencies ?? [] });
    if (u.pathname === "/api/periods")
      return json(200, {
        today: "2025-12-01",
        current: "2025-N",
        periods: ["2025-N", "2025-6T"].map((id) => ({
          id,
          kind: id.endsWith("N") ? "year" : "half",
          year: 2025,
          label: id.endsWith("N") ? "Năm 2025" : "6 tháng đầu năm 2025",
          dueDate: id.endsWith("N") ? "2025-11-24" : "2025-06-14",
          cutoffDate: null,
          forms: null,
          locked: state.locked,
          lockedAt: null,
          openedAt: "2025-01-01T00:00:00Z",
          daysLeft: -7,
        })),
      });
    if (u.pathname === "/api/catalog/overrides") return json(200, { targetOverrides: state.overrides });
    if (u.pathname === "/api/current")
      return json(200, {
        form: u.searchParams.get("form"),
        period: u.searchParams.get("period"),
        unit: who.code,
        revision: state.revision,
        cells: [...state.cells.values()].map((c) => ({ ...c, revision: state.revision })),
      });
    if (u.pathname === "/api/submissions" && init?.method === "POST") {
      if (!who.roles.includes("unit")) return fail(400, "unit_required", "Hãy chọn đơn vị cần xem hoặc gửi số liệu.");
      const key = (init.headers as Record<string, string>)["Idempotency-Key"]!;
      const body = JSON.parse(String(init.body)) as { form: string; period: string; baseRevision: number | null; cells: Cell[] };
      const seen = state.keys.get(key);
      if (seen) return json(200, { ...seen, replayed: true });
      if (state.locked) return fail(423, "period_locked", "Kỳ báo cáo «Năm 2025» đã khóa sổ, không nhận thêm số liệu.");
      if ((body.baseRevision ?? 0) !== state.revision)
        return json(409, {
          error: "conflict",
          message: "Có người đã gửi trước bạn.",
          details: [],
          currentRevision: state.revision,
          current: [...state.cells.values()].map((c) => ({ ...c, revision: state.revision })),
        });
      const cells = body.cells.filter((c) => c.raw.trim() !== "");
      if (cells.length === 0 && state.revision === 0) return fail(422, "empty_submission", "Biểu mẫu chưa có số liệu nào nên chưa gửi.");
      state.revision++;
      // Whole sheet: what is not sent is deleted.
      state.cells = new Map(cells.map((c) => [`${c.item}|${c.field}`, c]));
      state.pushes.push({ unit: who.code, cells, baseRevision: body.baseRevision });
      const receipt: Receipt = {
        id: `s${state.revision}`, unit: who.code, form: body.form, period: body.period, revision: state.revision, baseRevision: body.baseRevision,
        status: "submitted", receivedAt: "2025-07-01T08:00:00.000Z", payloadHash: "h", cellCount: cells.length, warnings: [], replayed: false,
      };
      state.keys.set(key, receipt);
      return json(201, receipt);
    }
    return fail(404, "not_found", "Không có.");
  };
  /** A Session for a token of UNITS, as the pane holds it after connecting. */
  const session = (token = "tok_a.b"): Session => {
    const who = UNITS[token]!;
    const api = new ApiClient({ base: "http://x.test", token, fetch: fetchImpl as typeof fetch });
    return {
      api,
      server: api.base,
      unit: { code: who.code, name: who.name },
      canReport: who.roles.includes("unit"),
      canView: who.roles.includes("viewer") || who.roles.includes("admin"),
      ...(who.agencies ? { agencies: who.agencies } : {}),
    };
  };
  /** Sets the server's cells as another workbook's push would (revision + 1). */
  const put = (cells: [string, string, string][]) => {
    for (const [item, field, raw] of cells) state.cells.set(`${item}|${field}`, { item, field, raw });
    state.revision++;
  };
  return { state, fetch: fetchImpl as typeof fetch, session, put };
}

export function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), map: m };
}
