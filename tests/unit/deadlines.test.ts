import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  assignmentDeadlines,
  addDays,
  isWorkingDay,
  lightFrom,
  monthsAfter,
  onOrNextWorkingDay,
  publicationDue,
  sameDayMonthsLater,
  warningLight,
  withinReturnWindow,
  yellowFrom,
  workingDaysAfter,
  workingDaysBetween,
  type AssignmentClock,
  type Calendar,
  type Day,
  type Light,
  calendarDaysBetween,
} from "@/lib/deadlines";
import { packagedCalendar, toCalendar, type CalendarEntry } from "@/lib/calendar-data";

/*
 * Deadlines as docs/rules.md § "Deadlines" states them. Every expected date below was worked out by hand
 * from the Civil Code rules (arts. 201–203) and the State Council holiday notices for 2025
 * (国办发明电〔2024〕12号) and 2026 (国办发明电〔2025〕7号); none is produced by the code under test.
 *
 * 2025: 元旦 1 Jan; 春节 28 Jan–4 Feb (26 Jan Sun, 8 Feb Sat work); 清明 4–6 Apr; 劳动节 1–5 May
 *       (27 Apr Sun works); 端午 31 May–2 Jun; 国庆·中秋 1–8 Oct (28 Sep Sun, 11 Oct Sat work).
 * 2026: 元旦 1–3 Jan (4 Jan Sun works); 春节 15–23 Feb (14 Feb Sat, 28 Feb Sat work); 清明 4–6 Apr;
 *       劳动节 1–5 May (9 May Sat works); 端午 19–21 Jun; 中秋 25–27 Sep; 国庆 1–7 Oct
 *       (20 Sep Sun, 10 Oct Sat work).
 */

// ---- The official schedules, typed out by hand from the notices ----

const span = (from: Day, to: Day): Day[] => {
  const out: Day[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1))
    out.push(d.toISOString().slice(0, 10));
  return out;
};

const OFFICIAL_HOLIDAYS_2025: [Day, string][] = [
  ["2025-01-01", "元旦"],
  ...span("2025-01-28", "2025-02-04").map((d): [Day, string] => [d, "春节"]),
  ...span("2025-04-04", "2025-04-06").map((d): [Day, string] => [d, "清明"]),
  ...span("2025-05-01", "2025-05-05").map((d): [Day, string] => [d, "劳动节"]),
  ...span("2025-05-31", "2025-06-02").map((d): [Day, string] => [d, "端午"]),
  ...span("2025-10-01", "2025-10-08").map((d): [Day, string] => [d, "国庆·中秋"]),
];
const OFFICIAL_WORKDAYS_2025: [Day, string][] = [
  ["2025-01-26", "春节 (Sunday)"],
  ["2025-02-08", "春节 (Saturday)"],
  ["2025-04-27", "劳动节 (Sunday)"],
  ["2025-09-28", "国庆 (Sunday)"],
  ["2025-10-11", "国庆 (Saturday)"],
];
const OFFICIAL_HOLIDAYS_2026: [Day, string][] = [
  ...span("2026-01-01", "2026-01-03").map((d): [Day, string] => [d, "元旦"]),
  ...span("2026-02-15", "2026-02-23").map((d): [Day, string] => [d, "春节"]),
  ...span("2026-04-04", "2026-04-06").map((d): [Day, string] => [d, "清明"]),
  ...span("2026-05-01", "2026-05-05").map((d): [Day, string] => [d, "劳动节"]),
  ...span("2026-06-19", "2026-06-21").map((d): [Day, string] => [d, "端午"]),
  ...span("2026-09-25", "2026-09-27").map((d): [Day, string] => [d, "中秋"]),
  ...span("2026-10-01", "2026-10-07").map((d): [Day, string] => [d, "国庆"]),
];
const OFFICIAL_WORKDAYS_2026: [Day, string][] = [
  ["2026-01-04", "元旦 (Sunday)"],
  ["2026-02-14", "春节 (Saturday)"],
  ["2026-02-28", "春节 (Saturday)"],
  ["2026-05-09", "劳动节 (Saturday)"],
  ["2026-09-20", "国庆 (Sunday)"],
  ["2026-10-10", "国庆 (Saturday)"],
];

