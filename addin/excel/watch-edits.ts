// Watches edits in any sheet (worksheets.onChanged, ExcelApi 1.9) and reports the ones made by the user,
// ignoring the add-in's own writes (triggerSource "ThisLocalAddin", ExcelApi 1.14; older hosts: a short
// window after each of our writes). Registering is 1 round trip; the handler itself makes none.
// On a host without ExcelApi 1.9 nothing is registered and `active` is false: the pane tells the clerk to press
// "Kiểm tra" instead. Errors in the handler go to `onError` (never lost).
import type { ExcelHost } from "./host.js";
import { recentlyWrote } from "./meta.js";
import { supports } from "./requirements.js";

export interface EditEvent {
  sheetId: string;
  address: string;
}

export interface EditWatch {
  /** False when this Excel cannot report edits (no ExcelApi 1.9). */
  active: boolean;
  stop(): Promise<void>;
}

export async function watchEdits(host: ExcelHost, onEdit: (e: EditEvent) => void, onError: (e: unknown) => void = () => {}): Promise<EditWatch> {
  if (!supports(host, "watch")) return { active: false, stop: async () => {} };
  return host.run(async (context) => {
    const result = context.workbook.worksheets.onChanged.add(async (args: Excel.WorksheetChangedEventArgs) => {
      try {
        const trigger = (args as { triggerSource?: string }).triggerSource;
        if (trigger === "ThisLocalAddin") return;
        if (trigger === undefined && recentlyWrote()) return;
        onEdit({ sheetId: args.worksheetId, address: args.address });
      } catch (e) {
        onError(e);
      }
    });
    await context.sync(); // 1
    return {
      active: true,
      stop: async () => {
        await host.runWith(result.context, async (c) => {
          result.remove();
          await c.sync();
        });
      },
    };
  });
}
