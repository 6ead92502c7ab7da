import { and, eq, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import nodemailer from "nodemailer";
import { getDb } from "@/db";
import { assignments, notifications, proposals, users } from "@/db/schema";
import { now } from "./clock";
import { LIVE_PROPOSAL_STATES, RUNNING_ASSIGNMENT_STATES, dayOf, warningLight, workingDaysBetween } from "./deadlines";
import { deadlinesOf, loadCalendar, type SettingsCache } from "./clock-rules";
import { notifyUnit, proposalName } from "./services/notify";

/**
 * The daily reminder job: for every running assignment, one "due soon" reminder when its light
 * turns yellow and one "overdue" reminder when it turns red, to the unit's staff and leaders.
 * Each is keyed by its threshold and due day, so running the job again (or after a restart)
 * creates nothing twice; a new due day (an approved extension) may remind again.
 */
export async function runReminders(at = now()) {
  const db = getDb();
  const today = dayOf(at);
  const created = db.transaction((tx) => {
    const cal = loadCalendar(tx);
    const running = tx
      .select({ a: assignments })
      .from(assignments)
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .where(
        and(
          inArray(assignments.state, RUNNING_ASSIGNMENT_STATES),
          inArray(proposals.state, LIVE_PROPOSAL_STATES),
          // Only those whose stored light is yellow or red today: the rest need no reminder.
          lte(assignments.yellowOn, today),
        ),
      )
      .all()
      .map((r) => r.a);
    let n = 0;
    const cache: SettingsCache = new Map();
    for (const a of running) {
      const { due, duty, settings } = deadlinesOf(tx, a, cal, cache);
      const light = warningLight(due, today, settings, cal);
      if (!due || (light !== "red" && light !== "yellow")) continue;
      const what = duty === "opinion" ? "协办意见" : duty === "rehandling" ? "重新办理答复" : "答复";
      const name = proposalName(tx, a.proposalId);
      n += notifyUnit(tx, a.unitId, ["unit_staff", "unit_leader"], {
        kind: light === "red" ? "overdue" : "due_soon",
        proposalId: a.proposalId,
        assignmentId: a.id,
        at,
        threshold: `${light === "red" ? "overdue" : "soon"}:${due}`,
        message:
          light === "red"
            ? `${name}的${what}已逾期（期限 ${due}），请抓紧办理。`
            : `${name}的${what}将于 ${due} 到期（还有 ${workingDaysBetween(today, due, cal)} 个工作日）。`,
      });
    }
    return n;
  });
  const emailed = await sendPendingEmails(at);
  return { created, emailed };
}

/** Email through SMTP when `SMTP_URL` is set (e.g. smtp://user:pass@host:587); skipped cleanly otherwise. */
async function sendPendingEmails(at: Date) {
  const url = process.env.SMTP_URL;
  if (!url) return 0;
  const db = getDb();
  const pending = db
    .select({ id: notifications.id, message: notifications.message, to: users.email })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(isNull(notifications.emailedAt), isNotNull(users.email), eq(users.active, true)))
    .limit(500)
    .all();
  if (!pending.length) return 0;
  const transport = nodemailer.createTransport(url);
  let sent = 0;
  for (const p of pending) {
    try {
      await transport.sendMail({ from: process.env.SMTP_FROM ?? "banli@localhost", to: p.to!, subject: "建议办理提醒", text: p.message });
      db.update(notifications).set({ emailedAt: at }).where(eq(notifications.id, p.id)).run();
      sent++;
    } catch (error) {
      console.error("提醒邮件发送失败", error);
      break;
    }
  }
  return sent;
}

