import type { Rate, SupervisionMeasure } from "@/db/queries/supervision";
import { listHref, measureText, percent } from "./measure-text";

// Plain anchors, not next/link: the dashboard lists hundreds of figures, and each <Link> would be a
// client component in the page's payload. Their styles are the short classes in app/globals.css.

/** A count that opens the list of what it counts. */
export function CountLink({
  n,
  sessionId,
  unitId,
  measure,
  alert,
  testId,
}: {
  n: number;
  testId?: string;
  sessionId: number;
  unitId: number | null;
  measure: SupervisionMeasure;
  /** Shown in red when above zero (overdue, late, unsatisfied). */
  alert?: boolean;
}) {
  return (
    <a
      href={listHref(sessionId, unitId, measure)}
      className={alert && n > 0 ? "fig-alert" : n === 0 ? "fig-zero" : "fig"}
      title={measureText[measure].title}
      data-testid={testId}
    >
      {n}
    </a>
  );
}

/** A rate: the percentage and its numerator open the counted list, the denominator the base. */
export function RateFigure({
  rate,
  sessionId,
  unitId,
  parts,
}: {
  rate: Rate;
  sessionId: number;
  unitId: number | null;
  parts: { numerator: SupervisionMeasure; denominator: SupervisionMeasure; rest: SupervisionMeasure | null };
}) {
  const rest = rate.denominator - rate.numerator;
  return (
    <div className="whitespace-nowrap tabular-nums leading-tight">
      {rate.rate == null ? (
        <span className="text-stone-500">—</span>
      ) : (
        <a href={listHref(sessionId, unitId, parts.numerator)} className="fig font-medium">
          {percent(rate.rate)}
        </a>
      )}
      <div className="text-xs text-stone-500">
        <CountLink n={rate.numerator} sessionId={sessionId} unitId={unitId} measure={parts.numerator} />
        /
        <CountLink n={rate.denominator} sessionId={sessionId} unitId={unitId} measure={parts.denominator} />
        {parts.rest && rest > 0 && (
          <>
            {" · "}
            <a href={listHref(sessionId, unitId, parts.rest)} className="fig-rest" title={measureText[parts.rest].title}>
              {parts.rest === "late" ? "逾期" : parts.rest === "notContacted" ? "未联系" : "不满意"}
              {rest}
            </a>
          </>
        )}
      </div>
    </div>
  );
}

/**
 * A unit's commitments (承诺事项) not yet done, and beneath them those past their day, in red. Plain
 * counts: each commitment is listed with its reports on its proposal's page.
 */
export function CommitmentFigures({ open, overdue, testId }: { open: number; overdue: number; testId?: string }) {
  return (
    <div className="whitespace-nowrap tabular-nums leading-tight" title="B类答复承诺事项：未完成（其中已逾期）">
      <span className={open === 0 ? "text-stone-500" : ""} data-testid={testId && `commitments-open-${testId}`}>
        {open}
      </span>
      <div className="text-xs text-stone-500">
        逾期{" "}
        <span className={overdue > 0 ? "font-medium text-red-700" : "text-stone-500"} data-testid={testId && `commitments-overdue-${testId}`}>
          {overdue}
        </span>
      </div>
    </div>
  );
}
