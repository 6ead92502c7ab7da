import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { assignments, calendarDays, proposals } from "@/db/schema";
import { LIVE_PROPOSAL_STATES, RUNNING_ASSIGNMENT_STATES, type Day } from "@/lib/deadlines";

/*
 * Calendar foresight (docs/rules.md § "Deadlines"): running deadlines that fall in a year whose
 * holidays and make-up days are not in the calendar yet were counted with weekends only, and may
 * move once the State Council's schedule is entered. The years the calendar holds come from its own
 * small table; the running deadlines from the first year it lacks on are counted in one aggregate
 * over the due-day index (migration 0017), so the work is the deadlines to warn about, not every
 * assignment.
 */

export type UncoveredYear = { year: number; running: number };

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** Years from this year's on in which running deadlines fall while the calendar has no schedule for them, with how many. */
export function uncoveredDeadlineYears(today: Day, db: Db = getDb()): UncoveredYear[] {
  const covered = new Set(
    db
      .all<{ year: string }>(sql`select distinct substr(${calendarDays.date}, 1, 4) as year from ${calendarDays}`)
      .map((r) => Number(r.year)),
  );
  let first = Number(today.slice(0, 4));
  while (covered.has(first)) first++;
  // CROSS JOIN keeps the assignments outside (SQLite does not reorder it): the range on the due
  // day is the loop, never every live proposal.
  const rows = db.all<{ year: string; n: number }>(sql`
    select substr(a.due_on, 1, 4) as year, count(*) as n
      from ${assignments} a
      cross join ${proposals} p on p.id = a.proposal_id
     where a.due_on is not null and a.due_on >= ${`${first}-01-01`}
       and a.state in (${list(RUNNING_ASSIGNMENT_STATES)})
       and p.state in (${list(LIVE_PROPOSAL_STATES)})
     group by year
     order by year`);
  return rows.map((r) => ({ year: Number(r.year), running: r.n })).filter((r) => !covered.has(r.year));
}
