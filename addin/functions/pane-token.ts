// Where the task pane keeps the connected unit's token, so the CT.* functions can send it: localStorage (never the
// workbook), under a key prefixed with Office's partitionKey where there is one. Kept here, free of the pane's
// modules, because the functions' first bundle must not pull in the pane (test/addin/functions-first.test.ts).

/** The pane's token key (addin/taskpane/session.ts STORE_KEYS.token). */
export const TOKEN_KEY = "chiTieu.token";

/** The storage key actually used for `key` on this host. */
export function paneStorageKey(key: string): string {
  const prefix = (globalThis as { Office?: { context?: { partitionKey?: string } } }).Office?.context?.partitionKey ?? "";
  return prefix + key;
}

/** The connected unit's token, or "" (signed out, or storage disabled). */
export function readPaneToken(): string {
  try {
    return globalThis.localStorage?.getItem(paneStorageKey(TOKEN_KEY)) ?? "";
  } catch {
    return "";
  }
}
