import type { Light } from "@/lib/deadlines";

const look: Record<Exclude<Light, "none">, { dot: string; text: string; label: string }> = {
  green: { dot: "bg-emerald-500", text: "text-emerald-800", label: "正常" },
  yellow: { dot: "bg-amber-400", text: "text-amber-800", label: "临近期限" },
  red: { dot: "bg-red-600", text: "text-red-700", label: "已逾期" },
};

/** The warning light of one unit's duty, with its due day; the light has a word, never colour alone. */
export function DeadlineLight({ light, due }: { light: Light; due: string | null }) {
  if (light === "none" || !due) return <span className="text-stone-500">—</span>;
  const l = look[light];
  return (
    <span className={`inline-flex items-center gap-1.5 whitespace-nowrap ${l.text}`} data-light={light}>
      <span className={`inline-block h-2.5 w-2.5 rounded-full ${l.dot}`} aria-hidden />
      {due}
      <span className="text-xs">{l.label}</span>
    </span>
  );
}
