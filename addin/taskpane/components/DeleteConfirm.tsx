// Before a push that deletes values the server has (cells the clerk cleared): what goes, and an explicit confirm.
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import { cellKey } from "../changes.js";
import type { LabelledChange } from "../flows.js";
import type { Strings } from "../i18n.js";
import { rowNode } from "../errors.js";
import { Data } from "./Text.js";
import { useStyles } from "./styles.js";

export function DeleteConfirm(props: { t: Strings; deletions: LabelledChange[]; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t, deletions } = props;
  const s = useStyles();
  return (
    <div data-testid="confirm-delete">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle data-testid="confirm-delete-title">{t.deleteTitle(deletions.length)}</MessageBarTitle>
          <Text>{t.deleteIntro}</Text>
        </MessageBarBody>
      </MessageBar>
      <table className={s.grid}>
        <thead>
          <tr>
            <th>{t.colRow}</th>
            <th>{t.colColumn}</th>
            <th>{t.colOld}</th>
          </tr>
        </thead>
        <tbody>
          {deletions.map((d) => (
            <tr key={cellKey(d.item, d.field)} data-testid="delete-row">
              <td>{rowNode(t, d.row)}</td>
              <td>
                <Data>{d.column}</Data>
              </td>
              <td>
                <Data>{d.before}</Data>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={s.row}>
        <Button appearance="primary" onClick={props.onConfirm} disabled={props.busy} data-testid="confirm-delete-yes">
          {t.deleteConfirm}
        </Button>
        <Button onClick={props.onCancel} disabled={props.busy} data-testid="confirm-delete-no">
          {t.cancel}
        </Button>
      </div>
    </div>
  );
}
