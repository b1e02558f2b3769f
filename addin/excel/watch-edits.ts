// Watches edits in any sheet (worksheets.onChanged, ExcelApi 1.9) and reports the ones made by the user,
// ignoring the add-in's own writes (triggerSource "ThisLocalAddin", ExcelApi 1.14; older hosts: a short
// window after each of our writes). Registering is 1 round trip; the handler itself makes none.
import type { ExcelHost } from "./host.js";
import { recentlyWrote } from "./meta.js";

export interface EditEvent {
  sheetId: string;
  address: string;
}

export interface EditWatch {
  stop(): Promise<void>;
}

export async function watchEdits(host: ExcelHost, onEdit: (e: EditEvent) => void): Promise<EditWatch> {
  return host.run(async (context) => {
    const result = context.workbook.worksheets.onChanged.add(async (args: Excel.WorksheetChangedEventArgs) => {
      const trigger = (args as { triggerSource?: string }).triggerSource;
      if (trigger === "ThisLocalAddin") return;
      if (trigger === undefined && recentlyWrote()) return;
      onEdit({ sheetId: args.worksheetId, address: args.address });
    });
    await context.sync(); // 1
    return {
      stop: async () => {
        await host.runWith(result.context, async (c) => {
          result.remove();
          await c.sync();
        });
      },
    };
  });
}
