// The Sở KH&CN's review of the unit's latest submission, on the unit's side: returned (with the comment and the notes
// by row name and column — the same notes sit on the cells), approved, or waiting. A click on a note selects its cell.
import { Badge, Button, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { formatVnDateTime } from "../../../shared/time.js";
import type { ReviewView } from "../flows.js";
import type { Strings } from "../i18n.js";
import { rowNode } from "../errors.js";
import { Data, tpl } from "./Text.js";
import { useStyles } from "./styles.js";

export function ReviewBox(props: { t: Strings; review: ReviewView; busy: boolean; onRefresh: () => void; onSelect: (address: string) => void }) {
  const { t, review } = props;
  const A = t.admin;
  const s = useStyles();
  const time = <Data>{formatVnDateTime(review.at)}</Data>;
  const head =
    review.status === "returned"
      ? tpl(A.myReviewReturned(review.revision), { time })
      : review.status === "accepted"
        ? tpl(A.myReviewAccepted(review.revision), { time })
        : A.myReviewSubmitted(review.revision);
  return (
    <MessageBar intent={review.status === "returned" ? "warning" : review.status === "accepted" ? "success" : "info"} layout="multiline" data-testid="my-review">
      <MessageBarBody>
        <Text block weight="semibold" data-testid="my-review-status">
          {head}
        </Text>
        {review.comment && (
          <Text block data-testid="my-review-comment">
            {tpl(A.myReviewComment, { comment: <Data>{review.comment}</Data> })}
          </Text>
        )}
        {review.notes.length > 0 && (
          <>
            <Text block>{A.myReviewNotes(review.notes.length)}</Text>
            {!review.asNotes && <Text block className={s.small}>{A.myReviewFills}</Text>}
            {review.notes.map((n, i) => (
              <button key={i} className={s.issue} onClick={() => n.address && props.onSelect(n.address)} data-testid="my-review-note">
                <Badge color="warning" size="small">
                  {n.address ?? "?"}
                </Badge>{" "}
                {tpl(A.myReviewNote, { where: tpl(t.issueWhere, { row: rowNode(t, n.row), column: <Data>{n.column}</Data> }), note: <Data>{n.note}</Data> })}
              </button>
            ))}
          </>
        )}
        <Button size="small" onClick={props.onRefresh} disabled={props.busy} data-testid="my-review-refresh">
          {A.myReviewRefresh}
        </Button>
      </MessageBarBody>
    </MessageBar>
  );
}
