// Derived facts about a form definition that the write and merge paths need.
import type { FormDef } from "../../shared/forms/types.js";
import { getForm } from "./domain.js";
import { ApiError } from "./errors.js";

export interface FormInfo {
  form: FormDef;
  inputFields: Set<string>;
  /** For forms with fixed rows (indicators, task progress): the row items; null for task lists (any row id). */
  items: Set<string> | null;
  /** item → catalog indicator key (indicator forms). */
  indicatorOf: Map<string, string>;
  /** Fields parsed with shared/values (kind indicatorValue). */
  valueFields: Set<string>;
}

const cache = new Map<string, FormInfo>();

export function formInfo(id: string): FormInfo {
  const hit = cache.get(id);
  if (hit) return hit;
  const form = getForm(id);
  if (!form) throw new ApiError(404, "unknown_form", `Không có biểu mẫu "${id}".`);
  const indicatorOf = new Map<string, string>();
  for (const r of form.rows) if (r.type === "indicator") indicatorOf.set(r.item, r.indicatorKey);
  const info: FormInfo = {
    form,
    inputFields: new Set(form.columns.filter((c) => c.role === "input").map((c) => c.id)),
    items: fixedItems(form),
    indicatorOf,
    valueFields: new Set(form.columns.filter((c) => c.role === "input" && c.kind === "indicatorValue").map((c) => c.id)),
  };
  cache.set(id, info);
  return info;
}

function fixedItems(form: FormDef): Set<string> | null {
  switch (form.kind) {
    case "indicators":
    case "progress":
      return new Set(form.rows.flatMap((r) => (r.type === "indicator" || r.type === "task" ? [r.item] : [])));
    case "tasks":
      return null;
  }
}
