// The agency names the catalogs use: what a registry row may name in "Cơ quan theo danh mục".
import { catalog } from "../../shared/catalog/index.js";
import { taskAgencies } from "../../shared/tasks/index.js";

let cached: string[] | null = null;

/** Every distinct agency name of the indicator catalog and of the task appendices (groups included), sorted in Vietnamese. */
export function knownAgencyNames(): string[] {
  if (cached) return cached;
  const names = new Set<string>();
  for (const ind of catalog.indicators) for (const a of ind.agencies) if (a.trim()) names.add(a.trim());
  for (const a of taskAgencies) names.add(a.name);
  cached = [...names].sort((a, b) => a.localeCompare(b, "vi"));
  return cached;
}
