import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import {
  assignments,
  attachments,
  congressSessions,
  contactLogs,
  deputies,
  opinions,
  proposals,
  ratings,
  replies,
  requests,
  units,
  users,
} from "@/db/schema";
import { actionText, auditObjectLabel, exportListLabel } from "@/lib/labels";

/*
 * What each audit entry on a page is about, in words: "用户 张伟", "第155号建议", "市经信局的答复
 * （第155号建议）". The entry keeps the object's type and id (codes); the names are looked up here,
 * a handful of primary-key reads per page of 50 entries, whatever the log holds. A record that no
 * longer exists (a rejected new account) is named by its kind.
 */

export type AuditObjectRow = { id: number; action: string; objectType: string; objectId: string | null };
/** `text` is what the page shows; `full` adds the session of a proposal number and the stored code. */
export type AuditObjectName = { text: string; full: string };

type Target = { kind: Kind; id: number };
const KINDS = ["user", "unit", "deputy", "session", "proposal", "assignment", "opinion", "reply", "contact", "request", "rating", "attachment"] as const;
type Kind = (typeof KINDS)[number];
const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);

/** A refused form names its record as "assignmentId=12,documentId=3" (lib/action.ts): the record it is about. */
const FIELD_KIND: Record<string, Kind> = {
  assignmentId: "assignment",
  proposalId: "proposal",
  replyId: "reply",
  requestId: "request",
  attachmentId: "attachment",
  userId: "user",
  unitId: "unit",
  deputyId: "deputy",
  sessionId: "session",
};

/** "答复", or "第2轮答复" after a re-handling (the proposal follows in brackets, so no second bracket here). */
const roundReply = (round: number) => (round > 1 ? `第${round}轮答复` : "答复");
const own = (table: Record<string, string>, key: string) => (Object.hasOwn(table, key) ? table[key] : undefined);
const kindWord = (type: string) => own(auditObjectLabel, type) ?? type;

function targetOf(r: AuditObjectRow): Target | null {
  const id = r.objectId != null && /^\d{1,15}$/.test(r.objectId) ? Number(r.objectId) : null;
  if (id != null) {
    // A sign-out's "session" is the sign-in session (a hash prefix), never a numeric 届次.
    if (isKind(r.objectType) && !(r.objectType === "session" && r.action === "logout")) return { kind: r.objectType, id };
    return null;
  }
  for (const pair of (r.objectId ?? "").split(",")) {
    const [field, value] = pair.split("=");
    if (!value || !/^\d{1,15}$/.test(value)) continue;
    if (field === "documentId" && (r.objectType === "opinion" || r.objectType === "reply")) return { kind: r.objectType, id: Number(value) };
    const kind = own(FIELD_KIND as Record<string, string>, field) as Kind | undefined;
    if (kind) return { kind, id: Number(value) };
  }
  return null;
}

/** The words for entries that name no record: a sign-in name, a list taken out, a page, the log itself. */
function plainName(r: AuditObjectRow): string {
  if (r.objectType === "account" && r.objectId) return `账号 ${r.objectId}`;
  if (r.objectType === "session" && r.action === "logout") return "登录会话";
  if (r.objectType === "export" && r.objectId) return own(exportListLabel, r.objectId) ?? kindWord("export");
  if (r.objectType === "page" && r.objectId) return `页面（${actionText(r.objectId)}）`;
  if (r.objectType === "audit_log" && r.objectId?.startsWith("..")) return `审计日志（第${r.objectId.slice(2)}条及以前）`;
  return kindWord(r.objectType);
}

