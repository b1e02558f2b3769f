// The Sở KH&CN's screens, for accounts with the admin right: the unit registry and access tokens, reporting periods,
// the review of submissions, and doubtful targets — one tab at a time, over the same session as the rest of the pane.
import { useState } from "react";
import { Tab, TabList } from "@fluentui/react-components";
import type { AdminDeps } from "../admin-flows.js";
import type { Strings } from "../i18n.js";
import { DoubtsPanel } from "./DoubtsPanel.js";
import { PeriodsPanel } from "./PeriodsPanel.js";
import { RegistryPanel } from "./RegistryPanel.js";
import { ReviewPanel } from "./ReviewPanel.js";

type TabId = "registry" | "periods" | "reviews" | "doubts";

export function AdminArea(props: { t: Strings; deps: AdminDeps; excelReady: boolean }) {
  const { t } = props;
  const [tab, setTab] = useState<TabId>("registry");
  return (
    <div data-testid="admin">
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="small" data-testid="admin-tabs">
        {(["registry", "periods", "reviews", "doubts"] as const).map((id) => (
          <Tab key={id} value={id} data-testid={`tab-${id}`}>
            {t.admin.tabs[id]}
          </Tab>
        ))}
      </TabList>
      {/* Panels stay mounted (hidden) so a preview or an opened review survives switching tabs. */}
      <div hidden={tab !== "registry"}>
        <RegistryPanel {...props} />
      </div>
      <div hidden={tab !== "periods"}>{tab === "periods" && <PeriodsPanel t={t} deps={props.deps} />}</div>
      <div hidden={tab !== "reviews"}>
        <ReviewPanel {...props} />
      </div>
      <div hidden={tab !== "doubts"}>
        <DoubtsPanel {...props} />
      </div>
    </div>
  );
}
