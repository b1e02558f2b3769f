// What an action said, under its buttons: its failure (from useAction) and the note it left on success.
import type { ReactNode } from "react";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";

/** A message an action leaves in the pane; `testid` names it for the e2e tests. */
export type ActionNote = { intent: "success" | "warning" | "info" | "error"; body: ReactNode; testid: string } | null;

export function ActionMessages(props: { error: ReactNode; errorTestId: string; note: ActionNote }) {
  const { error, errorTestId, note } = props;
  return (
    <>
      {error && (
        <MessageBar intent="error" data-testid={errorTestId} layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {note && (
        <MessageBar intent={note.intent} data-testid={note.testid} layout="multiline">
          <MessageBarBody>{note.body}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
