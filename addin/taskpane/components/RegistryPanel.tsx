// The unit registry sheet ("Danh sách đơn vị") and access tokens for the units selected on it. Load → edit in Excel →
// check (marks on bad cells, each naming its row) → preview what will be added / changed field by field / left alone →
// apply (a 409 says someone else changed it and offers to reload). Tokens: select rows → issue / re-issue / revoke,
// each after a confirm; the tokens are written once into a handout sheet.
import { useState } from "react";
import { Button, Card, MessageBar, MessageBarActions, MessageBarBody, Text } from "@fluentui/react-components";
import { selectCell } from "../../excel/select-cell.js";
import { ExcelOpError } from "../../excel/errors.js";
import type { Selection } from "../../excel/tokens-sheet.js";
import {
  applyRegistry,
  checkRegistrySheet,
  issueTokens,
  loadRegistry,
  revokeTokens,
  selectedUnits,
  type AdminDeps,
  type RegistryCheck,
  type RegistryPreview,
} from "../admin-flows.js";
import type { Strings } from "../i18n.js";
import { fieldHeader, showValue } from "../registry.js";
import { ProblemList } from "./Problems.js";
import { Data, tpl } from "./Text.js";
import { useAction } from "./useAction.js";
import { useStyles } from "./styles.js";
import { ActionMessages, type ActionNote } from "./ActionMessages.js";

const SHOWN = 30;

