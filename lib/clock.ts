import fs from "node:fs";
import { dayOf, type Day } from "./deadlines";

/**
 * The one source of "now" for services. `BANLI_NOW` (an ISO date-time) pins it, so a demo can
 * stand on a chosen day; the seed moves it while it replays a proposal's history; and browser
 * tests move a running server's clock through the file named by `BANLI_TEST_CLOCK_FILE`.
 */
let pinned: Date | null = null;

export function now(): Date {
  if (pinned) return new Date(pinned);
  const file = process.env.BANLI_TEST_CLOCK_FILE;
  if (file) {
    try {
      const text = fs.readFileSync(file, "utf8").trim();
      if (text) return new Date(text);
    } catch {
      // no file: the real clock
    }
  }
  const env = process.env.BANLI_NOW;
  return env ? new Date(env) : new Date();
}

export function setNow(date: Date | null) {
  pinned = date;
}

/** Today in China (Asia/Shanghai), as YYYY-MM-DD: the one "today" every deadline, light and form check uses. */
export function todayInChina(): Day {
  return dayOf(now());
}
