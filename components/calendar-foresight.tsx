import Link from "next/link";
import { uncoveredDeadlineYears } from "@/db/queries/calendar";
import { kept } from "@/db/queries/kept";
import { todayInChina } from "@/lib/clock";
import type { Role } from "@/lib/workflow";
import { Alert } from "@/components/ui/card";

/** Who is warned: the two offices, who watch deadlines, and the system administrator, who keeps the calendar. */
const WARNED: readonly Role[] = ["congress_office", "gov_office", "system_admin"];

/**
 * A warning while running deadlines fall in a year the working-day calendar does not hold yet
 * (docs/rules.md § "Deadlines", calendar foresight): those deadlines were counted with weekends
 * only and move once the year's holidays are entered. Nothing is shown when every year is covered.
 */
export function CalendarForesight({ role }: { role: Role }) {
  if (!WARNED.includes(role)) return null;
  // Kept while nothing changes (a change to any deadline or calendar day makes it stale).
  const today = todayInChina();
  const years = kept(`uncovered-years|${today}`, () => uncoveredDeadlineYears(today));
  if (!years.length) return null;
  const admin = role === "system_admin";
  return (
    <div className="mb-4" data-testid="calendar-foresight">
      <Alert tone="warn">
        {years.map(({ year, running }) => (
          <p key={year}>
            有 {running} 件承办事项的办理期限在 {year} 年，{year} 年的节假日安排尚未录入，期限按周末推算，
            {admin ? (
              <Link href={`/admin/calendar?year=${year}`} className="font-medium underline underline-offset-2">
                请及时录入
              </Link>
            ) : (
              "请提醒系统管理员及时录入"
            )}
            。
          </p>
        ))}
      </Alert>
    </div>
  );
}