export function RegistryPanel(props: { t: Strings; deps: AdminDeps; excelReady: boolean }) {
  const { t, deps, excelReady } = props;
  const A = t.admin;
  const s = useStyles();
  const act = useAction(t);
  const tok = useAction(t);
  const [note, setNote] = useState<ActionNote>(null);
  const [check, setCheck] = useState<RegistryCheck | null>(null);
  const [conflict, setConflict] = useState(false);
  const [ask, setAsk] = useState<{ what: "issue" | "rotate" | "revoke"; sel: Selection } | null>(null);
  const [tokNote, setTokNote] = useState<ActionNote>(null);
  const noSheet = (e: unknown) => (e instanceof ExcelOpError && e.code === "not_linked" ? A.registryNoSheet : null);

  const load = () =>
    act.run(async () => {
      setCheck(null);
      setConflict(false);
      const r = await loadRegistry(deps);
      setNote({ intent: "success", body: tpl(A.registryLoaded(r.rows), { sheet: <Data>{r.sheetName}</Data>, version: String(r.version) }), testid: "registry-loaded" });
    });

  const doCheck = () =>
    act.run(async () => {
      setNote(null);
      setConflict(false);
      const r = await checkRegistrySheet(deps);
      setCheck(r);
      if (r.kind === "other-server") setNote({ intent: "warning", body: tpl(A.registryOtherServer, { server: <Data>{r.server}</Data> }), testid: "registry-note" });
      if (r.kind === "empty") setNote({ intent: "warning", body: A.registryEmpty, testid: "registry-note" });
    }, noSheet);

  const apply = (p: RegistryPreview) =>
    act.run(async () => {
      const r = await applyRegistry(deps, p);
      if (r.kind === "conflict") {
        setConflict(true);
        return;
      }
      if (r.kind === "invalid") {
        setCheck(r);
        return;
      }
      setCheck(null);
      setNote(
        r.kind === "applied"
          ? { intent: "success", body: tpl(A.registryApplied, { version: String(r.version), sheet: <Data>{r.sheetName}</Data> }), testid: "registry-applied" }
          : { intent: "info", body: A.registryNothing, testid: "registry-applied" },
      );
    });

  const pick = (what: "issue" | "rotate" | "revoke") =>
    tok.run(async () => {
      setTokNote(null);
      const sel = await selectedUnits(deps);
      if (sel.units.length === 0 || sel.source === "other") {
        setTokNote({ intent: "warning", body: A.tokensNoSelection, testid: "tokens-note" });
        return;
      }
      setAsk({ what, sel });
    });

  const confirm = () =>
    tok.run(async () => {
      if (!ask) return;
      const { what, sel } = ask;
      setAsk(null);
      if (what === "revoke") {
        const r = await revokeTokens(deps, sel);
        setTokNote({
          intent: "success",
          body: (
            <>
              {A.tokensRevoked(r.revoked)} {r.markedRevoked ? A.tokensMarked(r.markedRevoked) : null}
            </>
          ),
          testid: "tokens-revoked",
        });
        return;
      }
      const r = await issueTokens(deps, sel, what === "rotate");
      setTokNote({
        intent: "warning",
        body: (
          <>
            <b>{tpl(A.tokensIssued(r.issued), { sheet: <Data>{r.sheetName}</Data> })}</b> {A.tokensOnce} {r.markedRevoked ? A.tokensMarked(r.markedRevoked) : null}
          </>
        ),
        testid: "tokens-issued",
      });
    });

  const select = (sheetId: string) => (address: string) => void act.run(() => selectCell(deps.host, sheetId, address));
  const preview = check?.kind === "preview" ? check : null;
  const warnings = preview?.problems.filter((p) => p.severity === "warning") ?? [];
  const disabled = act.busy || !excelReady;
  const tokDisabled = tok.busy || !excelReady;

  return (
    <>
      <Card className={s.card} data-testid="registry-card">
        <Text weight="semibold">{A.registryTitle}</Text>
        <Text className={s.small}>{A.registryIntro}</Text>
        <div className={s.row}>
          <Button onClick={() => void load()} disabled={disabled} data-testid="registry-load">
            {A.registryLoad}
          </Button>
          <Button appearance="primary" onClick={() => void doCheck()} disabled={disabled} data-testid="registry-check">
            {A.registryCheck}
          </Button>
        </div>
        <ActionMessages error={act.error} errorTestId="registry-error" note={note} />
        {check?.kind === "invalid" && (
          <>
            <MessageBar intent="error" data-testid="registry-invalid" layout="multiline">
              <MessageBarBody>{A.registryErrors(check.errors)}</MessageBarBody>
            </MessageBar>
            <ProblemList t={t} problems={check.problems} onSelect={select(check.sheetId)} testid="registry-problems" />
          </>
        )}
        {preview && (
          <div data-testid="registry-preview">
            {preview.serverVersion !== preview.baseVersion && (
              <MessageBar intent="warning" data-testid="registry-stale" layout="multiline">
                <MessageBarBody>{tpl(A.registryStale, { version: String(preview.serverVersion) })}</MessageBarBody>
              </MessageBar>
            )}
            <Text block weight="semibold">
              {A.registryPreview}
            </Text>
            <ul className={s.list}>
              <li data-testid="preview-added">
                {A.registryAdded(preview.diff.added.length)}
                {preview.diff.added.length > 0 && ": "}
                <Data>
                  {preview.diff.added
                    .slice(0, SHOWN)
                    .map((u) => u.name)
                    .join(", ")}
                </Data>
                {preview.diff.added.length > SHOWN && ` ${A.registryMore(preview.diff.added.length - SHOWN)}`}
                {preview.generated.length > 0 && (
                  <>
                    {" "}({tpl(A.registryCodeMade, { code: <Data>{preview.generated.slice(0, 3).map((g) => g.code).join(", ")}{preview.generated.length > 3 ? ", …" : ""}</Data> })})
                  </>
                )}
              </li>
              <li data-testid="preview-changed">
                {A.registryChanged(preview.diff.changed.length)}
                {preview.diff.changed.length > 0 && ":"}
                <ul className={s.list}>
                  {preview.diff.changed.slice(0, SHOWN).map((c) => (
                    <li key={c.unit.code} data-testid="preview-change">
                      <Data>{c.unit.name}</Data>
                      {": "}
                      {c.changes.map((ch, i) => (
                        <span key={ch.field}>
                          {i > 0 && "; "}
                          {tpl(A.registryChange, {
                            field: <Data>{fieldHeader(ch.field)}</Data>,
                            before: showValue(ch.field, ch.before) ? <Data>{showValue(ch.field, ch.before)}</Data> : t.emptyValue,
                            after: showValue(ch.field, ch.after) ? <Data>{showValue(ch.field, ch.after)}</Data> : t.emptyValue,
                          })}
                        </span>
                      ))}
                    </li>
                  ))}
                  {preview.diff.changed.length > SHOWN && <li>{A.registryMore(preview.diff.changed.length - SHOWN)}</li>}
                </ul>
              </li>
              <li data-testid="preview-unchanged">{A.registryUnchanged(preview.summary.unchanged)}</li>
              {preview.summary.notInSheet > 0 && <li data-testid="preview-notinsheet">{A.registryNotInSheet(preview.summary.notInSheet)}</li>}
            </ul>
            {warnings.length > 0 && (
              <>
                <Text className={s.small}>{A.registryWarnings(warnings.length)}</Text>
                <ProblemList t={t} problems={warnings} onSelect={select(preview.sheetId)} testid="registry-warnings" max={20} />
              </>
            )}
            <div className={s.row}>
              <Button
                appearance="primary"
                onClick={() => void apply(preview)}
                disabled={disabled || preview.diff.added.length + preview.diff.changed.length === 0}
                data-testid="registry-apply"
              >
                {A.registryApply}
              </Button>
              <Button onClick={() => setCheck(null)} disabled={act.busy}>
                {t.cancel}
              </Button>
            </div>
          </div>
        )}
        {conflict && (
          <MessageBar intent="warning" data-testid="registry-conflict" layout="multiline">
            <MessageBarBody>{A.registryConflict}</MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => void load()} disabled={act.busy} data-testid="registry-reload">
                {A.registryReload}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
      </Card>
      <Card className={s.card} data-testid="tokens-card">
        <Text weight="semibold">{A.tokensTitle}</Text>
        <Text className={s.small}>{A.tokensHint}</Text>
        <div className={s.row}>
          <Button appearance="primary" onClick={() => void pick("issue")} disabled={tokDisabled} data-testid="tokens-issue">
            {A.tokensIssue}
          </Button>
          <Button onClick={() => void pick("rotate")} disabled={tokDisabled} data-testid="tokens-rotate">
            {A.tokensRotate}
          </Button>
          <Button onClick={() => void pick("revoke")} disabled={tokDisabled} data-testid="tokens-revoke">
            {A.tokensRevoke}
          </Button>
        </div>
        {ask && (
          <MessageBar intent="warning" data-testid="tokens-ask" layout="multiline">
            <MessageBarBody>
              {ask.what === "issue"
                ? A.tokensAskIssue(ask.sel.units.length)
                : ask.what === "rotate"
                  ? A.tokensAskRotate(ask.sel.units.length)
                  : ask.sel.source === "tokens"
                    ? A.tokensAskRevokeRows(ask.sel.units.length)
                    : A.tokensAskRevoke(ask.sel.units.length)}{" "}
              <Data>
                {ask.sel.units
                  .slice(0, SHOWN)
                  .map((u) => u.name || u.code)
                  .join(", ")}
              </Data>
              {ask.sel.units.length > SHOWN && ` ${A.registryMore(ask.sel.units.length - SHOWN)}`}
            </MessageBarBody>
            <MessageBarActions>
              <Button appearance="primary" onClick={() => void confirm()} disabled={tok.busy} data-testid="tokens-confirm">
                {A.tokensConfirm}
              </Button>
              <Button onClick={() => setAsk(null)} disabled={tok.busy}>
                {t.cancel}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <ActionMessages error={tok.error} errorTestId="tokens-error" note={tokNote} />
      </Card>
    </>
  );
}
