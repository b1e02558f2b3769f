// A stand-in for Office's CustomFunctions namespace: the associate registry Excel calls through, the Error
// class custom functions throw or return, and `invoke`, which calls a registered function the way Excel's
// runtime does (sync value, promise, thrown error or returned error all become one answer).
// Used by the browser fake (browser-entry.ts) and by bench/functions.ts.

export type CustomFunction = (...args: unknown[]) => unknown;

export class FakeCustomFunctionsError extends Error {
  constructor(
    public code: string,
    message?: string,
  ) {
    super(message);
  }
}

export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** What a cell shows: a value, or an error code with its message. */
export type CellAnswer = { value: unknown } | { error: string; message: string };

export interface FakeCustomFunctions {
  associate(id: string | Record<string, CustomFunction>, fn?: CustomFunction): void;
  Error: typeof FakeCustomFunctionsError;
  ErrorCode: typeof ERROR_CODES;
  /** The registry (id → function), as Excel keeps it. */
  registry: Map<string, CustomFunction>;
  /** Calls a registered function as Excel does; undefined id → #NAME?. */
  invoke(id: string, args: unknown[]): CellAnswer | Promise<CellAnswer>;
}

function toAnswer(v: unknown): CellAnswer {
  if (v instanceof FakeCustomFunctionsError) return { error: v.code, message: v.message };
  if (v instanceof Error) return { error: "#VALUE!", message: v.message };
  return { value: v };
}

/** `onAssociate` is told about every id associated (the start-up bench times registration with it). */
export function createCustomFunctions(onAssociate?: (id: string, fn: CustomFunction) => void): FakeCustomFunctions {
  const registry = new Map<string, CustomFunction>();
  const add = (id: string, fn: CustomFunction) => {
    registry.set(id, fn);
    onAssociate?.(id, fn);
  };
  return {
    associate(id, fn) {
      if (typeof id === "string" && fn) add(id, fn);
      else if (typeof id === "object") for (const [k, v] of Object.entries(id)) add(k, v);
    },
    Error: FakeCustomFunctionsError,
    ErrorCode: ERROR_CODES,
    registry,
    invoke(id, args) {
      const fn = registry.get(id);
      if (!fn) return { error: "#NAME?", message: `${id} is not registered` };
      let r: unknown;
      try {
        r = fn(...args);
      } catch (e) {
        return toAnswer(e instanceof Error ? e : new Error(String(e)));
      }
      if (r && typeof (r as Promise<unknown>).then === "function") return (r as Promise<unknown>).then(toAnswer, (e: unknown) => toAnswer(e));
      return toAnswer(r);
    },
  };
}
