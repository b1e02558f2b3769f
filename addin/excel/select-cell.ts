// Activates a sheet and selects a cell (clicking a problem in the pane). 1 round trip.
import type { ExcelHost } from "./host.js";

export async function selectCell(host: ExcelHost, sheetId: string, address: string): Promise<void> {
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetId);
    sheet.activate();
    sheet.getRange(address).select();
    await context.sync(); // 1
  });
}
