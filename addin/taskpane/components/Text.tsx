// Small text helpers: data (names, values, sheet names — Vietnamese whatever the pane's language) is marked lang="vi",
// and templates from the i18n table get their "{name}" placeholders filled with nodes.
import { Fragment, type ReactNode } from "react";

export function Data({ children }: { children: ReactNode }) {
  return (
    <span lang="vi" data-data="">
      {children}
    </span>
  );
}

/** "Đã mở trang {sheet}." + {sheet: <Data>…</Data>} → nodes. */
export function tpl(template: string, params: Record<string, ReactNode>): ReactNode {
  const parts = template.split(/(\{\w+\})/);
  return (
    <>
      {parts.map((p, i) => {
        const m = /^\{(\w+)\}$/.exec(p);
        return <Fragment key={i}>{m && m[1]! in params ? params[m[1]!] : p}</Fragment>;
      })}
    </>
  );
}
