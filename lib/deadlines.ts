import { COMMITMENT_HORIZON_YEARS } from "./workflow";
/**
 * Deadlines as docs/rules.md § "Deadlines" states them, as pure functions of dates and a calendar.
 * Every function takes the day it is counted from (and `today` where it matters): nothing here
 * reads a clock or a database. Days are calendar days in China ("YYYY-MM-DD").
 *
 * - Month periods follow the Civil Code (arts. 201–203): the start day is not counted; the
 *   period ends on the same-numbered day of the last month, or that month's last day when it has
 *   no such day; a period whose last day is not a working day ends on the next working day.
 * - Working days: weekends are off, statutory holidays are off, make-up days (调休) are on.
 */

export type Day = string; // YYYY-MM-DD

/** The dated exceptions to "Monday to Friday": holidays (off) and make-up working days (on). */
export type Calendar = ReadonlyMap<Day, { working: boolean; name: string }>;

export type DeadlineSettings = {
  returnWindowWorkdays: number; // 申请调整 within 10 working days of assignment
  opinionMonths: number; // 协办意见 1 month after assignment
  replyMonths: number; // 答复 3 months after assignment
  extensionTotalMonths: number; // 延期 up to 6 months after assignment in total
  rehandlingMonths: number; // 重新办理 1 month after the 不满意 rating
  publicationWorkdays: number; // 公开 20 working days after sending
  warnWorkdays: number; // yellow light this many working days before the due day
  fixedReplyDue: Day | null; // a batch due date set by the government office instead
};

export const DEFAULT_SETTINGS: DeadlineSettings = {
  returnWindowWorkdays: 10,
  opinionMonths: 1,
  replyMonths: 3,
  extensionTotalMonths: 6,
  rehandlingMonths: 1,
  publicationWorkdays: 20,
  warnWorkdays: 5,
  fixedReplyDue: null,
};

// ---- Days ----

const toDate = (d: Day) => new Date(`${d}T00:00:00Z`);
const fromDate = (d: Date): Day => d.toISOString().slice(0, 10);

export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && fromDate(toDate(value)) === value;
}

export function addDays(d: Day, n: number): Day {
  const date = toDate(d);
  date.setUTCDate(date.getUTCDate() + n);
  return fromDate(date);
}

/** The calendar day in China of an instant. */
export function dayOf(instant: Date): Day {
  return fromDate(new Date(instant.getTime() + 8 * 3600_000));
}

const weekday = (d: Day) => toDate(d).getUTCDay(); // 0 Sunday … 6 Saturday
const WEEKDAY = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
const short = (d: Day) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export function isWorkingDay(d: Day, cal: Calendar): boolean {
  const exception = cal.get(d);
  if (exception) return exception.working;
  const w = weekday(d);
  return w !== 0 && w !== 6;
}

/** The day itself if it is a working day, else the next working day. */
export function onOrNextWorkingDay(d: Day, cal: Calendar): Day {
  let day = d;
  while (!isWorkingDay(day, cal)) day = addDays(day, 1);
  return day;
}

// ---- Periods ----

/** Same-numbered day `months` later, or that month's last day (Civil Code art. 202). */
export function sameDayMonthsLater(start: Day, months: number): Day {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) - 1 + months;
  const d = Number(start.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDate(new Date(Date.UTC(year, month, Math.min(d, last))));
}

export type Deadline = { due: Day; explanation: string };

/** The holidays lying strictly between two days, one entry per run of days off: "4月4日—6日 清明". */
function holidaysBetween(from: Day, to: Day, cal: Calendar): string[] {
  const runs: { start: Day; end: Day; names: string[] }[] = [];
  for (let d = addDays(from, 1); d < to; d = addDays(d, 1)) {
    const e = cal.get(d);
    if (!e || e.working) continue;
    const last = runs.at(-1);
    if (last && addDays(last.end, 1) === d) {
      last.end = d;
      if (!last.names.includes(e.name)) last.names.push(e.name);
    } else runs.push({ start: d, end: d, names: [e.name] });
  }
  return runs.map((r) => {
    const span =
      r.start === r.end
        ? short(r.start)
        : r.start.slice(0, 7) === r.end.slice(0, 7)
          ? `${short(r.start)}—${Number(r.end.slice(8, 10))}日`
          : `${short(r.start)}—${short(r.end)}`;
    return `${span} ${r.names.join("、")}`;
  });
}

