import "server-only";
import { notFound } from "next/navigation";
import { supervisionSessions } from "@/db/queries/supervision";
import { requireActor } from "@/lib/auth/current";
import { isOffice } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { dayOf } from "@/lib/deadlines";
import { chosenSession } from "@/components/supervision/session-picker";

export type Search = Record<string, string | string[] | undefined>;

/** What every supervision page starts from: an office viewer, the chosen session (newest by default) and today. */
export async function openSupervision(searchParams: Promise<Search>) {
  const actor = await requireActor();
  if (!isOffice(actor.role)) notFound();
  const sp = await searchParams;
  const sessions = supervisionSessions(actor);
  return { actor, sp, sessions, session: chosenSession(sessions, sp), today: dayOf(now()) };
}
