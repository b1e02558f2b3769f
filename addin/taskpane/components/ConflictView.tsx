// The 409 view: a per-cell 3-way merge (before / yours / server). Cells only one side changed are merged automatically
// and listed; cells both sides changed are listed with what each choice keeps and drops. By default a value the server
// has is kept over this sheet's deletion of it.
import { useState } from "react";
import { Button, Divider, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { cellKey, defaultChoice, type Choice, type CellChange } from "../changes.js";
import type { ConflictState } from "../flows.js";
import type { Strings } from "../i18n.js";
import { rowNode } from "../errors.js";
import { Data, tpl } from "./Text.js";
import { useStyles } from "./styles.js";

export function ConflictView(props: {
  t: Strings;
  conflict: ConflictState;
  busy: boolean;
  onSend: (choices: Map<string, Choice>) => void;
  onTake: () => void;
}) {
  const { t, conflict: c, busy } = props;
  const s = useStyles();
  const [choices, setChoices] = useState<Map<string, Choice>>(() => new Map(c.merge.conflicts.map((x) => [cellKey(x.item, x.field), defaultChoice(x)])));
  const label = (item: string, field: string) => c.labels.get(cellKey(item, field));
  const value = (v: string) => (v ? <Data>{v}</Data> : <i>{t.emptyValue}</i>);
  const autoList = (list: CellChange[], testid: string) =>
    list.length > 0 && (
      <details data-testid={testid}>
        <summary className={s.small}>{testid === "auto-server" ? t.autoServer(list.length) : t.autoMine(list.length)}</summary>
        <table className={s.grid}>
          <tbody>
            {list.map((x) => {
              const l = label(x.item, x.field);
              return (
                <tr key={cellKey(x.item, x.field)}>
                  <td>{l ? rowNode(t, l.row) : null}</td>
                  <td>
                    <Data>{l?.column}</Data>
                  </td>
                  <td>{value(x.before)}</td>
                  <td>→ {value(x.after)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    );
  return (
    <div data-testid="conflict">
      <Divider />
      <Text weight="semibold">{t.conflictTitle}</Text>
      <Text className={s.small}>{t.conflictIntro(c.currentRevision)}</Text>
      {c.merge.fromServer.length === 0 && null}
      {autoList(c.merge.fromServer, "auto-server")}
      {autoList(c.merge.fromMine, "auto-mine")}
      {c.merge.conflicts.length === 0 ? (
        <Text className={s.small}>{t.noBoth}</Text>
      ) : (
        <>
          <Text className={s.small}>{t.bothChanged(c.merge.conflicts.length)}</Text>
          <table className={s.grid} data-testid="conflict-cells">
            <thead>
              <tr>
                <th>{t.colRow}</th>
                <th>{t.colColumn}</th>
                <th>{t.colBefore}</th>
                <th>{t.colMine}</th>
                <th>{t.colServer}</th>
                <th>{t.colKeep}</th>
              </tr>
            </thead>
            <tbody>
              {c.merge.conflicts.map((x) => {
                const k = cellKey(x.item, x.field);
                const l = label(x.item, x.field);
                const choice = choices.get(k) ?? defaultChoice(x);
                const keep = choice === "mine" ? x.mine : x.server;
                const drop = choice === "mine" ? x.server : x.mine;
                return (
                  <tr key={k} data-testid="conflict-cell">
                    <td>{l ? rowNode(t, l.row) : null}</td>
                    <td>
                      <Data>{l?.column}</Data>
                    </td>
                    <td>{value(x.base)}</td>
                    <td>{value(x.mine)}</td>
                    <td>{value(x.server)}</td>
                    <td>
                      <RadioGroup
                        layout="horizontal"
                        value={choice}
                        onChange={(_, d) => setChoices((m) => new Map(m).set(k, d.value as Choice))}
                      >
                        <Radio value="mine" label={t.keepMine} />
                        <Radio value="server" label={t.keepServer} />
                      </RadioGroup>
                      <Text className={s.small}>{tpl(t.keepsDrops, { keep: value(keep), drop: value(drop) })}</Text>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      <div className={s.row}>
        <Button appearance="primary" disabled={busy} onClick={() => props.onSend(choices)} data-testid="send-merged">
          {t.sendMerged}
        </Button>
        <Button disabled={busy} onClick={props.onTake} data-testid="take-server">
          {t.takeServer}
        </Button>
      </div>
    </div>
  );
}