export function auditObjectNames(db: Db, rows: readonly AuditObjectRow[]): Map<number, AuditObjectName> {
  const targets = new Map(rows.map((r) => [r.id, targetOf(r)] as const));
  const wanted = (kind: Kind) => [...new Set([...targets.values()].filter((t): t is Target => t?.kind === kind).map((t) => t.id))];
  const read = <R extends { id: number }>(ids: number[], load: (ids: number[]) => R[]) => new Map((ids.length ? load(ids) : []).map((x) => [x.id, x]));

  const userNames = read(wanted("user"), (ids) => db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids)).all());
  const unitNames = read(wanted("unit"), (ids) => db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids)).all());
  const deputyNames = read(wanted("deputy"), (ids) => db.select({ id: deputies.id, name: deputies.name }).from(deputies).where(inArray(deputies.id, ids)).all());
  const sessionNames = read(wanted("session"), (ids) =>
    db.select({ id: congressSessions.id, name: congressSessions.name }).from(congressSessions).where(inArray(congressSessions.id, ids)).all(),
  );
  // Records on a proposal lead to their assignment (its unit), and the assignment to its proposal.
  const opinionRows = read(wanted("opinion"), (ids) => db.select({ id: opinions.id, assignmentId: opinions.assignmentId }).from(opinions).where(inArray(opinions.id, ids)).all());
  const replyRows = read(wanted("reply"), (ids) =>
    db.select({ id: replies.id, assignmentId: replies.assignmentId, round: replies.round }).from(replies).where(inArray(replies.id, ids)).all(),
  );
  const contactRows = read(wanted("contact"), (ids) =>
    db.select({ id: contactLogs.id, assignmentId: contactLogs.assignmentId }).from(contactLogs).where(inArray(contactLogs.id, ids)).all(),
  );
  const requestRows = read(wanted("request"), (ids) =>
    db.select({ id: requests.id, assignmentId: requests.assignmentId, kind: requests.kind }).from(requests).where(inArray(requests.id, ids)).all(),
  );
  const ratingRows = read(wanted("rating"), (ids) =>
    db
      .select({ id: ratings.id, deputy: deputies.name, assignmentId: replies.assignmentId, round: replies.round })
      .from(ratings)
      .innerJoin(deputies, eq(deputies.id, ratings.deputyId))
      .innerJoin(replies, eq(replies.id, ratings.replyId))
      .where(inArray(ratings.id, ids))
      .all(),
  );
  const attachmentRows = read(wanted("attachment"), (ids) =>
    db.select({ id: attachments.id, fileName: attachments.fileName, proposalId: attachments.proposalId }).from(attachments).where(inArray(attachments.id, ids)).all(),
  );
  const assignmentIds = [
    ...new Set([
      ...wanted("assignment"),
      ...[...opinionRows.values(), ...replyRows.values(), ...contactRows.values(), ...requestRows.values(), ...ratingRows.values()].map((x) => x.assignmentId),
    ]),
  ];
  const assignmentRows = read(assignmentIds, (ids) =>
    db
      .select({ id: assignments.id, proposalId: assignments.proposalId, unit: units.name })
      .from(assignments)
      .innerJoin(units, eq(units.id, assignments.unitId))
      .where(inArray(assignments.id, ids))
      .all(),
  );
  const proposalIds = [...new Set([...wanted("proposal"), ...[...assignmentRows.values()].map((a) => a.proposalId), ...[...attachmentRows.values()].map((a) => a.proposalId)])];
  const proposalRows = read(proposalIds, (ids) =>
    db
      .select({ id: proposals.id, number: proposals.number, session: congressSessions.name })
      .from(proposals)
      .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
      .where(inArray(proposals.id, ids))
      .all(),
  );

  const proposalWords = (id: number | undefined) => {
    const p = id == null ? undefined : proposalRows.get(id);
    return p ? { short: `第${p.number}号建议`, long: `${p.session}第${p.number}号建议` } : null;
  };
  /** "市经信局的答复", with the proposal in brackets. */
  const onAssignment = (assignmentId: number, what: (unit: string) => string) => {
    const a = assignmentRows.get(assignmentId);
    if (!a) return null;
    const p = proposalWords(a.proposalId);
    return { text: `${what(a.unit)}${p ? `（${p.short}）` : ""}`, long: `${what(a.unit)}${p ? `（${p.long}）` : ""}` };
  };

  function named(t: Target): { text: string; long: string } | null {
    const simple = (name: string | undefined) => (name ? { text: `${kindWord(t.kind)} ${name}`, long: `${kindWord(t.kind)} ${name}` } : null);
    switch (t.kind) {
      case "user":
        return simple(userNames.get(t.id)?.name);
      case "unit":
        return simple(unitNames.get(t.id)?.name);
      case "deputy":
        return simple(deputyNames.get(t.id)?.name);
      case "session":
        return simple(sessionNames.get(t.id)?.name);
      case "proposal": {
        const p = proposalWords(t.id);
        return p && { text: p.short, long: p.long };
      }
      case "assignment":
        return onAssignment(t.id, (unit) => `${unit}的承办事项`);
      case "opinion": {
        const o = opinionRows.get(t.id);
        return o ? onAssignment(o.assignmentId, (unit) => `${unit}的协办意见`) : null;
      }
      case "reply": {
        const r = replyRows.get(t.id);
        return r ? onAssignment(r.assignmentId, (unit) => `${unit}的${roundReply(r.round)}`) : null;
      }
      case "contact": {
        const c = contactRows.get(t.id);
        return c ? onAssignment(c.assignmentId, (unit) => `${unit}的联系代表记录`) : null;
      }
      case "request": {
        const r = requestRows.get(t.id);
        return r ? onAssignment(r.assignmentId, (unit) => `${unit}的${r.kind === "adjustment" ? "调整申请" : "延期申请"}`) : null;
      }
      case "rating": {
        const r = ratingRows.get(t.id);
        return r ? onAssignment(r.assignmentId, (unit) => `${r.deputy}代表对${unit}${roundReply(r.round)}的评价`) : null;
      }
      case "attachment": {
        const a = attachmentRows.get(t.id);
        if (!a) return null;
        const p = proposalWords(a.proposalId);
        return { text: `附件“${a.fileName}”${p ? `（${p.short}）` : ""}`, long: `附件“${a.fileName}”${p ? `（${p.long}）` : ""}` };
      }
    }
  }

  const out = new Map<number, AuditObjectName>();
  for (const r of rows) {
    const code = `${r.objectType}${r.objectId ? ` ${r.objectId}` : ""}`;
    const t = targets.get(r.id);
    const found = t ? named(t) : null;
    const text = found?.text ?? (t ? `${kindWord(t.kind)}（记录已不存在）` : plainName(r));
    out.set(r.id, { text, full: `${found?.long ?? text}（${code}）` });
  }
  return out;
}
