// The one place the worker imports the shared domain modules, so their seams are easy to see and swap in tests.
export { catalog, findIndicator } from "../../shared/catalog/index.js";
export { forms, getForm, periodLabel } from "../../shared/forms/index.js";
export { parseValue, formatValue, toNumber, isBlankRaw } from "../../shared/values/index.js";
export { assess } from "../../shared/assess/index.js";
export { validateCells } from "../../shared/validate/index.js";