/** A calendar built only from the hand-typed notices (independent of the npm package). */
const OFFICIAL: Calendar = toCalendar([
  ...[...OFFICIAL_HOLIDAYS_2025, ...OFFICIAL_HOLIDAYS_2026].map(([date, name]): CalendarEntry => ({ date, working: false, name })),
  ...[...OFFICIAL_WORKDAYS_2025, ...OFFICIAL_WORKDAYS_2026].map(([date, name]): CalendarEntry => ({ date, working: true, name })),
]);
/** The calendar the app seeds its database with. */
const PACKAGED: Calendar = toCalendar(packagedCalendar());

const CALENDARS: [string, Calendar][] = [
  ["packaged calendar", PACKAGED],
  ["hand-typed official calendar", OFFICIAL],
];

// ---- 1. The packaged calendar against the official notices ----

describe("packaged calendar (chinese-days) against the State Council notices", () => {
  it.each([...OFFICIAL_HOLIDAYS_2025, ...OFFICIAL_HOLIDAYS_2026])("%s (%s) is a day off", (day) => {
    expect(PACKAGED.get(day)?.working).toBe(false);
    expect(isWorkingDay(day, PACKAGED)).toBe(false);
  });

  it.each([...OFFICIAL_WORKDAYS_2025, ...OFFICIAL_WORKDAYS_2026])("%s (make-up day, %s) is a working day", (day) => {
    expect(PACKAGED.get(day)?.working).toBe(true);
    expect(isWorkingDay(day, PACKAGED)).toBe(true);
  });

  it.each(["2025", "2026"])("%s has no exception the notice does not list", (year) => {
    const entries = packagedCalendar().filter((e) => e.date.startsWith(year));
    const expectedOff = (year === "2025" ? OFFICIAL_HOLIDAYS_2025 : OFFICIAL_HOLIDAYS_2026).map(([d]) => d).sort();
    const expectedOn = (year === "2025" ? OFFICIAL_WORKDAYS_2025 : OFFICIAL_WORKDAYS_2026).map(([d]) => d).sort();
    expect(entries.filter((e) => !e.working).map((e) => e.date)).toEqual(expectedOff);
    expect(entries.filter((e) => e.working).map((e) => e.date)).toEqual(expectedOn);
  });

  it("names are the Chinese names and entries come sorted by date", () => {
    const entries = packagedCalendar();
    expect(entries.find((e) => e.date === "2025-01-29")).toEqual({ date: "2025-01-29", working: false, name: "春节" });
    expect(entries.find((e) => e.date === "2026-04-05")).toEqual({ date: "2026-04-05", working: false, name: "清明" });
    expect(entries.find((e) => e.date === "2026-10-10")).toEqual({ date: "2026-10-10", working: true, name: "国庆节" });
    expect(entries.map((e) => e.date)).toEqual(entries.map((e) => e.date).toSorted());
  });

  it.each([
    ["2025-01-04", "an ordinary Saturday", false],
    ["2025-01-05", "an ordinary Sunday", false],
    ["2025-01-06", "an ordinary Monday", true],
    ["2026-03-06", "an ordinary Friday", true],
  ] as const)("%s, %s, follows Monday–Friday", (day, _what, working) => {
    expect(isWorkingDay(day, PACKAGED)).toBe(working);
  });
});

// ---- 2. Civil Code month periods ----

describe("sameDayMonthsLater: same-numbered day of the last month, or that month's last day", () => {
  it.each<[Day, number, Day, string]>([
    ["2026-01-31", 1, "2026-02-28", "31 Jan + 1 month, 2026 not a leap year"],
    ["2025-01-31", 1, "2025-02-28", "31 Jan + 1 month, 2025 not a leap year"],
    ["2024-01-31", 1, "2024-02-29", "31 Jan + 1 month in a leap year"],
    ["2028-02-29", 12, "2029-02-28", "29 Feb + 12 months into a common year"],
    ["2023-11-30", 3, "2024-02-29", "30 Nov + 3 months across the year into a leap February"],
    ["2026-03-02", 3, "2026-06-02", "the worked example in docs/rules.md"],
    ["2025-10-31", 1, "2025-11-30", "31 Oct + 1 month, November has 30 days"],
    ["2025-12-31", 2, "2026-02-28", "year boundary and short month"],
    ["2025-08-31", 6, "2026-02-28", "6-month extension cap across the year"],
    ["2025-03-02", 12, "2026-03-02", "12 months"],
  ])("%s + %i months = %s (%s)", (start, months, expected) => {
    expect(sameDayMonthsLater(start, months)).toBe(expected);
  });
});

