// Failures of the Excel layer, as codes the task pane turns into a sentence in the user's language. Office's own
// errors (OfficeExtension.Error, "RichApi.Error") carry a `code` too ("InvalidOperationInCellEditMode", "AccessDenied"…).

export type ExcelOpCode =
  /** The sheet is not linked to a form (no entry in the workbook's sheet index). */
  | "not_linked"
  /** The sheet that was worked on no longer exists (deleted or the workbook was closed). */
  | "sheet_missing"
  /** This Excel does not have the API the operation needs (requirement set). */
  | "unsupported";

export class ExcelOpError extends Error {
  constructor(
    readonly code: ExcelOpCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "ExcelOpError";
  }
}

/** The code of an Office.js error (OfficeExtension.Error or the fake's), or null for anything else. */
export function officeErrorCode(e: unknown): string | null {
  if (e instanceof ExcelOpError) return null;
  if (e && typeof e === "object" && "code" in e && typeof (e as { code: unknown }).code === "string") {
    const name = (e as { name?: unknown }).name;
    if (name === "RichApi.Error" || name === "OfficeExtension.Error" || "debugInfo" in e) return (e as { code: string }).code;
  }
  return null;
}
