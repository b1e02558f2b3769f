// Where a pull writes: one sheet per kind (province table, submission progress) × form × period, rewritten by the next
// pull of the same form and period instead of adding "(2)", "(3)"… The new content goes into a fresh sheet (so no
// merge, chart, freeze or format of the old one survives); the old sheet is then deleted and the new one takes its name
// and position, all in the same batch. A sheet is ours when the pulled-sheet registry (workbook setting
// ChiTieu.pulled.v1, keyed by sheet name) lists it, or when the older by-id sheet index marks it as pulled; a sheet that
// merely has the same name is never overwritten. Formulas elsewhere that point into a pulled sheet become #REF! when
// it is rewritten (it is a generated report: copy it to keep its figures).
import { uniqueSheetName } from "./layout.js";
import {
  queueMetaLoad,
  queueMetaSave,
  queuePulledLoad,
  queuePulledSave,
  readMetaIndex,
  readPulledIndex,
  type MetaIndex,
  type PulledIndex,
  type PulledRecord,
} from "./meta.js";

export interface Slot {
  kind: PulledRecord["kind"];
  form: string;
  period: string;
  /** The standard name ("TH Phụ lục 1 Năm 2026"). */
  name: string;
}

export interface PlacementLoad {
  sheets: Excel.WorksheetCollection;
  meta: Excel.Setting;
  pulled: Excel.Setting;
}

/** Sync 1 of a pull: sheet names, ids, positions and both indexes. */
export function queuePlacementLoad(context: Excel.RequestContext): PlacementLoad {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id,items/position");
  return { sheets, meta: queueMetaLoad(context), pulled: queuePulledLoad(context) };
}

interface Existing {
  id: string;
  name: string;
  position: number;
}

function findOurs(slot: Slot, items: Existing[], pulled: PulledIndex, index: MetaIndex): Existing | null {
  for (const [name, rec] of Object.entries(pulled))
    if (rec.kind === slot.kind && rec.form === slot.form && rec.period === slot.period) {
      const it = items.find((i) => i.name === name);
      if (it) return it;
    }
  for (const it of items) {
    const m = index[it.id];
    if (m && m.kind === slot.kind && m.form === slot.form && m.period === slot.period) return it;
  }
  return null;
}

export interface Placement {
  slot: Slot;
  /** The fresh sheet to fill (under a temporary name until `commit`). */
  sheet: Excel.Worksheet;
  /** The name it will have. */
  name: string;
  /** True when an earlier pull's sheet is replaced. */
  replaces: boolean;
}

/**
 * Plans and queues the fresh sheets (after sync 1). Fill them, then call `commit()` before sync 2: it deletes the sheets
 * they replace, gives the new ones their names and positions, and saves the registry.
 */
export function placeSheets(context: Excel.RequestContext, load: PlacementLoad, slots: Slot[]): { placements: Placement[]; commit: () => void } {
  const items: Existing[] = load.sheets.items.map((s) => ({ id: s.id, name: s.name, position: s.position }));
  const index = readMetaIndex(load.meta);
  const pulled = readPulledIndex(load.pulled);
  const taken = items.map((i) => i.name);
  const olds: (Existing | null)[] = [];
  const placements: Placement[] = slots.map((slot) => {
    const old = findOurs(slot, items, pulled, index);
    olds.push(old);
    const others = taken.filter((n) => n !== old?.name);
    const name = uniqueSheetName(slot.name, others);
    const temp = uniqueSheetName("Chỉ tiêu - đang ghi", taken);
    taken.push(temp, name);
    return { slot, sheet: load.sheets.add(temp), name, replaces: !!old };
  });
  const commit = () => {
    let legacy = false;
    placements.forEach((p, i) => {
      const old = olds[i];
      if (old) {
        context.workbook.worksheets.getItem(old.id).delete();
        if (index[old.id]) {
          delete index[old.id];
          legacy = true;
        }
      }
      p.sheet.name = p.name;
      if (old) p.sheet.position = old.position;
    });
    const names = new Set([...items.map((i) => i.name), ...placements.map((p) => p.name)]);
    const next: PulledIndex = {};
    for (const [name, rec] of Object.entries(pulled)) {
      if (!names.has(name)) continue;
      if (slots.some((s) => s.kind === rec.kind && s.form === rec.form && s.period === rec.period)) continue;
      next[name] = rec;
    }
    const at = new Date().toISOString();
    for (const p of placements) next[p.name] = { kind: p.slot.kind, form: p.slot.form, period: p.slot.period, at };
    queuePulledSave(context, next);
    if (legacy) queueMetaSave(context, index);
  };
  return { placements, commit };
}
