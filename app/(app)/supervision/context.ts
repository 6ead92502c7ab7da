import "server-only";
import { supervisionSessions } from "@/db/queries/supervision";
import { requirePage } from "@/lib/auth/current";
import { todayInChina } from "@/lib/clock";

import { chosenSession } from "@/components/supervision/session-picker";

export type Search = Record<string, string | string[] | undefined>;

/** What every supervision page starts from: an office viewer, the chosen session (newest by default) and today. */
export async function openSupervision(searchParams: Promise<Search>) {
  const actor = await requirePage("supervision.view");
  const sp = await searchParams;
  const sessions = supervisionSessions(actor);
  return { actor, sp, sessions, session: chosenSession(sessions, sp), today: todayInChina() };
}
