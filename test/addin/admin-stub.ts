// An in-memory stand-in for the worker's administration API (Node tests of the Sở KH&CN's flows): the registry with the
// worker's own row checks and diff (shared/registry checkRegistry, worker/src/store/registry diffRegistry), versions and
// 409 on a stale base; tokens issued / rotated / revoked (secrets returned once); reviews with notes; periods; doubts
// and settled targets; completeness with contacts. Only what the flows call.
import { checkRegistry, type RegistryUnit } from "../../shared/registry/index.js";
import { diffRegistry } from "../../worker/src/store/registry.js";
import { ApiClient } from "../../addin/taskpane/api.js";
import type { Session } from "../../addin/taskpane/flows.js";

export const ADMIN_TOKEN = "tok_admin.1";
export const KNOWN = ["Sở Khoa học và Công nghệ", "Sở Y tế", "UBND các xã, phường"];

export function adminStub(initial: RegistryUnit[]) {
  const state = {
    version: 0,
    units: initial.map((u) => ({ ...u })),
    tokens: [] as { id: string; unit: string; revoked: boolean }[],
    requests: [] as string[],
    pushes: [] as { baseVersion: number; dryRun: boolean; count: number }[],
    submissions: [] as { id: string; unit: string; form: string; period: string; revision: number; status: "submitted" | "accepted" | "returned"; cells: { item: string; field: string; raw: string }[]; notes: { item: string; field: string; note: string }[]; comment: string | null }[],
    doubts: [
      { key: "5G", stt: 1, name: "Tỷ lệ phủ sóng 5G", field: "2035", reason: "Văn bản chỉ in 4 trong 5 ô", year: 2035 as number | null, settleable: true, printed: "100%", settled: null as null | { text: string; source: string | null; reason: string | null; at: string | null } },
      { key: "6G", stt: 2, name: "Chỉ tiêu 6G", field: "baseline", reason: "Không rõ", year: null, settleable: false, printed: "-", settled: null },
    ],
    edits: [] as { key: string; year: number; text: string; source: string; reason: string }[],
    periods: [{ id: "2025-N", kind: "year", year: 2025, label: "Năm 2025", dueDate: "2025-11-24" as string | null, cutoffDate: "2025-11-14" as string | null, forms: null as string[] | null, locked: false, lockedAt: null, openedAt: "2025-01-01T00:00:00Z", daysLeft: -7 }],
  };
  let tokenSeq = 0;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const fail = (status: number, error: string, message: string, details: unknown[] = []) => json(status, { error, message, details });
  const fetchImpl = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const u = new URL(String(url));
    const method = init?.method ?? "GET";
    state.requests.push(`${method} ${u.pathname}`);
    const auth = ((init?.headers as Record<string, string> | undefined)?.["Authorization"] ?? "").replace(/^Bearer /, "");
    if (auth !== ADMIN_TOKEN) return fail(401, "unauthorized", "Mã truy cập không hợp lệ.");
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    const p = u.pathname;
    if (p === "/api/me") return json(200, { code: "skhcn-quan-tri", name: "Sở KH&CN (quản trị)", kind: "admin", role: "admin", roles: ["viewer", "admin"], agencies: [] });
    if (p === "/api/admin/registry" && method === "GET") return json(200, { version: state.version, units: state.units, knownAgencies: KNOWN, categories: {} });
    if (p === "/api/admin/registry" && method === "PUT") {
      const units = body.units as RegistryUnit[];
      state.pushes.push({ baseVersion: body.baseVersion as number, dryRun: !!body.dryRun, count: units.length });
      const problems = checkRegistry(units, { knownAgencies: KNOWN, existingCodes: state.units.map((x) => x.code), selfCode: "skhcn-quan-tri" });
      const errors = problems.filter((x) => x.severity === "error");
      if (errors.length) return fail(422, "registry_invalid", `Danh sách đơn vị có ${errors.length} lỗi.`, errors);
      const diff = diffRegistry(state.units, units);
      const summary = { added: diff.added.length, changed: diff.changed.length, unchanged: diff.unchanged, notInSheet: diff.notInSheet.length };
      const warnings = problems.filter((x) => x.severity === "warning");
      if (body.dryRun) return json(200, { version: state.version, dryRun: true, summary, diff, warnings });
      if (body.baseVersion !== state.version) return fail(409, "registry_conflict", "Danh sách đơn vị vừa được người khác cập nhật.");
      if (!diff.added.length && !diff.changed.length) return json(200, { version: state.version, applied: false, summary, diff, warnings });
      const after = new Map(state.units.map((x) => [x.code, x]));
      for (const x of units) {
        const { row: _row, ...rest } = x;
        after.set(x.code, rest);
      }
      state.units = [...after.values()];
      state.version++;
      return json(200, { version: state.version, applied: true, summary, diff, warnings });
    }
    const tok = /^\/api\/admin\/tokens\/(issue|rotate|revoke)$/.exec(p);
    if (tok && tok[1] !== "revoke") {
      const codes = body.units as string[];
      const tokens = codes.map((code) => {
        if (tok[1] === "rotate") for (const t of state.tokens) if (t.unit === code) t.revoked = true;
        const id = `t${++tokenSeq}`;
        state.tokens.push({ id, unit: code, revoked: false });
        return { unit: code, unitName: state.units.find((x) => x.code === code)?.name ?? code, token: `tok_${id}.${"9f".repeat(16)}`, id, issuedAt: "2026-03-02T01:30:00.000Z" };
      });
      return json(201, { tokens, note: "" });
    }
    if (tok) {
      let n = 0;
      for (const t of state.tokens)
        if (!t.revoked && (((body.units as string[] | undefined) ?? []).includes(t.unit) || ((body.tokenIds as string[] | undefined) ?? []).includes(t.id))) {
          t.revoked = true;
          n++;
        }
      return json(200, { revoked: n });
    }
    if (p === "/api/periods") return json(200, { today: "2025-12-01", current: "2025-N", periods: state.periods });
    if (p === "/api/admin/periods" && method === "POST") {
      if (body.kind === "adhoc" && (!body.dueDate || !(body.forms as string[] | undefined)?.length)) return fail(422, "adhoc_incomplete", "Báo cáo đột xuất cần hạn nộp và biểu mẫu.");
      const id = body.kind === "quarter" ? `${body.year}-Q${body.seq}` : body.kind === "year" ? `${body.year}-N` : `${body.year}-X${body.seq ?? 1}`;
      const existing = state.periods.find((x) => x.id === id);
      const period = existing ?? { id, kind: String(body.kind), year: Number(body.year), label: body.kind === "quarter" ? `Quý ${["I", "II", "III", "IV"][Number(body.seq) - 1]}/${body.year}` : `Kỳ ${id}`, dueDate: (body.dueDate as string) ?? null, cutoffDate: null, forms: (body.forms as string[]) ?? null, locked: false, lockedAt: null, openedAt: "2026-01-01T00:00:00Z", daysLeft: 10 };
      if (!existing) state.periods.unshift(period);
      return json(existing ? 200 : 201, { period, created: !existing });
    }
    const lk = /^\/api\/admin\/periods\/([^/]+)\/(lock|unlock)$/.exec(p);
    if (lk) {
      const per = state.periods.find((x) => x.id === decodeURIComponent(lk[1]!));
      if (!per) return fail(404, "period_not_open", "Kỳ báo cáo chưa được mở.");
      per.locked = lk[2] === "lock";
      return json(200, { period: { id: per.id, locked: per.locked } });
    }
    if (p === "/api/admin/reviews")
      return json(200, {
        form: u.searchParams.get("form"),
        period: u.searchParams.get("period"),
        rows: state.units
          .filter((x) => x.category === "commune")
          .map((x) => {
            const s = [...state.submissions].reverse().find((y) => y.unit === x.code);
            return { unit: x.code, name: x.name, submission: s?.id ?? null, revision: s?.revision ?? null, at: s ? "2025-12-01T02:00:00Z" : null, cellCount: s?.cells.length ?? 0, status: s?.status ?? null, comment: s?.comment ?? null, reviewedAt: null, notes: s?.notes.length ?? 0 };
          }),
      });
    const sub = /^\/api\/submissions\/([^/]+)$/.exec(p);
    if (sub) {
      const s = state.submissions.find((x) => x.id === sub[1]);
      if (!s) return fail(404, "not_found", "Không có.");
      return json(200, { id: s.id, unit: s.unit, form: s.form, period: s.period, revision: s.revision, status: s.status, receivedAt: "2025-12-01T02:00:00Z", cells: s.cells });
    }
    if (p === "/api/current") {
      const s = [...state.submissions].reverse().find((x) => x.unit === u.searchParams.get("unit"));
      return json(200, {
        form: u.searchParams.get("form"),
        period: u.searchParams.get("period"),
        unit: u.searchParams.get("unit"),
        revision: s?.revision ?? 0,
        cells: (s?.cells ?? []).map((c) => ({ ...c, revision: s!.revision })),
        review: s ? { submission: s.id, revision: s.revision, status: s.status, comment: s.comment, at: null, notes: s.status === "returned" ? s.notes : [] } : null,
      });
    }
    const rv = /^\/api\/admin\/submissions\/([^/]+)\/review$/.exec(p);
    if (rv) {
      const s = state.submissions.find((x) => x.id === rv[1]);
      if (!s) return fail(404, "not_found", "Không có.");
      s.status = body.status as "accepted" | "returned";
      s.comment = (body.comment as string) ?? null;
      s.notes = (body.notes as typeof s.notes) ?? [];
      return json(200, { id: s.id, status: s.status, reviewComment: s.comment, reviewedAt: "2025-12-02T02:00:00Z", notes: s.notes });
    }
    if (p === "/api/admin/doubts") return json(200, { doubts: state.doubts, settled: state.doubts.filter((d) => d.settled).length });
    const tg = /^\/api\/admin\/targets\/([^/]+)\/(\d+)$/.exec(p);
    if (tg) {
      if (String(body.text).includes("???")) return fail(422, "invalid_value", "Giá trị mục tiêu không hợp lệ.");
      state.edits.push({ key: tg[1]!, year: Number(tg[2]), text: String(body.text), source: String(body.source), reason: String(body.reason) });
      const d = state.doubts.find((x) => x.key === tg[1] && x.year === Number(tg[2]));
      if (d) d.settled = { text: String(body.text), source: String(body.source), reason: String(body.reason), at: "2026-03-05T02:00:00Z" };
      return json(200, { indicator: tg[1], year: Number(tg[2]), text: body.text });
    }
    if (p === "/api/completeness") {
      const rows = state.units
        .filter((x) => x.category === "commune")
        .map((x, i) => ({ unit: x.code, name: x.name, submitted: i === 0, revision: i === 0 ? 1 : null, at: null, status: i === 0 ? "submitted" : null, dueDate: "2025-11-24", daysLeft: i === 0 ? null : -7, lateBy: i === 0 ? 0 : null, contactName: x.contactName ?? null, phone: x.phone ?? null, email: x.email ?? null }));
      return json(200, { form: u.searchParams.get("form"), period: u.searchParams.get("period"), dueDate: "2025-11-24", expected: rows.length, submitted: 1, rows });
    }
    return fail(404, "not_found", `Không có ${method} ${p}.`);
  };
  const session = (): Session => {
    const api = new ApiClient({ base: "http://x.test", token: ADMIN_TOKEN, fetch: fetchImpl as typeof fetch });
    return { api, server: api.base, unit: { code: "skhcn-quan-tri", name: "Sở KH&CN (quản trị)" }, canReport: false, canView: true, isAdmin: true };
  };
  return { state, fetch: fetchImpl as typeof fetch, session };
}
