import data from "chinese-days/dist/chinese-days.json";
import type { Calendar, Day } from "./deadlines";

/**
 * China's statutory holidays and make-up working days (调休) as the `chinese-days` package
 * publishes them from the State Council's notices (2004 to its latest year). The database is
 * filled from it once; administrators add the next year's schedule when it is published.
 */
export type CalendarEntry = { date: Day; working: boolean; name: string };

const chineseName = (label: string) => label.split(",")[1] ?? label;

export function packagedCalendar(): CalendarEntry[] {
  const d = data as { holidays: Record<string, string>; workdays: Record<string, string> };
  return [
    ...Object.entries(d.holidays).map(([date, label]) => ({ date, working: false, name: chineseName(label) })),
    ...Object.entries(d.workdays).map(([date, label]) => ({ date, working: true, name: chineseName(label) })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

export function toCalendar(entries: readonly CalendarEntry[]): Calendar {
  return new Map(entries.map((e) => [e.date, { working: e.working, name: e.name }]));
}
