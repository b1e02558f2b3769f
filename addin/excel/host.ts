// The only door to Office.js. Operations in addin/excel/* take an ExcelHost; the task pane gets one from
// officeHost() (real Excel) or from the in-memory fake (tests, e2e). Components never call Excel.run.

export interface ExcelHost {
  /** Runs a batch against the workbook (Excel.run). */
  run<T>(fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Runs a batch on an existing context (needed to remove event handlers). */
  runWith<T>(ctx: OfficeExtension.ClientRequestContext, fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** UI language, e.g. "vi-VN" or "en-US". */
  displayLanguage(): string;
  isSetSupported(name: string, version: string): boolean;
}

/** The real host: Office.js loaded from the CDN. */
export function officeHost(): ExcelHost {
  return {
    run: (fn) => Excel.run(fn),
    runWith: (ctx, fn) => Excel.run(ctx, fn),
    displayLanguage: () => globalThis.Office?.context?.displayLanguage ?? "vi-VN",
    isSetSupported: (name, version) => globalThis.Office?.context?.requirements?.isSetSupported(name, version) ?? false,
  };
}

/** True when Office.js is present and running inside Excel. */
export function insideExcel(): boolean {
  return typeof globalThis.Excel !== "undefined" && typeof globalThis.Office !== "undefined";
}
