// Connecting: a server address and a token become a Session only when the server knows the token (GET /api/me).
// A wrong token, an unreachable server or any other failure leaves the pane disconnected — never "connected".
import { ApiClient, HttpError, NetworkError, type Me } from "./api.js";
import type { Session } from "./flows.js";
import { TOKEN_KEY } from "../functions/pane-token.js";

export type ConnectResult =
  | { status: "connected"; session: Session; me: Me }
  | { status: "unauthorized" }
  | { status: "unreachable" }
  | { status: "error"; error: unknown };

// The token key is shared with the CT.* functions, which send the connected unit's token (addin/functions/pane-token.ts).
export const STORE_KEYS = { server: "chiTieu.server", token: TOKEN_KEY } as const;

export function rolesOf(me: Me): { canReport: boolean; canView: boolean; isAdmin: boolean } {
  const roles = me.roles ?? [me.role];
  return {
    canReport: roles.includes("unit"),
    canView: roles.includes("viewer") || roles.includes("admin"),
    isAdmin: roles.includes("admin"),
  };
}

export async function connect(server: string, token: string, fetchImpl?: typeof fetch): Promise<ConnectResult> {
  if (!token.trim()) return { status: "unauthorized" };
  const api = new ApiClient({ base: server, token, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  try {
    const me = await api.me();
    const r = rolesOf(me);
    return {
      status: "connected",
      me,
      session: {
        api,
        server: api.base,
        unit: { code: me.code, name: me.name },
        canReport: r.canReport,
        canView: r.canView,
        ...(r.isAdmin ? { isAdmin: true } : {}),
        ...(me.agencies?.length ? { agencies: me.agencies } : {}),
      },
    };
  } catch (e) {
    if (e instanceof HttpError && (e.status === 401 || e.status === 403)) return { status: "unauthorized" };
    if (e instanceof NetworkError) return { status: "unreachable" };
    return { status: "error", error: e };
  }
}