describe.each(CALENDARS)("monthsAfter with the %s", (_name, cal) => {
  it.each<[Day, number, Day, string]>([
    ["2026-03-02", 3, "2026-06-02", "Tuesday, no move (the worked example)"],
    ["2026-01-31", 1, "2026-02-28", "28 Feb 2026 is a make-up Saturday: does NOT move"],
    ["2025-01-31", 1, "2025-02-28", "Friday"],
    ["2024-01-31", 1, "2024-02-29", "leap day, Thursday"],
    ["2028-02-29", 12, "2029-02-28", "Wednesday"],
    ["2023-11-30", 3, "2024-02-29", "Thursday"],
    ["2026-03-14", 3, "2026-06-15", "ends Sunday 14 Jun → Monday"],
    ["2025-12-31", 1, "2026-02-02", "ends Saturday 31 Jan across the year → Monday"],
    ["2026-07-01", 3, "2026-10-08", "ends 1 Oct (国庆) → past the holiday to Thursday 8 Oct"],
    ["2025-12-01", 1, "2026-01-04", "ends 1 Jan (元旦 1–3) → make-up Sunday 4 Jan"],
    ["2024-10-28", 3, "2025-02-05", "ends 28 Jan 2025 (春节) → Wednesday 5 Feb"],
    ["2025-11-15", 3, "2026-02-24", "ends 15 Feb 2026 (春节) → Tuesday 24 Feb"],
    ["2025-11-14", 3, "2026-02-14", "ends on make-up Saturday 14 Feb 2026: does NOT move"],
    ["2025-06-28", 3, "2025-09-28", "ends on make-up Sunday 28 Sep 2025: does NOT move"],
    ["2025-09-11", 1, "2025-10-11", "ends on make-up Saturday 11 Oct 2025: does NOT move"],
    ["2026-02-09", 3, "2026-05-09", "ends on make-up Saturday 9 May 2026: does NOT move"],
    ["2026-01-06", 3, "2026-04-07", "ends Monday 6 Apr (清明) → Tuesday"],
    ["2025-03-31", 2, "2025-06-03", "ends 31 May (端午 31 May–2 Jun) → Tuesday 3 Jun"],
    ["2025-07-06", 3, "2025-10-09", "ends 6 Oct 2025 (中秋) → Thursday 9 Oct"],
    ["2025-07-08", 3, "2025-10-09", "ends 8 Oct 2025, last day of 国庆 → Thursday 9 Oct"],
    ["2026-06-19", 3, "2026-09-20", "ends ordinary Saturday 19 Sep → make-up Sunday 20 Sep"],
    ["2026-04-01", 1, "2026-05-06", "ends 1 May (劳动节 1–5) → Wednesday 6 May"],
  ])("%s + %i months → %s (%s)", (start, months, expected) => {
    expect(monthsAfter(start, months, cal).due).toBe(expected);
  });
});

describe("monthsAfter explanations (packaged calendar)", () => {
  it("an unmoved period states start, length and end", () => {
    expect(monthsAfter("2026-03-02", 3, PACKAGED).explanation).toBe("交办 2026-03-02 起 3 个月 → 2026-06-02");
  });
  it("a period ending on 国庆 names the holiday and the move", () => {
    const e = monthsAfter("2026-07-01", 3, PACKAGED).explanation;
    expect(e).toContain("国庆");
    expect(e).toContain("顺延至下一工作日");
    expect(e).toBe("交办 2026-07-01 起 3 个月 → 2026-10-01（国庆节），顺延至下一工作日 2026-10-08");
  });
  it("a period ending on a weekend names the weekday", () => {
    expect(monthsAfter("2026-03-14", 3, PACKAGED).explanation).toBe(
      "交办 2026-03-14 起 3 个月 → 2026-06-14（星期日），顺延至下一工作日 2026-06-15",
    );
  });
  it("a period ending on a make-up Saturday is not described as moved", () => {
    expect(monthsAfter("2026-01-31", 1, PACKAGED).explanation).toBe("交办 2026-01-31 起 1 个月 → 2026-02-28");
  });
});

