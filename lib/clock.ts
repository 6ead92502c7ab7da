/**
 * The one source of "now" for services. `BANLI_NOW` (an ISO date-time) pins it, so a test or a
 * demo can stand on a chosen day; the seed moves it while it replays a proposal's history.
 */
let pinned: Date | null = null;

export function now(): Date {
  if (pinned) return new Date(pinned);
  const env = process.env.BANLI_NOW;
  return env ? new Date(env) : new Date();
}

export function setNow(date: Date | null) {
  pinned = date;
}
