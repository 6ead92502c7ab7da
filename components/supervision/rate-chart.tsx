export type RateChartRow = {
  unit: string;
  /** Percentages 0–100; null when the unit has nothing to measure yet (no bar is drawn). */
  onTime: number | null;
  satisfaction: number | null;
  onTimeOf: string;
  satisfactionOf: string;
};

const SERIES = {
  onTime: { name: "按时办复率", color: "bg-sky-700" },
  satisfaction: { name: "满意率（办理结果）", color: "bg-green-700" },
} as const;

/**
 * One pair of horizontal bars per unit, drawn on the server with plain elements: no chart library
 * and no script reach the browser, long unit names stay readable on a phone, and each bar says its
 * figure in words for screen readers ("按时办复率 87.5%（7/8）").
 */
export function RateChart({ rows }: { rows: RateChartRow[] }) {
  if (!rows.length) return <p className="py-6 text-center text-sm text-stone-500">尚无已答复或已评价的建议。</p>;
  return (
    <figure data-testid="rate-chart">
      <figcaption className="mb-2 flex flex-wrap gap-4 text-xs text-stone-600">
        {Object.values(SERIES).map((s) => (
          <span key={s.name} className="inline-flex items-center gap-1">
            <span className={`inline-block h-2.5 w-4 rounded-sm ${s.color}`} aria-hidden />
            {s.name}
          </span>
        ))}
      </figcaption>
      <ul className="space-y-2">
        {rows.map((r) => (
          <li key={r.unit} className="grid grid-cols-[7rem_1fr] items-center gap-2 text-xs sm:grid-cols-[10rem_1fr]">
            <span className="truncate text-stone-700" title={r.unit}>{r.unit}</span>
            <span className="space-y-1">
              {(["onTime", "satisfaction"] as const).map((k) => {
                const value = r[k];
                const of = k === "onTime" ? r.onTimeOf : r.satisfactionOf;
                const label = `${SERIES[k].name} ${value == null ? "无数据" : `${value.toFixed(1)}%（${of}）`}`;
                return (
                  <span key={k} className="flex items-center gap-2" title={label}>
                    <span className="h-2.5 flex-1 rounded-sm bg-stone-100" role="img" aria-label={label}>
                      {value != null && <span className={`block h-full rounded-sm ${SERIES[k].color}`} style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />}
                    </span>
                    <span className="w-12 text-right tabular-nums text-stone-600">{value == null ? "—" : `${value.toFixed(0)}%`}</span>
                  </span>
                );
              })}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