describe("onOrNextWorkingDay", () => {
  it.each([
    ["2026-10-01", "2026-10-08"],
    ["2026-10-10", "2026-10-10"],
    ["2026-10-11", "2026-10-12"],
    ["2025-01-25", "2025-01-26"],
    ["2026-02-15", "2026-02-24"],
  ] as const)("%s → %s", (d, expected) => {
    expect(onOrNextWorkingDay(d, PACKAGED)).toBe(expected);
  });
});

// ---- 3. Working days ----

describe.each(CALENDARS)("workingDaysAfter with the %s", (_name, cal) => {
  it.each<[Day, number, Day, string]>([
    ["2026-09-28", 10, "2026-10-16", "assigned Monday before 国庆 2026; 10 Oct make-up counts"],
    ["2026-02-13", 10, "2026-03-05", "assigned Friday before 春节 2026; 14 Feb and 28 Feb count"],
    ["2025-01-24", 10, "2025-02-13", "assigned Friday before 春节 2025; 26 Jan and 8 Feb count"],
    ["2025-04-30", 10, "2025-05-19", "assigned the day before 劳动节 2025"],
    ["2026-04-01", 10, "2026-04-16", "across 清明 2026"],
    ["2026-04-30", 10, "2026-05-18", "across 劳动节 2026; 9 May make-up counts"],
    ["2025-09-26", 10, "2025-10-16", "across 国庆 2025; 28 Sep and 11 Oct count"],
    ["2025-12-31", 10, "2026-01-15", "across the year and 元旦 2026; 4 Jan counts"],
    ["2025-04-03", 10, "2025-04-18", "across 清明 2025"],
  ])("%s + %i working days = %s (%s)", (start, n, expected) => {
    expect(workingDaysAfter(start, n, cal).due).toBe(expected);
  });
});

describe.each(CALENDARS)("publicationDue (20 working days after sending) with the %s", (_name, cal) => {
  it.each<[Day, Day, string]>([
    ["2026-09-18", "2026-10-22", "中秋 and 国庆 2026, three make-up days on the way"],
    ["2025-09-26", "2025-10-30", "国庆·中秋 2025"],
    ["2026-02-13", "2026-03-19", "春节 2026"],
    ["2025-01-24", "2025-02-27", "春节 2025"],
  ])("reply sent %s → publish by %s (%s)", (sent, expected) => {
    expect(publicationDue(sent, DEFAULT_SETTINGS, cal).due).toBe(expected);
  });
});

describe.each(CALENDARS)("workingDaysBetween with the %s", (_name, cal) => {
  it.each<[Day, Day, number, string]>([
    ["2025-01-24", "2025-02-07", 5, "春节 2025, counting Sunday 26 Jan"],
    ["2025-02-07", "2025-01-24", -5, "the same span backwards"],
    ["2025-04-03", "2025-04-07", 1, "清明 2025"],
    ["2025-04-25", "2025-05-09", 8, "劳动节 2025, counting Sunday 27 Apr"],
    ["2025-09-26", "2025-10-17", 11, "国庆 2025, counting 28 Sep and 11 Oct"],
    ["2025-12-31", "2026-01-05", 2, "元旦 2026, counting Sunday 4 Jan"],
    ["2026-02-13", "2026-02-27", 5, "春节 2026, counting Saturday 14 Feb"],
    ["2026-02-13", "2026-03-02", 7, "春节 2026, counting both make-up Saturdays"],
    ["2026-04-03", "2026-04-07", 1, "清明 2026"],
    ["2026-04-30", "2026-05-11", 5, "劳动节 2026, counting Saturday 9 May"],
    ["2026-09-18", "2026-10-12", 12, "中秋 + 国庆 2026"],
    ["2026-10-12", "2026-09-18", -12, "the same span backwards"],
    ["2026-09-30", "2026-10-08", 1, "only 8 Oct is a working day after 30 Sep"],
    ["2026-10-08", "2026-09-30", -1, "backwards"],
    ["2026-06-02", "2026-06-02", 0, "same day"],
  ])("from %s to %s = %i (%s)", (from, to, expected) => {
    expect(workingDaysBetween(from, to, cal)).toBe(expected);
  });
});

