// The route table for the access matrix: who may call what. Tokens are tried for every role and for
// missing/revoked/forged/garbage tokens; "allow" lists the roles that must not be refused (401/403).
import { communeCells, newKey } from "./harness.mjs";

const ALL = ["admin", "viewer", "commune", "department"];
const READERS = ["admin", "viewer"];

export function accessCases({ a, b, dept }) {
  const push = (formId, cells) => () => ({ form: formId, period: "2026-N", baseRevision: null, cells });
  return [
    { method: "GET", url: "/api/me", allow: ALL },
    { method: "GET", url: "/api/catalog", allow: ALL },
    { method: "GET", url: "/api/forms", allow: ALL },
    { method: "GET", url: "/api/forms/pl1-xa", allow: ALL },
    { method: "GET", url: "/api/periods", allow: ALL },
    // A commune pushes its own form; the department is refused for it by audience (422), not by role.
    {
      method: "POST",
      url: "/api/submissions",
      allow: ["commune", "department", "admin"],
      body: push("pl1-xa", communeCells(5)),
      headers: () => ({ "Idempotency-Key": newKey() }),
    },
    // Naming another unit: only the admin may write on someone's behalf.
    {
      method: "POST",
      url: "/api/submissions",
      allow: ["admin"],
      body: () => ({ ...push("pl1-xa", communeCells(6))(), unit: b.code }),
      headers: () => ({ "Idempotency-Key": newKey() }),
    },
    { method: "GET", url: "/api/submissions", allow: ALL },
    { method: "GET", url: `/api/submissions?unit=${b.code}`, allow: ["admin", "viewer"] },
    { method: "GET", url: `/api/current?form=pl1-xa&period=2026-N&unit=${a.code}`, allow: ["admin", "viewer", "commune"] },
    { method: "GET", url: `/api/current?form=pl1-xa&period=2026-N&unit=${b.code}`, allow: ["admin", "viewer"] },
    { method: "GET", url: `/api/current?form=pl1-tinh&period=2026-N&unit=${dept.code}`, allow: ["admin", "viewer", "department"] },
    { method: "GET", url: "/api/completeness?form=pl1-xa&period=2026-N", allow: READERS },
    { method: "GET", url: "/api/merged?form=pl1-xa&period=2026-N", allow: READERS },
    { method: "GET", url: "/api/merged.csv?form=pl1-tinh&period=2026-N", allow: READERS },
    { method: "GET", url: "/api/merged.xlsx?form=pl2-xa&period=2026-N", allow: READERS },
    { method: "GET", url: "/api/admin/units", allow: ["admin"] },
    { method: "POST", url: "/api/admin/units", allow: ["admin"], body: () => ({ code: "quyen-moi", name: "Đơn vị mới", kind: "commune" }) },
    { method: "POST", url: `/api/admin/units/${b.code}/tokens`, allow: ["admin"], body: () => ({}) },
    { method: "GET", url: `/api/admin/units/${b.code}/tokens`, allow: ["admin"] },
    { method: "POST", url: "/api/admin/tokens/khong-co/revoke", allow: ["admin"], body: () => ({}) },
    { method: "POST", url: "/api/admin/submissions/sub_khongco/review", allow: ["admin"], body: () => ({ status: "accepted" }) },
    { method: "POST", url: "/api/admin/periods/2026-N/lock", allow: ["admin"], body: () => ({}) },
    { method: "POST", url: "/api/admin/periods/2026-N/unlock", allow: ["admin"], body: () => ({}) },
    { method: "PUT", url: "/api/admin/targets/5G/2030", allow: ["admin"], body: () => ({ text: "100%", reason: "Kiểm thử quyền" }) },
    { method: "GET", url: "/api/admin/targets/5G/history", allow: ["admin"] },
  ];
}
