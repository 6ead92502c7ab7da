import type { Db } from "../db";
import { hashOf, GENESIS } from "../lib/audit";
import { setNow } from "../lib/clock";
import { FIELDS } from "../lib/workflow";
import { drawScenario, drive, prepareCast, random, stageOf, TOPICS, type BulkOptions, type Cast, type Scenario } from "./bulk-data";

/**
 * National-scale data in minutes. Driving 100,000 proposals through the services takes an hour
 * (30–50 ms each), so each session gets a few hundred "templates" driven through the services as
 * before (every stage, with extensions, opinions, contacts, replies, ratings), and every further
 * proposal is a copy of one template's rows with its own identity: number, field and topic, lead
 * deputy and co-signers, units and the accounts acting for them, document numbers. History,
 * notifications and the audit chain are copied the same way (the audit entries re-chained and
 * re-keyed), and stored deadlines stay what the services computed (same session, same dates).
 *
 * `tests/integration/scale-data.test.ts` replays a sample of the copies through the services on a
 * second database and compares every row: a copy is what the services would have written.
 */

export type ScaleOptions = BulkOptions & {
  /** Proposals per session driven through the services; a multiple of 20 keeps every stage covered. */
  templatesPerSession?: number;
  /** Keep each copy's scenario (for the replay test). */
  keepScenarios?: boolean;
};

type Row = Record<string, unknown>;
type Template = { proposalId: number; scenario: Scenario };

export async function addScaleData(db: Db, options: ScaleOptions = {}) {
  const cast = await prepareCast(db, options);
  const rnd = random(options.seed ?? 2026);
  const perSession = options.templatesPerSession ?? 200;
  const total = cast.targets.reduce((n, t) => n + t.count, 0);
  const started = Date.now();
  const copies: { proposalId: number; scenario: Scenario }[] = [];
  let done = 0;
  const report = () => {
    done++;
    // About twenty reports a run, whatever its size.
    if (options.progress && (done % Math.max(100, Math.round(total / 20)) === 0 || done === total)) options.progress(done, total);
  };

  // Templates: driven through the services, in batches of 200 per transaction.
  const templates = new Map<number, Template[]>();
  try {
    for (const target of cast.targets) {
      const list: Template[] = [];
      for (let i = 0; i < Math.min(perSession, target.count); i++) {
        if (i % 200 === 0) {
          if (db.$client.inTransaction) db.$client.exec("commit");
          db.$client.exec("begin");
        }
        const scenario = drawScenario(cast, rnd, target, i, stageOf(target, i));
        list.push({ proposalId: drive(cast, scenario), scenario });
        report();
      }
      if (db.$client.inTransaction) db.$client.exec("commit");
      templates.set(target.sessionId, list);
    }
  } finally {
    if (db.$client.inTransaction) db.$client.exec("commit");
    setNow(null);
  }

  // Copies: i-th proposal of a session copies template i mod n (same stage when n is a multiple of 20).
  const copier = new Copier(cast);
  try {
    for (const target of cast.targets) {
      const list = templates.get(target.sessionId)!;
      for (let i = list.length; i < target.count; i++) {
        if (i % 2000 === 0 || i === list.length) {
          if (db.$client.inTransaction) db.$client.exec("commit");
          db.$client.exec("begin");
        }
        const template = list[i % list.length];
        const scenario = withNewIdentity(cast, rnd, template.scenario, target.number++);
        const proposalId = copier.copy(template, scenario);
        if (options.keepScenarios) copies.push({ proposalId, scenario });
        report();
      }
      if (db.$client.inTransaction) db.$client.exec("commit");
    }
    db.$client.exec("begin");
    copier.saveDocSequences();
    db.$client.exec("commit");
  } finally {
    if (db.$client.inTransaction) db.$client.exec("rollback");
  }
  return { proposals: total, templates: [...templates.values()].reduce((n, l) => n + l.length, 0), copies, ms: Date.now() - started };
}