describe("workingDaysAfter / publicationDue explanations (packaged calendar)", () => {
  it("across 清明 2026: names 4月4日—6日 清明", () => {
    const e = workingDaysAfter("2026-04-01", 10, PACKAGED).explanation;
    expect(e).toContain("4月4日—6日 清明");
    expect(e).toBe("交办 2026-04-01 起 10 个工作日 → 2026-04-16，跳过 4月4日—6日 清明");
  });
  it("across 春节 2026: names the holiday and both make-up Saturdays", () => {
    expect(workingDaysAfter("2026-02-13", 10, PACKAGED).explanation).toBe(
      "交办 2026-02-13 起 10 个工作日 → 2026-03-05，跳过 2月15日—23日 春节，含 2月14日（春节调休上班）、2月28日（春节调休上班）",
    );
  });
  it("across 春节 2025: a holiday spanning two months is written 1月28日—2月4日", () => {
    expect(workingDaysAfter("2025-01-24", 10, PACKAGED).explanation).toBe(
      "交办 2025-01-24 起 10 个工作日 → 2025-02-13，跳过 1月28日—2月4日 春节，含 1月26日（春节调休上班）、2月8日（春节调休上班）",
    );
  });
  it("publication across 国庆·中秋 2025 names both festivals in one run", () => {
    expect(publicationDue("2025-09-26", DEFAULT_SETTINGS, PACKAGED).explanation).toBe(
      "答复 2025-09-26 起 20 个工作日 → 2025-10-30，跳过 10月1日—8日 国庆节、中秋，含 9月28日（国庆节调休上班）、10月11日（国庆节调休上班）",
    );
  });
  it("no holiday on the way: just the count", () => {
    expect(workingDaysAfter("2026-03-02", 10, PACKAGED).explanation).toBe("交办 2026-03-02 起 10 个工作日 → 2026-03-16");
  });
});

// ---- 4. The deadlines of one assignment ----

const clock = (over: Partial<AssignmentClock>): AssignmentClock => ({
  role: "lead",
  state: "received",
  assignedOn: "2026-03-02",
  ...over,
});

