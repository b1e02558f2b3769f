// Task pane entry: waits for Office.js (or renders anyway after a timeout when office.js can't load),
// registers the custom functions (shared runtime) and renders the React pane.
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { registerFunctions } from "../functions/register.js";
import { insideExcel, officeHost, type ExcelHost } from "../excel/host.js";
import { App } from "./App.js";
import { strings } from "./i18n.js";
import { browserStore } from "./outbox.js";
import { STORE_KEYS } from "./session.js";

// CT.* formulas use the connected unit's token, read from the same store as the pane (prefixed with Office's
// partitionKey where there is one); after sign-out they have none.
const functions = registerFunctions({
  getHeaders: (): Record<string, string> => {
    const token = String(browserStore().getItem(STORE_KEYS.token) ?? "");
    return token ? { Authorization: `Bearer ${token}` } : {};
  },
});

async function waitForOffice(timeoutMs: number): Promise<ExcelHost | null> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.onReady) return null;
  const ready = office.onReady().then((info) => (info.host === office.HostType.Excel || insideExcel() ? officeHost() : null));
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  return Promise.race([ready, timeout]).catch(() => null);
}

async function start() {
  const host = await waitForOffice(5000);
  const lang = host?.displayLanguage() ?? (globalThis as { Office?: typeof Office }).Office?.context?.displayLanguage ?? navigator.language;
  const t = strings(lang);
  document.documentElement.lang = t.lang;
  document.title = t.appTitle;
  const root = document.getElementById("root")!;
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} t={t} onCatalogChanged={() => void functions.catalogCache.refresh()} />
    </FluentProvider>,
  );
}

void start();
