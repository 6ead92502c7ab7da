import { and, eq, inArray, isNotNull, isNull, lte, ne } from "drizzle-orm";
import nodemailer from "nodemailer";
import { getDb, type Tx } from "@/db";
import { assignments, commitments, congressSessions, notifications, proposals, replies, users } from "@/db/schema";
import { now } from "./clock";
import { LIVE_PROPOSAL_STATES, RUNNING_ASSIGNMENT_STATES, addDays, dayOf, warningLight, workingDaysBetween, type Calendar, type Day, type DeadlineSettings } from "./deadlines";
import { deadlinesOf, loadCalendar, settingsOf, type SettingsCache } from "./clock-rules";
import { notifyUnit, proposalName } from "./services/notify";
import { QUOTE_SHOWN, shortened } from "./labels";

/**
 * The daily reminder job: for every running assignment, one "due soon" reminder when its light
 * turns yellow and one "overdue" reminder when it turns red, to the unit's staff and leaders.
 * Each is keyed by its threshold and due day, so running the job again (or after a restart)
 * creates nothing twice; a new due day (an approved extension) may remind again. Open commitments
 * of B replies are reminded the same way (`remindCommitments`).
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
    n += remindCommitments(tx, at, today, cal);
    return n;
  });
  const emailed = await sendPendingEmails(at);
  return { created, emailed };
}

/**
 * Open commitments of sent replies (docs/rules.md § "Commitments"), each reminded to its unit's staff
 * and leaders once when it comes within the session's warning days and once when it is overdue,
 * keyed by the commitment and its day like the deadlines above.
 */
function remindCommitments(tx: Tx, at: Date, today: Day, cal: Calendar) {
  // Read along the (state, due_on) index: open commitments due before the farthest day a warning can
  // start (warningLight calls anything further green without counting; warning days are at most 30).
  const horizon = addDays(today, 2 * 30 + 31);
  const due = tx
    .select({ c: commitments, sessionId: proposals.sessionId })
    .from(commitments)
    .innerJoin(replies, eq(replies.id, commitments.replyId))
    .innerJoin(proposals, eq(proposals.id, commitments.proposalId))
    .where(and(eq(commitments.state, "open"), lte(commitments.dueOn, horizon), eq(replies.state, "sent"), ne(proposals.state, "withdrawn")))
    .all();
  const settings = new Map<number, DeadlineSettings>();
  const settingsOfSession = (id: number) => {
    if (!settings.has(id)) settings.set(id, settingsOf(tx.select().from(congressSessions).where(eq(congressSessions.id, id)).get()!));
    return settings.get(id)!;
  };
  let n = 0;
  for (const { c, sessionId } of due) {
    const light = warningLight(c.dueOn, today, settingsOfSession(sessionId), cal);
    if (light !== "red" && light !== "yellow") continue;
    const what = shortened(c.content, QUOTE_SHOWN);
    const name = proposalName(tx, c.proposalId);
    n += notifyUnit(tx, c.unitId, ["unit_staff", "unit_leader"], {
      kind: light === "red" ? "commitment_overdue" : "commitment_due_soon",
      proposalId: c.proposalId,
      assignmentId: c.assignmentId,
      at,
      threshold: `${light === "red" ? "overdue" : "soon"}:commitment-${c.id}:${c.dueOn}`,
      message:
        light === "red"
          ? `${name}答复中承诺的“${what}”已逾期（承诺时限 ${c.dueOn}），请抓紧落实并报告进展。`
          : `${name}答复中承诺的“${what}”将于 ${c.dueOn} 到期（还有 ${workingDaysBetween(today, c.dueOn, cal)} 个工作日），请按时落实并报告完成情况。`,
    });
  }
  return n;
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