describe("assignmentDeadlines (packaged calendar, default settings)", () => {
  it.each<[AssignmentClock["role"], string, "opinion" | "reply", Day, string]>([
    ["co", "assigned", "opinion", "2026-04-02", "co-unit opinion, 1 month"],
    ["co", "received", "opinion", "2026-04-02", "co-unit opinion, 1 month"],
    ["lead", "assigned", "reply", "2026-06-02", "lead reply, 3 months"],
    ["lead", "received", "reply", "2026-06-02", "lead reply, 3 months"],
    ["parallel", "received", "reply", "2026-06-02", "parallel unit replies too"],
  ])("assigned 2026-03-02, %s in state %s owes the %s by %s (%s)", (role, state, duty, due) => {
    const d = assignmentDeadlines(clock({ role, state }), DEFAULT_SETTINGS, PACKAGED);
    expect(d.duty).toBe(duty);
    expect(d.due).toBe(due);
    expect(d.returnWindowEnd).toBe("2026-03-16");
    expect(d.extensionLimit).toBe("2026-09-02");
  });

  it("assigned 2026-04-01: opinion moves past 劳动节, window skips 清明, cap moves past 国庆", () => {
    const co = assignmentDeadlines(clock({ role: "co", assignedOn: "2026-04-01" }), DEFAULT_SETTINGS, PACKAGED);
    expect(co).toEqual({
      duty: "opinion",
      due: "2026-05-06",
      explanation: ["交办 2026-04-01 起 1 个月 → 2026-05-01（劳动节），顺延至下一工作日 2026-05-06"],
      returnWindowEnd: "2026-04-16",
      returnWindowExplanation: "交办 2026-04-01 起 10 个工作日 → 2026-04-16，跳过 4月4日—6日 清明",
      extensionLimit: "2026-10-08",
    });
    const lead = assignmentDeadlines(clock({ role: "lead", assignedOn: "2026-04-01" }), DEFAULT_SETTINGS, PACKAGED);
    expect(lead.due).toBe("2026-07-01");
  });

  it("a fixed batch due date replaces the lead's 3 months, not the co-unit's 1 month", () => {
    const s = { ...DEFAULT_SETTINGS, fixedReplyDue: "2026-05-29" };
    const lead = assignmentDeadlines(clock({ role: "lead" }), s, PACKAGED);
    expect(lead.due).toBe("2026-05-29");
    expect(lead.explanation).toEqual(["政府督查室统一确定答复期限 2026-05-29"]);
    expect(assignmentDeadlines(clock({ role: "parallel" }), s, PACKAGED).due).toBe("2026-05-29");
    expect(assignmentDeadlines(clock({ role: "co" }), s, PACKAGED).due).toBe("2026-04-02");
  });

  it("an approved extension sets the due date and explains it after the original period", () => {
    const d = assignmentDeadlines(
      clock({ extendedTo: "2026-08-31", extensionReason: "涉及跨部门协调，需列入下年度预算" }),
      DEFAULT_SETTINGS,
      PACKAGED,
    );
    expect(d.duty).toBe("reply");
    expect(d.due).toBe("2026-08-31");
    expect(d.explanation).toEqual([
      "交办 2026-03-02 起 3 个月 → 2026-06-02",
      "经批准延期至 2026-08-31（涉及跨部门协调，需列入下年度预算）",
    ]);
    expect(d.extensionLimit).toBe("2026-09-02");
  });

  it("an extension without a reason has no empty brackets", () => {
    const d = assignmentDeadlines(clock({ extendedTo: "2026-08-31" }), DEFAULT_SETTINGS, PACKAGED);
    expect(d.explanation[1]).toBe("经批准延期至 2026-08-31");
  });

  it("re-handling runs 1 month from the 不满意 rating (30 Apr + 1 month = Saturday 30 May → Monday 1 Jun)", () => {
    const d = assignmentDeadlines(clock({ state: "rehandling", rehandlingFrom: "2026-04-30" }), DEFAULT_SETTINGS, PACKAGED);
    expect(d.duty).toBe("rehandling");
    expect(d.due).toBe("2026-06-01");
    expect(d.explanation).toEqual(["代表评价不满意 2026-04-30 起 1 个月 → 2026-05-30（星期六），顺延至下一工作日 2026-06-01"]);
    expect(d.returnWindowEnd).toBe("2026-03-16");
  });

  it("re-handling rated 2026-09-01 ends 1 Oct → moved past 国庆 to 8 Oct", () => {
    const d = assignmentDeadlines(clock({ state: "rehandling", rehandlingFrom: "2026-09-01" }), DEFAULT_SETTINGS, PACKAGED);
    expect(d.due).toBe("2026-10-08");
  });

  it.each([
    ["co", "opinion_sent"],
    ["lead", "replied"],
    ["parallel", "replied"],
    ["lead", "closed"],
    ["co", "closed"],
  ] as const)("%s in delivered state %s owes nothing", (role, state) => {
    const d = assignmentDeadlines(clock({ role, state, extendedTo: "2026-08-31" }), DEFAULT_SETTINGS, PACKAGED);
    expect(d).toEqual({
      duty: null,
      due: null,
      explanation: [],
      returnWindowEnd: "2026-03-16",
      returnWindowExplanation: "交办 2026-03-02 起 10 个工作日 → 2026-03-16",
      extensionLimit: "2026-09-02",
    });
  });

  it("settings are honoured: a 2-month reply period and a 5-working-day window", () => {
    const s = { ...DEFAULT_SETTINGS, replyMonths: 2, returnWindowWorkdays: 5 };
    const d = assignmentDeadlines(clock({ assignedOn: "2026-09-28" }), s, PACKAGED);
    // 28 Sep + 2 months = Saturday 28 Nov → Monday 30 Nov; 29, 30 Sep, 8, 9 Oct, 10 Oct (make-up) = 5
    expect(d.due).toBe("2026-11-30");
    expect(d.returnWindowEnd).toBe("2026-10-10");
  });
});

// ---- 5. Editing the calendar moves running deadlines ----