/** The template's course with a new number, topic, deputies and units (as many of each as the template has). */
function withNewIdentity(cast: Cast, rnd: () => number, t: Scenario, number: number): Scenario {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const field = pick(FIELDS);
  const distinct = (pool: number[], n: number, taken: number[] = []) => {
    const out: number[] = [];
    while (out.length < n) {
      const x = pick(pool);
      if (!out.includes(x) && !taken.includes(x)) out.push(x);
    }
    return out;
  };
  const [lead, ...cosigners] = distinct(cast.deputyIds, 1 + t.cosigners.length);
  const unitsNeeded = distinct(cast.unitIds, t.replying.length + t.co.length);
  return {
    ...t,
    number,
    field,
    topic: pick(TOPICS[field]),
    lead,
    cosigners,
    replying: unitsNeeded.slice(0, t.replying.length),
    co: unitsNeeded.slice(t.replying.length),
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

class Copier {
  private readonly db: Db;
  private readonly rows = new Map<number, Record<string, Row[]>>();
  private readonly inserts = new Map<string, ReturnType<Db["$client"]["prepare"]>>();
  private readonly nextId = new Map<string, number>();
  private readonly users: Map<number, { id: number; displayName: string; role: string; unitId: number | null; deputyId: number | null; active: number }>;
  private readonly usersOfUnitRole = new Map<string, number[]>();
  private readonly unitsById: Map<number, { name: string; short_name: string }>;
  private readonly deputyNames: Map<number, string>;
  private readonly docSeq = new Map<string, number>();
  private lastHash: string;
  private ip = "-";

  constructor(private readonly cast: Cast) {
    this.db = cast.db;
    const c = this.db.$client;
    this.users = new Map(
      (c.prepare("select id, display_name as displayName, role, unit_id as unitId, deputy_id as deputyId, active from users").all() as never[]).map((u: { id: number }) => [u.id, u as never]),
    );
    for (const u of this.users.values())
      if (u.active && u.unitId != null) {
        const key = `${u.unitId}:${u.role}`;
        this.usersOfUnitRole.set(key, [...(this.usersOfUnitRole.get(key) ?? []), u.id]);
      }
    this.unitsById = new Map((c.prepare("select id, name, short_name from units").all() as { id: number; name: string; short_name: string }[]).map((u) => [u.id, u]));
    this.deputyNames = new Map((c.prepare("select id, name from deputies").all() as { id: number; name: string }[]).map((d) => [d.id, d.name]));
    this.lastHash = (c.prepare("select hash from audit_log order by id desc limit 1").get() as { hash: string } | undefined)?.hash ?? GENESIS;
    for (const table of ["proposals", "assignments", "opinions", "replies", "contact_logs", "requests", "ratings"])
      this.nextId.set(table, (c.prepare(`select coalesce(max(id), 0) + 1 as n from ${table}`).get() as { n: number }).n);
  }

  /** Every row a template's proposal has, read once. */
  private templateRows(proposalId: number) {
    const cached = this.rows.get(proposalId);
    if (cached) return cached;
    const c = this.db.$client;
    const all = (sql: string, ...args: unknown[]) => c.prepare(sql).all(...args) as Row[];
    const assignmentsOf = `(select id from assignments where proposal_id = ${proposalId})`;
    const rows = {
      proposals: all("select * from proposals where id = ?", proposalId),
      proposal_cosigners: all("select * from proposal_cosigners where proposal_id = ? order by position", proposalId),
      assignments: all("select * from assignments where proposal_id = ? order by id", proposalId),
      opinions: all(`select * from opinions where assignment_id in ${assignmentsOf} order by id`),
      replies: all(`select * from replies where assignment_id in ${assignmentsOf} order by id`),
      contact_logs: all(`select * from contact_logs where assignment_id in ${assignmentsOf} order by id`),
      requests: all(`select * from requests where assignment_id in ${assignmentsOf} order by id`),
      ratings: all(`select * from ratings where reply_id in (select id from replies where assignment_id in ${assignmentsOf}) order by id`),
      history: all("select * from history where proposal_id = ? order by id", proposalId),
      notifications: all("select * from notifications where proposal_id = ? order by id", proposalId),
    };
    const audit = c.prepare("select ip from audit_log where object_type = 'proposal' and object_id = ? limit 1").get(String(proposalId)) as { ip: string } | undefined;
    if (audit) this.ip = audit.ip;
    this.rows.set(proposalId, rows);
    return rows;
  }

  private insert(table: string, row: Row, orIgnore = false) {
    const columns = Object.keys(row);
    const key = `${table}:${orIgnore}:${columns.join(",")}`;
    let statement = this.inserts.get(key);
    if (!statement) {
      statement = this.db.$client.prepare(
        `insert ${orIgnore ? "or ignore " : ""}into ${table} (${columns.join(", ")}) values (${columns.map((c) => `@${c}`).join(", ")})`,
      );
      this.inserts.set(key, statement);
    }
    statement.run(row);
  }

  private takeId(table: string) {
    const id = this.nextId.get(table)!;
    this.nextId.set(table, id + 1);
    return id;
  }

  /** The next 文号 of the unit's series for that year and kind (as allocateDocNumber hands them out). */
  private docNumber(unitId: number, old: string) {
    const m = /(函|复)〔(\d{4})〕\d+号$/.exec(old);
    if (!m) throw new Error(`unexpected document number ${old}`);
    const kind = m[1] === "函" ? "opinion" : "reply";
    const key = `${unitId}:${m[2]}:${kind}`;
    let last = this.docSeq.get(key);
    if (last == null)
      last =
        (this.db.$client.prepare("select last from doc_sequences where unit_id = ? and year = ? and kind = ?").get(unitId, Number(m[2]), kind) as { last: number } | undefined)?.last ?? 0;
    this.docSeq.set(key, last + 1);
    return `${this.unitsById.get(unitId)!.short_name}${m[1]}〔${m[2]}〕${last + 1}号`;
  }

  saveDocSequences() {
    const upsert = this.db.$client.prepare(
      "insert into doc_sequences (unit_id, year, kind, last) values (?, ?, ?, ?) on conflict (unit_id, year, kind) do update set last = excluded.last",
    );
    for (const [key, last] of this.docSeq) {
      const [unitId, year, kind] = key.split(":");
      upsert.run(Number(unitId), Number(year), kind, last);
    }
  }

  copy(template: Template, s: Scenario): number {
    const t = template.scenario;
    const rows = this.templateRows(template.proposalId);
    const { staffOf, leaderOf, deputyOf } = this.cast;

    // Who stands for whom.
    const unitMap = new Map<number, number>();
    [...t.replying, ...t.co].forEach((u, k) => unitMap.set(u, [...s.replying, ...s.co][k]));
    const deputyMap = new Map<number, number>();
    [t.lead, ...t.cosigners].forEach((d, k) => deputyMap.set(d, [s.lead, ...s.cosigners][k]));
    const userMap = new Map<number, number>();
    const names = new Map<string, string>();
    const rename = (from: string, to: string) => {
      if (from !== to && !names.has(from)) names.set(from, to);
    };
    for (const [from, to] of unitMap) {
      for (const actors of [staffOf, leaderOf]) {
        userMap.set(actors.get(from)!.id, actors.get(to)!.id);
        rename(actors.get(from)!.displayName, actors.get(to)!.displayName);
      }
      rename(this.unitsById.get(from)!.name, this.unitsById.get(to)!.name);
      rename(this.unitsById.get(from)!.short_name, this.unitsById.get(to)!.short_name);
    }
    for (const [from, to] of deputyMap) {
      userMap.set(deputyOf.get(from)!.id, deputyOf.get(to)!.id);
      rename(this.deputyNames.get(from)!, this.deputyNames.get(to)!);
    }
    rename(`关于${t.topic}的建议`, `关于${s.topic}的建议`);
    rename(t.topic, s.topic);
    rename(t.topic.slice(2), s.topic.slice(2));
    rename(`第${t.number}号`, `第${s.number}号`);
    const pattern = new RegExp([...names.keys()].sort((a, b) => b.length - a.length).map(escape).join("|"), "g");
    const text = (v: unknown) => (typeof v === "string" && names.size ? v.replace(pattern, (m) => names.get(m)!) : v);
    const user = (v: unknown) => (v == null ? v : (userMap.get(v as number) ?? v));
    const unit = (v: unknown) => (v == null ? v : (unitMap.get(v as number) ?? v));

    const ids: Record<string, Map<unknown, number>> = {};
    const newId = (table: string, old: unknown) => {
      const id = this.takeId(table);
      (ids[table] ??= new Map()).set(old, id);
      return id;
    };
    const idOf = (table: string, old: unknown) => (old == null ? old : ids[table]?.get(old));
    const docNumbers = new Map<string, string>();

    const p = rows.proposals[0];
    const proposalId = newId("proposals", p.id);
    this.insert("proposals", { ...p, id: proposalId, number: s.number, field: s.field, title: text(p.title), body: text(p.body), lead_deputy_id: deputyMap.get(p.lead_deputy_id as number) });
    for (const r of rows.proposal_cosigners) this.insert("proposal_cosigners", { ...r, proposal_id: proposalId, deputy_id: deputyMap.get(r.deputy_id as number) });
    for (const r of rows.assignments)
      this.insert("assignments", {
        ...r,
        id: newId("assignments", r.id),
        proposal_id: proposalId,
        unit_id: unit(r.unit_id),
        replaces_id: idOf("assignments", r.replaces_id) ?? null,
        extension_reason: text(r.extension_reason),
      });
    for (const table of ["opinions", "replies"] as const)
      for (const r of rows[table]) {
        const assignmentId = idOf("assignments", r.assignment_id)!;
        const unitId = unit(rows.assignments.find((a) => a.id === r.assignment_id)!.unit_id) as number;
        let docNumber = r.doc_number as string | null;
        if (docNumber) {
          const next = this.docNumber(unitId, docNumber);
          docNumbers.set(docNumber, next);
          docNumber = next;
        }
        this.insert(table, {
          ...r,
          id: newId(table, r.id),
          assignment_id: assignmentId,
          body: text(r.body),
          contact_person: text(r.contact_person),
          drafted_by_id: user(r.drafted_by_id),
          updated_by_id: user(r.updated_by_id),
          signer_id: user(r.signer_id),
          doc_number: docNumber,
          return_comment: text(r.return_comment),
        });
      }
    for (const r of rows.contact_logs)
      this.insert("contact_logs", { ...r, id: newId("contact_logs", r.id), assignment_id: idOf("assignments", r.assignment_id), people: text(r.people), created_by_id: user(r.created_by_id) });
    for (const r of rows.requests)
      this.insert("requests", {
        ...r,
        id: newId("requests", r.id),
        assignment_id: idOf("assignments", r.assignment_id),
        suggested_unit_id: unit(r.suggested_unit_id),
        new_unit_id: unit(r.new_unit_id),
        created_by_id: user(r.created_by_id),
        decided_by_id: user(r.decided_by_id),
      });
    for (const r of rows.ratings)
      this.insert("ratings", { ...r, id: newId("ratings", r.id), reply_id: idOf("replies", r.reply_id), deputy_id: deputyMap.get(r.deputy_id as number), rated_by_id: user(r.rated_by_id), comment: text(r.comment) });

    // History, and the audit entry each history entry has (record() writes both, in that order).
    const subjects: Record<string, string> = {
      proposal: "proposals",
      assignment: "assignments",
      opinion: "opinions",
      reply: "replies",
      contact: "contact_logs",
      request: "requests",
      rating: "ratings",
    };
    const json = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(json);
      if (v && typeof v === "object")
        return Object.fromEntries(
          Object.entries(v).map(([k, x]) => [
            k,
            k === "unitId" ? unit(x) : k === "signerId" ? user(x) : k === "successorId" ? idOf("assignments", x) : k === "docNumber" ? (docNumbers.get(x as string) ?? x) : k === "number" ? s.number : json(x),
          ]),
        );
      return text(v);
    };
    for (const h of rows.history) {
      const table = subjects[h.subject_type as string];
      const subjectId = table ? idOf(table, h.subject_id) : undefined;
      if (subjectId == null) throw new Error(`cannot copy a history entry about ${h.subject_type} ${h.subject_id}`);
      const actorId = user(h.actor_id) as number | null;
      const entry = {
        at: h.at,
        actor_id: actorId,
        action: h.action,
        subject_type: h.subject_type,
        subject_id: subjectId,
        proposal_id: proposalId,
        unit_id: unit(h.unit_id),
        before: h.before == null ? null : JSON.stringify(json(JSON.parse(h.before as string))),
        after: h.after == null ? null : JSON.stringify(json(JSON.parse(h.after as string))),
      };
      this.insert("history", entry);
      const actor = actorId == null ? null : this.users.get(actorId)!;
      const fields = {
        at: new Date(h.at as number),
        actorId,
        actorName: (actor?.displayName ?? "系统").slice(0, 100),
        actorRole: actor?.role ?? null,
        ip: this.ip,
        action: h.action as string,
        objectType: h.subject_type as string,
        objectId: String(subjectId),
        result: "ok" as const,
        detail: JSON.stringify({ proposalId }),
        prevHash: this.lastHash,
      };
      this.lastHash = hashOf(fields);
      this.insert("audit_log", {
        at: h.at,
        actor_id: fields.actorId,
        actor_name: fields.actorName,
        actor_role: fields.actorRole,
        ip: fields.ip,
        action: fields.action,
        object_type: fields.objectType,
        object_id: fields.objectId,
        result: fields.result,
        detail: fields.detail,
        prev_hash: fields.prevHash,
        hash: this.lastHash,
      });
    }

    // Notifications: everyone the services would notify (all active staff of a unit, the deputy's account).
    for (const { id: _id, ...n } of rows.notifications) {
      const recipient = this.users.get(n.user_id as number)!;
      const to =
        recipient.unitId != null && unitMap.has(recipient.unitId)
          ? (this.usersOfUnitRole.get(`${unitMap.get(recipient.unitId)}:${recipient.role}`) ?? [])
          : [user(n.user_id) as number];
      for (const userId of to)
        this.insert(
          "notifications",
          { ...n, user_id: userId, proposal_id: proposalId, assignment_id: idOf("assignments", n.assignment_id) ?? null, message: text(n.message) },
          true,
        );
    }
    return proposalId;
  }
}