/** A month period from `start` (not counted), moved to the next working day if it ends on a day off. */
export function monthsAfter(start: Day, months: number, cal: Calendar, from = "交办"): Deadline {
  const nominal = sameDayMonthsLater(start, months);
  const due = onOrNextWorkingDay(nominal, cal);
  let explanation = `${from} ${start} 起 ${months} 个月 → ${nominal}`;
  if (due !== nominal) {
    const why = cal.get(nominal)?.name ?? WEEKDAY[weekday(nominal)];
    explanation += `（${why}），顺延至下一工作日 ${due}`;
  }
  return { due, explanation };
}

/** `n` working days after `start` (not counted), naming the holidays skipped on the way. */
export function workingDaysAfter(start: Day, n: number, cal: Calendar, from = "交办"): Deadline {
  let due = start;
  const madeUp: string[] = []; // make-up working days on the way, in date order
  for (let counted = 0; counted < n; ) {
    due = addDays(due, 1);
    const exception = cal.get(due);
    if (exception?.working) madeUp.push(`${short(due)}（${exception.name}调休上班）`);
    if (isWorkingDay(due, cal)) counted++;
  }
  const skipped = holidaysBetween(start, due, cal);
  let explanation = `${from} ${start} 起 ${n} 个工作日 → ${due}`;
  if (skipped.length) explanation += `，跳过 ${skipped.join("，")}`;
  if (madeUp.length) explanation += `，含 ${madeUp.join("、")}`;
  return { due, explanation };
}