describe("a calendar edit recomputes a running deadline", () => {
  const base: Calendar = toCalendar(packagedCalendar());
  const running = clock({ role: "lead", state: "received", assignedOn: "2026-03-02" });

  it("adding a day off on the due date moves it to the next working day; removing it moves it back", () => {
    expect(assignmentDeadlines(running, DEFAULT_SETTINGS, base).due).toBe("2026-06-02");

    const edited = new Map(base);
    edited.set("2026-06-02", { working: false, name: "临时放假" });
    const moved = assignmentDeadlines(running, DEFAULT_SETTINGS, edited);
    expect(moved.due).toBe("2026-06-03");
    expect(moved.explanation).toEqual(["交办 2026-03-02 起 3 个月 → 2026-06-02（临时放假），顺延至下一工作日 2026-06-03"]);

    const restored = new Map(edited);
    restored.delete("2026-06-02");
    expect(assignmentDeadlines(running, DEFAULT_SETTINGS, restored).due).toBe("2026-06-02");
    // the original calendar is untouched
    expect(assignmentDeadlines(running, DEFAULT_SETTINGS, base).due).toBe("2026-06-02");
  });

  it("removing a make-up Saturday on the due date moves the co-unit's opinion to Monday", () => {
    const co = clock({ role: "co", assignedOn: "2026-01-31" });
    expect(assignmentDeadlines(co, DEFAULT_SETTINGS, base).due).toBe("2026-02-28");
    const edited = new Map(base);
    edited.delete("2026-02-28");
    expect(assignmentDeadlines(co, DEFAULT_SETTINGS, edited).due).toBe("2026-03-02");
  });

  it("next year's schedule, once entered, moves a deadline that falls on 元旦 2027", () => {
    const lead = clock({ assignedOn: "2026-10-01" });
    // Friday 1 Jan 2027 is an ordinary weekday until the schedule is known
    expect(assignmentDeadlines(lead, DEFAULT_SETTINGS, base).due).toBe("2027-01-01");
    const edited = new Map(base);
    edited.set("2027-01-01", { working: false, name: "元旦" });
    expect(assignmentDeadlines(lead, DEFAULT_SETTINGS, edited).due).toBe("2027-01-04");
  });
});

// ---- 6. Warning lights ----

describe("warningLight (default: yellow within 5 working days)", () => {
  it.each<[Day, Day, Light, string]>([
    ["2026-10-09", "2026-09-22", "green", "7 working days left across 中秋 and 国庆"],
    ["2026-10-09", "2026-09-23", "green", "6 working days left"],
    ["2026-10-09", "2026-09-24", "yellow", "5 working days left although 15 calendar days"],
    ["2026-10-09", "2026-09-29", "yellow", "3 working days left"],
    ["2026-10-09", "2026-10-09", "yellow", "exactly on the due day: yellow, not red"],
    ["2026-10-09", "2026-10-10", "red", "the day after due (a make-up Saturday)"],
    ["2026-10-09", "2026-10-12", "red", "overdue"],
    ["2026-06-02", "2026-05-25", "green", "6 working days left, no holiday"],
    ["2026-06-02", "2026-05-26", "yellow", "5 working days left, no holiday"],
    ["2026-06-02", "2026-06-03", "red", "the day after due"],
    ["2026-02-27", "2026-02-13", "yellow", "two weeks before, but only 5 working days across 春节"],
    ["2026-02-27", "2026-02-12", "green", "6 working days before, across 春节"],
  ])("due %s, today %s → %s (%s)", (due, today, light) => {
    expect(warningLight(due, today, DEFAULT_SETTINGS, PACKAGED)).toBe(light);
  });

  it("no due date (delivered) → none", () => {
    expect(warningLight(null, "2026-06-03", DEFAULT_SETTINGS, PACKAGED)).toBe("none");
  });

  it("a shorter warning period from the settings", () => {
    expect(warningLight("2026-06-02", "2026-05-26", { warnWorkdays: 3 }, PACKAGED)).toBe("green");
    expect(warningLight("2026-06-02", "2026-05-28", { warnWorkdays: 3 }, PACKAGED)).toBe("yellow");
  });
});

