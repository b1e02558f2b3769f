// Task pane: waits for Office.js (or renders anyway after a timeout when office.js can't load) and renders the
// React pane. Loaded by addin/functions/entry.ts once the custom functions are registered (shared runtime).
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { registerFunctions } from "../functions/register.js";
import { insideExcel, officeHost, type ExcelHost } from "../excel/host.js";
import { App } from "./App.js";
import { strings } from "./i18n.js";

// Already registered by the first script (entry.ts); this returns that registration.
const functions = registerFunctions();

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
      <App host={host} t={t} onCatalogChanged={() => void functions.catalogCache.then((c) => c.refresh())} />
    </FluentProvider>,
  );
}

void start();
