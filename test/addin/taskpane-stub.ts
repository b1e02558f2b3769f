// A tiny in-memory stand-in for the worker's API (Node tests of the task pane flows).
import type { Cell, Receipt } from "../../shared/schemas/index.js";

export function stubServer() {
  const state = { revision: 0, cells: new Map<string, Cell>(), keys: new Map<string, Receipt>(), online: true, requests: [] as string[] };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const fetchImpl = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const u = new URL(String(url));
    state.requests.push(`${init?.method ?? "GET"} ${u.pathname}`);
    if (!state.online) throw new TypeError("Failed to fetch");
    if (u.pathname === "/api/health") return json(200, { ok: true });
    if (u.pathname === "/api/me") return json(200, { code: "xa-a", name: "Xã A", kind: "commune", role: "unit" });
    if (u.pathname === "/api/current")
      return json(200, { form: "pl1-xa", period: "2025-N", unit: "xa-a", revision: state.revision, cells: [...state.cells.values()].map((c) => ({ ...c, revision: state.revision })) });
    if (u.pathname === "/api/submissions" && init?.method === "POST") {
      const key = (init.headers as Record<string, string>)["Idempotency-Key"]!;
      const body = JSON.parse(String(init.body)) as { form: string; period: string; baseRevision: number | null; cells: Cell[] };
      const seen = state.keys.get(key);
      if (seen) return json(200, { ...seen, replayed: true });
      if ((body.baseRevision ?? 0) !== state.revision)
        return json(409, {
          error: "conflict",
          message: "Có người đã gửi trước bạn.",
          details: [],
          currentRevision: state.revision,
          current: [...state.cells.values()].map((c) => ({ ...c, revision: state.revision })),
        });
      state.revision++;
      for (const c of body.cells) state.cells.set(`${c.item}|${c.field}`, c);
      const receipt: Receipt = {
        id: `s${state.revision}`, unit: "xa-a", form: body.form, period: body.period, revision: state.revision, baseRevision: body.baseRevision,
        status: "submitted", receivedAt: "2025-07-01T08:00:00.000Z", payloadHash: "h", cellCount: body.cells.length, warnings: [], replayed: false,
      };
      state.keys.set(key, receipt);
      return json(201, receipt);
    }
    return json(404, { error: "not_found", message: "Không có.", details: [] });
  };
  return { state, fetch: fetchImpl as typeof fetch };
}

export function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), map: m };
}