describe("yellowFrom and lightFrom: the stored form of the light", () => {
  it.each<[Day, number, Day]>([
    ["2026-10-09", 5, "2026-09-24"], // across 中秋 and 国庆 (the table above)
    ["2026-06-02", 5, "2026-05-26"],
    ["2026-02-27", 5, "2026-02-13"], // across 春节
    ["2026-06-02", 3, "2026-05-28"],
    ["2026-06-02", 0, "2026-06-02"], // no warning: yellow only on the due day itself
  ])("due %s, %i working days → yellow from %s", (due, warnWorkdays, from) => {
    expect(yellowFrom(due, { warnWorkdays }, PACKAGED)).toBe(from);
  });

  // The rule stays warningLight: the stored form must give its answer on every day, for every due
  // day of two years (holidays, make-up days, weekends), for several warning periods.
  it("gives warningLight's light on every day from 40 days before to 3 days after each due day of 2025–2026", () => {
    let checked = 0;
    for (const warnWorkdays of [0, 1, 3, 5, 10]) {
      for (let due: Day = "2025-01-01"; due <= "2026-12-31"; due = addDays(due, 1)) {
        const yellowOn = yellowFrom(due, { warnWorkdays }, PACKAGED);
        for (let today = addDays(due, -40); today <= addDays(due, 3); today = addDays(today, 1)) {
          const expected = warningLight(due, today, { warnWorkdays }, PACKAGED);
          if (lightFrom(due, yellowOn, today) !== expected) throw new Error(`due ${due}, today ${today}, ${warnWorkdays}: ${expected}`);
          checked++;
        }
      }
    }
    expect(checked).toBe(5 * 730 * 44);
    expect(lightFrom(null, null, "2026-06-03")).toBe("none");
  });
});

// ---- 7. The return / adjustment window ----

describe("withinReturnWindow (10 working days from assignment)", () => {
  it.each<[Day, Day, boolean, string]>([
    ["2026-09-28", "2026-09-28", true, "the day of assignment"],
    ["2026-09-28", "2026-10-09", true, "during the window, after 国庆"],
    ["2026-09-28", "2026-10-16", true, "last day of the window"],
    ["2026-09-28", "2026-10-17", false, "the Saturday after"],
    ["2026-09-28", "2026-10-19", false, "the next working day"],
    ["2026-04-01", "2026-04-16", true, "last day, window across 清明"],
    ["2026-04-01", "2026-04-17", false, "the next working day"],
    ["2025-01-24", "2025-02-13", true, "last day, window across 春节 2025"],
    ["2025-01-24", "2025-02-14", false, "the next working day"],
  ])("assigned %s, request on %s → %s (%s)", (assignedOn, today, expected) => {
    expect(withinReturnWindow({ assignedOn }, today, DEFAULT_SETTINGS, PACKAGED)).toBe(expected);
  });
});

// ---- 8. Defects found ----

describe("defects", () => {
  it("workingDaysBetween returns 0, never -0, when `to` is earlier but no working day lies between (regression)", () => {
    // 1–4 Oct 2026 are all 国庆 holidays: backwards from 4 Oct to 1 Oct there are 0 working days.
    // The code negates the forward count, giving -0, which Object.is/toBe distinguish from 0 and
    // which Intl formats as "-0" ((-0).toLocaleString("zh-CN") === "-0").
    const n = workingDaysBetween("2026-10-04", "2026-10-01", PACKAGED);
    expect(n).toBe(0);
  });
});

describe("a due day fixed by decision still ends on a working day", () => {
  it("an approved extension to 1 October 2026 (国庆节) ends on 8 October, and says so", () => {
    const d = assignmentDeadlines(
      { role: "lead", state: "received", assignedOn: "2026-05-06", extendedTo: "2026-10-01", extensionReason: "待预算批复" },
      DEFAULT_SETTINGS,
      PACKAGED,
    );
    expect(d.due).toBe("2026-10-08");
    expect(d.explanation[1]).toBe("经批准延期至 2026-10-01（待预算批复），2026-10-01（国庆节）非工作日，顺延至下一工作日 2026-10-08");
  });

  it("a batch reply date on Saturday 3 October 2026 ends on 8 October; on a working day it stands", () => {
    const on = (fixedReplyDue: string) =>
      assignmentDeadlines({ role: "lead", state: "received", assignedOn: "2026-07-01" }, { ...DEFAULT_SETTINGS, fixedReplyDue }, PACKAGED).due;
    expect(on("2026-10-03")).toBe("2026-10-08");
    expect(on("2026-10-09")).toBe("2026-10-09");
  });
});

describe("calendarDaysBetween", () => {
  it("counts calendar days across a month and a year, negative backwards", () => {
    expect(calendarDaysBetween("2026-12-30", "2027-01-02")).toBe(3);
    expect(calendarDaysBetween("2026-03-01", "2026-02-27")).toBe(-2);
    expect(calendarDaysBetween("2026-06-30", "2026-06-30")).toBe(0);
  });
});
