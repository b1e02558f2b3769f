// The task pane: a shell over small flow components, each holding its own state — ConnectPanel (who is connected),
// ReportPanel (open / adopt / check / submit / conflicts), OutboxPanel (what waits to be sent), PullPanel (province
// summary). Excel work goes through addin/excel via flows.ts; nothing here calls Office.js. The flow components are
// remounted when the connected unit changes, so no receipt, issue or conflict of another unit stays on screen.
// AdminArea holds the Sở KH&CN's screens (registry and tokens, periods, reviews, doubtful targets) for admin accounts.
import { useCallback, useMemo, useState } from "react";
import { MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import type { ExcelHost } from "../excel/host.js";
import { capabilities } from "../excel/requirements.js";
import type { Me } from "./api.js";
import type { Deps, Session } from "./flows.js";
import type { Strings } from "./i18n.js";
import { issueNoteText } from "./errors.js";
import { Outbox, browserStore } from "./outbox.js";
import { ConnectPanel, type SyncStore } from "./components/ConnectPanel.js";
import { OutboxPanel } from "./components/OutboxPanel.js";
import { PullPanel } from "./components/PullPanel.js";
import { ReportPanel } from "./components/ReportPanel.js";
import { AdminArea } from "./components/AdminArea.js";
import { useStyles } from "./components/styles.js";

export function App({
  host,
  t,
  outbox: given,
  store: givenStore,
  onCatalogChanged,
}: {
  host: ExcelHost | null;
  t: Strings;
  outbox?: Outbox;
  store?: SyncStore;
  /** After a target was settled: the CT.* functions read the server's catalog again. */
  onCatalogChanged?: () => void;
}) {
  const s = useStyles();
  const store = useMemo(() => givenStore ?? (browserStore() as SyncStore), [givenStore]);
  const [outbox] = useState(() => given ?? new Outbox(browserStore()));
  const [session, setSession] = useState<Session | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const caps = useMemo(() => (host ? capabilities(host) : null), [host]);
  const excelReady = !!host && !!caps?.core;
  const onSession = useCallback((next: Session | null, who: Me | null) => {
    setSession(next);
    setMe(who);
  }, []);
  // Without a workbook the flows are never called (buttons disabled); a placeholder host keeps the types simple.
  const deps: Deps | null = useMemo(() => (host ? { host, outbox, session, noteText: (i) => issueNoteText(t, i) } : null), [host, outbox, session, t]);
  const unitKey = session ? `${session.server}|${session.unit.code}` : "none";
  const adminDeps = useMemo(
    () => (host && session?.isAdmin ? { host, session, ...(onCatalogChanged ? { onCatalogChanged } : {}) } : null),
    [host, session, onCatalogChanged],
  );

  return (
    <div className={s.root} lang={t.lang}>
      <Text as="h1" weight="semibold" size={500}>
        {t.appTitle}
      </Text>
      {!host && (
        <MessageBar intent="warning" data-testid="preview">
          <MessageBarBody>{t.previewMode}</MessageBarBody>
        </MessageBar>
      )}
      {host && caps && !caps.core && (
        <MessageBar intent="error" data-testid="too-old">
          <MessageBarBody>{t.excelTooOld}</MessageBarBody>
        </MessageBar>
      )}
      <ConnectPanel t={t} store={store} outbox={outbox} session={session} onSession={onSession} />
      {deps && (!session || session.canReport) && <ReportPanel key={`r-${unitKey}`} t={t} deps={deps} excelReady={excelReady} unitKind={me?.kind ?? null} />}
      {deps && <OutboxPanel key={`o-${unitKey}`} t={t} deps={deps} excelReady={excelReady} />}
      {deps && session?.canView && <PullPanel key={`p-${unitKey}`} t={t} deps={deps} excelReady={excelReady} />}
      {adminDeps && <AdminArea key={`a-${unitKey}`} t={t} deps={adminDeps} excelReady={excelReady} />}
    </div>
  );
}
