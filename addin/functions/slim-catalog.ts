/**
 * The catalog as the custom functions carry it in their first bundle: everything the CT.* functions compute with
 * (keys, STT, names, units, printed targets and their parsed values, direction, flags, missing rows, and any field
 * added to the catalog later), without the long texts only people read: the explanation of each doubt (only its
 * field is kept, so CT.TARGETTEXT knows a cell is doubtful and fetches the words on demand), the names as printed
 * before OCR fixes, the fixes, the source line numbers, the reconciliation notes and the cross-check.
 *
 * `slimCatalog()` drops those fields and keeps every other one, so a field the catalog gains flows through to the
 * functions without touching this file. The build (vite.config.ts) runs it on shared/catalog/catalog.json and
 * inlines the result; tests and Node run the same function at start-up (addin/functions/bundled-catalog.ts).
 */
import type { Catalog, Doubt, Indicator } from "../../shared/catalog/types.js";

/** A doubt as the functions see it: the reason is absent in the slim catalog, present in a full one. */
export type FnDoubt = Pick<Doubt, "field"> & { reason?: string };

export type FnIndicator = Omit<Indicator, "namePrinted" | "ocrFixes" | "source" | "doubts"> & { doubts: FnDoubt[] };

/** What the CT.* functions need; a full Catalog (bundled, saved or from the server) is one too. */
export type FnCatalog = Omit<Catalog, "indicators" | "title" | "reconciliation" | "crossCheck"> & { indicators: FnIndicator[] };

/** Indicator fields that only people read (dropped). */
const READ_ONLY_INDICATOR_FIELDS = ["namePrinted", "ocrFixes", "source"] as const;
/** Catalog fields that only people read (dropped). */
const READ_ONLY_CATALOG_FIELDS = ["title", "reconciliation", "crossCheck"] as const;

export function slimCatalog(full: Catalog): FnCatalog {
  const rest: Record<string, unknown> = { ...full };
  for (const f of READ_ONLY_CATALOG_FIELDS) delete rest[f];
  const indicators = full.indicators.map((ind) => {
    const copy: Record<string, unknown> = { ...ind, doubts: ind.doubts.map((d) => ({ field: d.field })) };
    for (const f of READ_ONLY_INDICATOR_FIELDS) delete copy[f];
    return copy as unknown as FnIndicator;
  });
  return { ...(rest as Omit<FnCatalog, "indicators">), indicators };
}

const texts = new WeakMap<FnCatalog, boolean>();
/** True when the catalog carries the words of its doubts (a full catalog), false for the slim one. */
export function hasDoubtTexts(catalog: FnCatalog): boolean {
  let v = texts.get(catalog);
  if (v === undefined) {
    v = catalog.indicators.every((i) => i.doubts.every((d) => typeof d.reason === "string"));
    texts.set(catalog, v);
  }
  return v;
}
