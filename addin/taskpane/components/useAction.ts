// Runs one pane action at a time: busy while it runs, its failure as a sentence in the pane's language.
import { useCallback, useState, type ReactNode } from "react";
import { errorNode, type ErrorContext } from "../errors.js";
import type { Strings } from "../i18n.js";

export function useAction(t: Strings, ctx: ErrorContext = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReactNode>(null);
  const period = ctx.period;
  const form = ctx.form;
  const run = useCallback(
    async (fn: () => Promise<void>, onError?: (e: unknown) => ReactNode | null) => {
      setBusy(true);
      setError(null);
      try {
        await fn();
      } catch (e) {
        setError(onError?.(e) ?? errorNode(t, e, { ...(period ? { period } : {}), ...(form ? { form } : {}) }));
      } finally {
        setBusy(false);
      }
    },
    [t, period, form],
  );
  return { busy, error, setError, run };
}
