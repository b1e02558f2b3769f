// The first script of the shared-runtime page (taskpane.html; the manifest's functions Script is its output,
// taskpane.js). It registers the CT.* functions straight away, with only what they need (the slim catalog, the
// value parser, the assessment rules): no React, no Fluent UI, no zod. Then it loads the task pane, which is a
// separate chunk, so a recalculation never waits for the pane to download and start.
import { registerFunctions } from "./register.js";
import { readPaneToken } from "./pane-token.js";

// CT.* formulas use the connected unit's token, read from the same store as the pane (prefixed with Office's
// partitionKey where there is one); after sign-out they have none.
registerFunctions({
  getHeaders: (): Record<string, string> => {
    const token = readPaneToken();
    return token ? { Authorization: `Bearer ${token}` } : {};
  },
});

void import("../taskpane/main.js");
