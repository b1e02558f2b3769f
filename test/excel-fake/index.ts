// The in-memory Excel fake: an ExcelHost whose batches run against FakeDoc through Office.js-like proxies.
// Usable in Node unit tests (createFakeHost) and in the browser (browser-entry.ts installs window.Office/Excel).
import type { ExcelHost } from "../../addin/excel/host.js";
import { FakeDoc } from "./doc.js";
import { FakeContext } from "./proxies.js";

export { FakeDoc, OfficeLikeError, displayText, coerceInput } from "./doc.js";
export { FakeContext } from "./proxies.js";

/** Excel.run semantics: a new context per batch; pending commands are flushed by a final implicit sync. */
export async function fakeRun<T>(doc: FakeDoc, fn: (ctx: Excel.RequestContext) => Promise<T>, ctx?: FakeContext): Promise<T> {
  const context = ctx ?? new FakeContext(doc);
  const result = await fn(context as unknown as Excel.RequestContext);
  if (context.pendingCount > 0) await context.sync();
  return result;
}

export interface FakeHost extends ExcelHost {
  doc: FakeDoc;
  /** Sets which requirement sets report as supported (default: all). */
  unsupported: Set<string>;
}

export function createFakeHost(doc: FakeDoc = new FakeDoc()): FakeHost {
  const unsupported = new Set<string>();
  return {
    doc,
    unsupported,
    run: (fn) => fakeRun(doc, fn),
    runWith: (ctx, fn) => fakeRun(doc, fn, ctx as unknown as FakeContext),
    displayLanguage: () => doc.displayLanguage,
    isSetSupported: (name, version) => !unsupported.has(`${name} ${version}`) && !unsupported.has(name),
  };
}

/** Counts the syncs a piece of work makes. */
export async function countSyncs<T>(doc: FakeDoc, work: () => Promise<T>): Promise<{ result: T; syncs: number }> {
  const before = doc.syncCount;
  const result = await work();
  return { result, syncs: doc.syncCount - before };
}
