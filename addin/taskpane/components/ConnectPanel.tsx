// Connect and sign out. Holds the server address and token fields and the connection state; hands the App a Session
// only when the server knows the token. Sign-out removes the token from this computer, after asking when this unit's
// submissions still wait in the outbox.
import { useCallback, useEffect, useRef, useState } from "react";
import { Badge, Button, Card, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Text } from "@fluentui/react-components";
import type { Me } from "../api.js";
import type { Session } from "../flows.js";
import type { Strings } from "../i18n.js";
import { ownedBy, type Outbox } from "../outbox.js";
import { STORE_KEYS, connect, rolesOf } from "../session.js";
import { errorNode } from "../errors.js";
import { Data, tpl } from "./Text.js";
import { useStyles } from "./styles.js";

export interface SyncStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

type Status = "idle" | "checking" | "connected" | "unauthorized" | "unreachable" | "error";

export function ConnectPanel(props: {
  t: Strings;
  store: SyncStore;
  outbox: Outbox;
  session: Session | null;
  onSession: (s: Session | null, me: Me | null) => void;
  fetch?: typeof fetch;
}) {
  const { t, store, outbox, session, onSession } = props;
  const s = useStyles();
  const [server, setServer] = useState<string>(() => String(store.getItem(STORE_KEYS.server) ?? "") || globalThis.location?.origin || "");
  const [token, setToken] = useState<string>(() => String(store.getItem(STORE_KEYS.token) ?? ""));
  const [status, setStatus] = useState<Status>("idle");
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asking, setAsking] = useState<number | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  const tried = useRef(false);

  const run = useCallback(
    async (srv: string, tok: string) => {
      setStatus("checking");
      setError(null);
      setSignedOut(false);
      const r = await connect(srv, tok, props.fetch);
      if (r.status === "connected") {
        store.setItem(STORE_KEYS.server, srv);
        store.setItem(STORE_KEYS.token, tok);
        setMe(r.me);
        setStatus("connected");
        onSession(r.session, r.me);
        return;
      }
      setMe(null);
      onSession(null, null);
      setStatus(r.status);
      if (r.status === "error") setError(r.error);
    },
    [onSession, props.fetch, store],
  );

  // A token kept from an earlier session is checked at start (so the outbox can be sent), never trusted unchecked.
  useEffect(() => {
    if (tried.current) return;
    tried.current = true;
    if (token && server) void run(server, token);
  }, [run, server, token]);

  const signOut = async (confirmed: boolean) => {
    if (!confirmed && session) {
      const mine = (await outbox.list()).filter((e) => ownedBy(e, { server: session.server, unit: session.unit.code })).length;
      if (mine > 0) {
        setAsking(mine);
        return;
      }
    }
    setAsking(null);
    store.setItem(STORE_KEYS.token, "");
    setToken("");
    setMe(null);
    setStatus("idle");
    setSignedOut(true);
    onSession(null, null);
  };

  const roles = me ? rolesOf(me) : null;
  const rights = roles ? [roles.canReport && t.rightReport, roles.canView && t.rightView, roles.isAdmin && t.rightAdmin].filter(Boolean).join(", ") : "";

  return (
    <Card className={s.card}>
      <Text weight="semibold">{t.connectTitle}</Text>
      <Field label={t.server}>
        <Input value={server} onChange={(_, d) => setServer(d.value)} data-testid="server" disabled={status === "connected"} />
      </Field>
      {status !== "connected" && (
        <Field label={t.token} hint={t.tokenHint}>
          <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} data-testid="token" />
        </Field>
      )}
      <div className={s.row}>
        {status !== "connected" ? (
          <Button appearance="primary" onClick={() => void run(server, token)} disabled={status === "checking" || !token.trim()} data-testid="connect">
            {status === "checking" ? t.checking : t.connect}
          </Button>
        ) : (
          <Button onClick={() => void signOut(false)} data-testid="sign-out">
            {t.signOut}
          </Button>
        )}
        {status === "connected" && me && (
          <Badge color="success" data-testid="reachable">
            <span>{tpl(t.connectedAs, { unit: <Data>{me.name}</Data> })}</span>
          </Badge>
        )}
        {(status === "unauthorized" || status === "unreachable" || status === "error") && (
          <Badge color="danger" data-testid="reachable">
            {status === "unauthorized" ? t.unauthorized : status === "unreachable" ? t.unreachable : t.connectFailed}
          </Badge>
        )}
      </div>
      {status === "connected" && me && (
        <Text data-testid="unit" className={s.small}>
          <b>
            <Data>{me.name}</Data>
          </b>
          {" — "}
          {rights ? tpl(t.rights, { rights }) : t.noRights}
        </Text>
      )}
      {status === "error" && (
        <MessageBar intent="error" data-testid="connect-error">
          <MessageBarBody>{errorNode(t, error)}</MessageBarBody>
        </MessageBar>
      )}
      {asking !== null && session && (
        <MessageBar intent="warning" data-testid="sign-out-ask" layout="multiline">
          <MessageBarBody>{tpl(t.signOutAsk(asking), { unit: <Data>{session.unit.name}</Data> })}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => void signOut(true)} data-testid="sign-out-yes">
              {t.signOutYes}
            </Button>
            <Button onClick={() => setAsking(null)}>{t.cancel}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {signedOut && (
        <MessageBar intent="info" data-testid="signed-out">
          <MessageBarBody>{t.signedOut}</MessageBarBody>
        </MessageBar>
      )}
      {status !== "connected" && !signedOut && <Text className={s.small}>{t.notConnected}</Text>}
    </Card>
  );
}
