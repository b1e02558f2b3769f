// Shared styles of the pane's cards (Fluent UI v9 makeStyles + tokens).
import { makeStyles, tokens } from "@fluentui/react-components";

export const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", padding: "12px", fontFamily: tokens.fontFamilyBase },
  card: { display: "flex", flexDirection: "column", gap: "8px", padding: "12px" },
  row: { display: "flex", gap: "8px", alignItems: "end", flexWrap: "wrap" },
  grow: { flexGrow: 1, minWidth: "140px" },
  issue: {
    textAlign: "left",
    cursor: "pointer",
    border: "none",
    background: "transparent",
    padding: "4px 0",
    width: "100%",
    font: "inherit",
  },
  grid: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, "& td, & th": { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 4px", textAlign: "left", verticalAlign: "top" } },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: "18px", fontSize: tokens.fontSizeBase200 },
  chips: { display: "flex", gap: "4px", flexWrap: "wrap" },
});
