"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

export type RateChartRow = {
  unit: string;
  /** Percentages 0–100; null when the unit has nothing to measure yet (no bar is drawn). */
  onTime: number | null;
  satisfaction: number | null;
  onTimeOf: string;
  satisfactionOf: string;
};

const SERIES = {
  onTime: { name: "按时办复率", color: "#0369a1" },
  satisfaction: { name: "满意率（办理结果）", color: "#15803d" },
} as const;

/** One horizontal pair of bars per unit: long unit names stay readable on a phone. */
export function RateChart({ rows }: { rows: RateChartRow[] }) {
  if (!rows.length) return <p className="py-6 text-center text-sm text-stone-500">尚无已答复或已评价的建议。</p>;
  return (
    <div style={{ width: "100%", height: 56 + rows.length * 44 }}>
      <BarChart
        layout="vertical"
        data={rows}
        responsive
        style={{ width: "100%", height: "100%" }}
        margin={{ top: 4, right: 16, bottom: 4, left: 0 }}
        barGap={2}
        accessibilityLayer
      >
        <CartesianGrid horizontal={false} stroke="#e7e5e4" />
        <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} fontSize={12} stroke="#78716c" />
        <YAxis type="category" dataKey="unit" width={112} fontSize={12} stroke="#78716c" interval={0} />
        <Tooltip
          formatter={(value, name, item) => {
            const key = item.dataKey as keyof typeof SERIES;
            const of = key === "onTime" ? item.payload.onTimeOf : item.payload.satisfactionOf;
            return [value == null ? "—" : `${Number(value).toFixed(1)}%（${of}）`, name];
          }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {(Object.keys(SERIES) as (keyof typeof SERIES)[]).map((k) => (
          <Bar key={k} dataKey={k} name={SERIES[k].name} fill={SERIES[k].color} barSize={10} isAnimationActive={false} />
        ))}
      </BarChart>
    </div>
  );
}
