// The first script of the shared-runtime page (taskpane.html; the manifest's functions Script is its output,
// taskpane.js). It registers the CT.* functions straight away, with only what they need (the slim catalog, the
// value parser, the assessment rules): no React, no Fluent UI, no zod. Then it loads the task pane, which is a
// separate chunk, so a recalculation never waits for the pane to download and start.
import { registerFunctions } from "./register.js";

/** The task pane keeps the unit's token in localStorage (App.tsx); the functions send it with their requests. */
const TOKEN_KEY = "chiTieu.token";

registerFunctions({
  getHeaders: (): Record<string, string> => {
    let token = "";
    try {
      token = globalThis.localStorage?.getItem(TOKEN_KEY) ?? "";
    } catch {
      // storage disabled: no token
    }
    return token ? { Authorization: `Bearer ${token}` } : {};
  },
});

void import("../taskpane/main.js");