/** Working days from `from` (not counted) to `to` (counted); negative when `to` is earlier. */
export function workingDaysBetween(from: Day, to: Day, cal: Calendar): number {
  // A malformed day would never compare past `to` (addDays of year 9999 gives "+010000-…"): refuse it.
  if (!isDay(from) || !isDay(to)) throw new RangeError(`not a day: ${from} … ${to}`);
  if (to < from) return -workingDaysBetween(to, from, cal) || 0; // never -0
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

// ---- The deadlines of one assignment ----

export type AssignmentClock = {
  role: "lead" | "co" | "parallel";
  /** What the unit owes now, by its state. */
  state: string;
  assignedOn: Day;
  /** The day of the 不满意 rating that opened the current re-handling round. */
  rehandlingFrom?: Day | null;
  /** An approved extension's new due date. */
  extendedTo?: Day | null;
  extensionReason?: string | null;
};

export type AssignmentDeadlines = {
  /** What is due: the opinion, the reply, or the re-handled reply; null once the unit has delivered. */
  duty: "opinion" | "reply" | "rehandling" | null;
  due: Day | null;
  explanation: string[];
  returnWindowEnd: Day;
  returnWindowExplanation: string;
  extensionLimit: Day;
};

/** Assignment states in which the unit still owes something (its clock runs). */
export const RUNNING_ASSIGNMENT_STATES = ["assigned", "received", "rehandling"] as const;
/** Proposal states in which units' clocks run: assigned and not yet closed or withdrawn. */
export const LIVE_PROPOSAL_STATES = ["handling", "replied", "rehandling"] as const;
const RUNNING = new Set<string>(RUNNING_ASSIGNMENT_STATES);
const LIVE = new Set<string>(LIVE_PROPOSAL_STATES);

/** A unit's clock runs while it owes something on a proposal that is still open. */
export function isRunning(assignmentState: string, proposalState: string) {
  return RUNNING.has(assignmentState) && LIVE.has(proposalState);
}

/** The rule for the requests window, the extension cap and the due date of the unit's current duty. */
export function assignmentDeadlines(a: AssignmentClock, s: DeadlineSettings, cal: Calendar): AssignmentDeadlines {
  const returnWindow = workingDaysAfter(a.assignedOn, s.returnWindowWorkdays, cal);
  const limit = monthsAfter(a.assignedOn, s.extensionTotalMonths, cal);
  return { ...dutyDeadline(a, s, cal), returnWindowEnd: returnWindow.due, returnWindowExplanation: returnWindow.explanation, extensionLimit: limit.due };
}

/** The due date of the unit's current duty alone (what a count of on-time replies needs). */
export function dutyDeadline(a: AssignmentClock, s: DeadlineSettings, cal: Calendar): Pick<AssignmentDeadlines, "duty" | "due" | "explanation"> {
  if (!RUNNING.has(a.state)) return { duty: null, due: null, explanation: [] };
  if (a.state === "rehandling" && a.rehandlingFrom) {
    const d = monthsAfter(a.rehandlingFrom, s.rehandlingMonths, cal, "代表评价不满意");
    if (!a.extendedTo) return { duty: "rehandling", due: d.due, explanation: [d.explanation] };
    const ext = fixedDay(a.extendedTo, "经批准延期至", a.extensionReason, cal);
    return { duty: "rehandling", due: ext.due, explanation: [d.explanation, ext.explanation] };
  }
  const duty = a.role === "co" ? "opinion" : "reply";
  const nominal =
    duty === "opinion"
      ? monthsAfter(a.assignedOn, s.opinionMonths, cal)
      : s.fixedReplyDue
        ? fixedDay(s.fixedReplyDue, "政府督查室统一确定答复期限", null, cal)
        : monthsAfter(a.assignedOn, s.replyMonths, cal);
  if (!a.extendedTo) return { duty, due: nominal.due, explanation: [nominal.explanation] };
  const ext = fixedDay(a.extendedTo, "经批准延期至", a.extensionReason, cal);
  return { duty, due: ext.due, explanation: [nominal.explanation, ext.explanation] };
}

/** A due day fixed by decision (a batch date, an approved extension) still ends on a working day. */
function fixedDay(d: Day, what: string, reason: string | null | undefined, cal: Calendar): Deadline {
  const due = onOrNextWorkingDay(d, cal);
  let explanation = `${what} ${d}${reason ? `（${reason}）` : ""}`;
  if (due !== d) explanation += `，${d}（${cal.get(d)?.name ?? WEEKDAY[weekday(d)]}）非工作日，顺延至下一工作日 ${due}`;
  return { due, explanation };
}

export type Light = "green" | "yellow" | "red" | "none";

/** Warning light: red once overdue, yellow within `warnWorkdays` working days of the due day. */
export function warningLight(due: Day | null, today: Day, s: Pick<DeadlineSettings, "warnWorkdays">, cal: Calendar): Light {
  if (!due) return "none";
  if (today > due) return "red";
  // No run of days off is a month long: far-off due days are green without counting each day.
  if (addDays(today, 2 * s.warnWorkdays + 31) < due) return "green";
  return workingDaysBetween(today, due, cal) <= s.warnWorkdays ? "yellow" : "green";
}

/**
 * The first day `warningLight` shows yellow for `due`: the earliest day from which at most
 * `warnWorkdays` working days remain until the due day. Stored beside the due day, it lets a list
 * or a count tell the light of any day without counting (`lightFrom`).
 */
export function yellowFrom(due: Day, s: Pick<DeadlineSettings, "warnWorkdays">, cal: Calendar): Day {
  // Walk back from the due day while the working days in (day, due] stay within the warning.
  let day = due;
  let remaining = 0; // working days in (day, due]
  for (;;) {
    const earlier = addDays(day, -1);
    const more = remaining + (isWorkingDay(day, cal) ? 1 : 0); // working days in (earlier, due]
    if (more > s.warnWorkdays) return day;
    day = earlier;
    remaining = more;
  }
}

/** The light of a stored deadline on `today`: the same answer as `warningLight`, without a calendar. */
export function lightFrom(due: Day | null, yellowOn: Day | null, today: Day): Light {
  if (!due) return "none";
  if (today > due) return "red";
  return yellowOn != null && today >= yellowOn ? "yellow" : "green";
}

/** Whether a request to return or adjust an assignment is still accepted on `today`. */
export function withinReturnWindow(a: Pick<AssignmentClock, "assignedOn">, today: Day, s: DeadlineSettings, cal: Calendar) {
  return today <= workingDaysAfter(a.assignedOn, s.returnWindowWorkdays, cal).due;
}

/** Reply published within 20 working days of sending. */
export function publicationDue(sentOn: Day, s: DeadlineSettings, cal: Calendar): Deadline {
  return workingDaysAfter(sentOn, s.publicationWorkdays, cal, "答复");
}

/** The days a commitment may be due: after the assignment day, and within the horizon of years from it. */
export function commitmentDueRange(assignedOn: Day): { min: Day; max: Day } {
  return { min: addDays(assignedOn, 1), max: sameDayMonthsLater(assignedOn, 12 * COMMITMENT_HORIZON_YEARS) };
}

/** Calendar days from one day to another (negative when `to` is earlier): days left, days overdue. */
export function calendarDaysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
