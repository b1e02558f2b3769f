// The opened reporting periods of a form, from the server (GET /api/periods?form=), with the default one selected.
import { useEffect, useState } from "react";
import type { PeriodInfo } from "../../../shared/schemas/index.js";
import type { Session } from "../flows.js";

export function usePeriods(session: Session | null, form: string) {
  const [periods, setPeriods] = useState<PeriodInfo[]>([]);
  const [period, setPeriod] = useState<string>("");
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!session) {
      setPeriods([]);
      setPeriod("");
      return;
    }
    let alive = true;
    setLoading(true);
    setError(null);
    session.api
      .periods(form)
      .then((r) => {
        if (!alive) return;
        setPeriods(r.periods);
        setPeriod((cur) => (r.periods.some((p) => p.id === cur) ? cur : (r.current ?? r.periods[0]?.id ?? "")));
      })
      .catch((e: unknown) => alive && setError(e))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [session, form]);
  return { periods, period, setPeriod, error, loading, info: periods.find((p) => p.id === period) ?? null };
}

/** A period as the pane shows it: the server's label in Vietnamese; in English built from the id (ad-hoc titles stay). */
export function periodText(lang: "vi" | "en", p: Pick<PeriodInfo, "id" | "label" | "kind" | "year">): string {
  if (lang === "vi") return p.label;
  const m = /-(?:T(\d\d)|Q(\d)|6T|N)$/.exec(p.id);
  switch (p.kind) {
    case "year":
      return `Year ${p.year}`;
    case "half":
      return `First half of ${p.year}`;
    case "quarter":
      return `Q${m?.[2] ?? ""} ${p.year}`;
    case "month":
      return `${new Date(Date.UTC(p.year, Number(m?.[1] ?? 1) - 1, 1)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${p.year}`;
    default:
      return p.label;
  }
}
