// Which reporting unit's figure is the province figure of a Phụ lục I indicator (docs/WORKER.md, "Lead agency").
//
// A unit leads an indicator when one of the catalog agency names it answers for (table unit_agencies, never a slug of its
// name) is among the indicator's lead agencies ("Cơ quan chủ trì"). The rules:
//  L1. The province figure is the value of the lead agency; with several lead agencies, of the FIRST agency in the
//      catalog's order that reported a value (actual or projection; a note alone is not a figure). Two units answering
//      for the same agency: the smaller unit code.
//  L2. An indicator led by a group ("Các sở, ngành, địa phương", "các địa phương", "Cấp ủy, chính quyền các cấp"):
//      when no named lead agency reported, a single reporting department stands for the group and gives the figure; when
//      several did, none is chosen (their values are all in the notes) — the Sở KH&CN settles the province figure.
//  L3. A department that does not lead the indicator never gives the province figure; its values are in the notes as
//      "Sở Y tế (không chủ trì) báo cáo: …".
import { foldAgencyName, isConcreteAgency } from "../../shared/catalog/index.js";
import type { Indicator } from "../../shared/catalog/types.js";

export type LeadRole = "lead" | "co_lead" | "group" | "not_lead";


// Folding names is the costly part of a merge's lead choice (79 indicators × every reporting unit), so each agency list
// and each indicator is folded once: the lists come from one unit_agencies read per merge and the catalog is static.
const foldedUnits = new WeakMap<readonly string[], ReadonlySet<string>>();
const foldedLeads = new WeakMap<Indicator, readonly { folded: string; concrete: boolean }[]>();

function unitSet(agencies: readonly string[]): ReadonlySet<string> {
  let set = foldedUnits.get(agencies);
  if (!set) foldedUnits.set(agencies, (set = new Set(agencies.map(foldAgencyName))));
  return set;
}

function leadsOf(ind: Indicator) {
  let list = foldedLeads.get(ind);
  if (!list) foldedLeads.set(ind, (list = ind.agencies.map((a) => ({ folded: foldAgencyName(a), concrete: isConcreteAgency(a) }))));
  return list;
}

/** How a unit stands to an indicator: its rank among the catalog's lead agencies (0 = first), or a group member, or none. */
export function leadRank(ind: Indicator, agencies: readonly string[] | undefined): number | "group" | null {
  const mine = agencies ? unitSet(agencies) : new Set<string>();
  const leads = leadsOf(ind);
  let group = leads.length === 0;
  for (let i = 0; i < leads.length; i++) {
    const a = leads[i]!;
    if (!a.concrete) group = true;
    else if (mine.has(a.folded)) return i;
  }
  return group ? "group" : null;
}

export interface Reporter {
  unit: string;
  /** The catalog agency names the unit answers for. */
  agencies: readonly string[] | undefined;
  /** Has an actual or a projection for the indicator. */
  hasValue: boolean;
}

export interface LeadChoice {
  /** The unit whose figure is the province figure; null when none can be (L2 with several, or no lead reported). */
  lead: string | null;
  role: Map<string, LeadRole>;
  /** Why there is no province figure, when there is none but someone reported (Vietnamese). */
  why: string | null;
}

/** Picks the province figure's unit among those that reported an indicator (L1–L3 above). */
export function chooseLead(ind: Indicator, reporters: readonly Reporter[]): LeadChoice {
  const role = new Map<string, LeadRole>();
  let best: { unit: string; rank: number } | null = null;
  const groupMembers: string[] = [];
  for (const r of reporters) {
    const rank = leadRank(ind, r.agencies);
    if (rank === null) {
      role.set(r.unit, "not_lead");
    } else if (rank === "group") {
      role.set(r.unit, "group");
      if (r.hasValue) groupMembers.push(r.unit);
    } else {
      role.set(r.unit, "co_lead");
      if (r.hasValue && (!best || rank < best.rank || (rank === best.rank && r.unit < best.unit))) best = { unit: r.unit, rank };
    }
  }
  let lead: string | null = best?.unit ?? null;
  let why: string | null = null;
  if (!lead && groupMembers.length === 1) lead = groupMembers[0]!;
  if (lead) role.set(lead, "lead");
  else if (groupMembers.length > 1) {
    why = `Chỉ tiêu do «${ind.agencies.join("; ")}» cùng thực hiện, ${groupMembers.length} cơ quan cùng báo cáo: Sở KH&CN tổng hợp số liệu toàn tỉnh`;
  } else if (reporters.some((r) => r.hasValue)) {
    why = `Cơ quan chủ trì (${ind.agencies.join("; ")}) chưa báo cáo; số liệu của cơ quan khác chỉ để đối chiếu`;
  }
  return { lead, role, why };
}

export const ROLE_TEXT: Record<LeadRole, string> = {
  lead: "chủ trì",
  co_lead: "cùng chủ trì",
  group: "cùng báo cáo",
  not_lead: "không chủ trì",
};
