// The SQL that makes an empty database administrable: the Sở KH&CN's admin unit (a staff account that may view and
// administer, not report — rights are per unit since migration 0002) and its first token (only the SHA-256 of the
// secret). Running it again on a database that has the unit restores those rights and adds a token. Pure: used by
// scripts/bootstrap-admin.mjs and by test/worker/bootstrap.test.ts.

export const ADMIN_CODE = "skhcn-quan-tri";
export const ADMIN_NAME = "Sở Khoa học và Công nghệ (quản trị)";

/** @param {{ id: string, hash: string }} t  @returns {string[]} one statement per string */
export function bootstrapSql(t) {
  if (!/^[0-9a-f]{16}$/.test(t.id) || !/^[0-9a-f]{64}$/.test(t.hash)) throw new Error("bootstrap: bad token id or hash");
  return [
    `INSERT OR IGNORE INTO units (code, name, kind, category, can_report, can_view, can_admin) VALUES ('${ADMIN_CODE}', '${ADMIN_NAME}', 'admin', 'staff', 0, 1, 1)`,
    `UPDATE units SET kind = 'admin', category = 'staff', active = 1, can_report = 0, can_view = 1, can_admin = 1 WHERE code = '${ADMIN_CODE}'`,
    `INSERT INTO tokens (id, unit, hash, role, label) VALUES ('${t.id}', '${ADMIN_CODE}', '${t.hash}', 'admin', 'bootstrap')`,
  ];
}
