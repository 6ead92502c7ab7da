import { beforeAll, describe, expect, it } from "vitest";
import { openDb, useDb, type Db } from "@/db";
import { seed } from "@/db/seed";
import { PAGE_SIZE, getProposalDetail, listProposals, type ProposalFilters } from "@/db/queries/proposals";
import { DESK_PAGE_SIZE, DESK_SECTIONS, awaitingMyRating, nextStep, stateCounts, unitDesk, type DeskRow } from "@/db/queries/workbench";
import { adminLists } from "@/db/queries/admin";
import type { Actor } from "@/lib/auth/actor";
import { Forbidden, NotFound } from "@/lib/errors";
import { PROPOSAL_STATES, REPLY_CATEGORIES, type ProposalState, type ReplyCategory } from "@/lib/workflow";
import { actorOf } from "../fixtures";
import { substringScan } from "../search-oracle";

/*
 * The read side (db/queries) against the demo database, seeded once for the whole file and only
 * read afterwards. Every expectation is computed independently with plain SQL on the same
 * connection (db.$client), never hard-coded, except where the domain or the demo case fixes it
 * (No. 155, its 协办意见 text, the next step a unit sees).
 */

let db: Db;

beforeAll(async () => {
  db = openDb(":memory:");
  expect(await seed(db)).toBe(true);
  useDb(db);
}, 120_000);

// ---------------------------------------------------------------------------------------------
// Plain-SQL helpers
// ---------------------------------------------------------------------------------------------

type Params = (string | number | null)[];
const rows = <T>(sql: string, ...params: Params) => db.$client.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: Params) => db.$client.prepare(sql).get(...params) as T | undefined;
const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);
/** The sorted, distinct `id` column of a query. */
const idsOf = (sql: string, ...params: Params) => sorted(rows<{ id: number }>(sql, ...params).map((r) => r.id));
const intersect = (a: number[], b: number[]) => a.filter((x) => b.includes(x));

const ACTOR_COLUMNS = "id, role, unit_id as unitId, deputy_id as deputyId, display_name as displayName";

const user = (username: string) => actorOf(db, username);
const usersWhere = (where: string, ...params: Params) =>
  rows<Actor>(`select ${ACTOR_COLUMNS} from users where ${where} order by id`, ...params);
const unitUsers = () => usersWhere("role in ('unit_staff', 'unit_leader')");
const deputyUsers = () => usersWhere("role = 'deputy'");
const offices = () => [user("rdgw"), user("dcs")];

const unitId = (name: string) => one<{ id: number }>("select id from units where name = ?", name)!.id;
const proposalNo = (n: number) => one<{ id: number }>("select id from proposals where number = ?", n)!.id;
const allProposalIds = () => idsOf("select id from proposals");
const proposalCount = () => one<{ n: number }>("select count(*) as n from proposals")!.n;

/** SQL: the proposals a viewer may see at all. */
function scopeIds(a: Actor): number[] {
  if (a.role === "congress_office" || a.role === "gov_office") return allProposalIds();
  if (a.role === "unit_staff" || a.role === "unit_leader")
    return idsOf("select proposal_id as id from assignments where unit_id = ?", a.unitId);
  if (a.role === "deputy")
    return idsOf(
      "select id from proposals where lead_deputy_id = ? union select proposal_id as id from proposal_cosigners where deputy_id = ?",
      a.deputyId,
      a.deputyId,
    );
  throw new Error(`no scope for ${a.role}`);
}

/** SQL: the proposals one filter selects, before scope. */
function filterIds(f: Omit<ProposalFilters, "page">, viewer: Actor = user("dcs")): number[] {
  let ids = allProposalIds();
  if (f.sessionId) ids = intersect(ids, idsOf("select id from proposals where session_id = ?", f.sessionId));
  if (f.state) ids = intersect(ids, idsOf("select id from proposals where state = ?", f.state));
  if (f.field) ids = intersect(ids, idsOf("select id from proposals where field = ?", f.field));
  if (f.key) ids = intersect(ids, idsOf("select id from proposals where is_key = 1"));
  if (f.unitId) ids = intersect(ids, idsOf("select proposal_id as id from assignments where unit_id = ?", f.unitId));
  if (f.category)
    ids = intersect(
      ids,
      idsOf(
        `select a.proposal_id as id from replies r join assignments a on a.id = r.assignment_id
          where r.state = 'sent' and r.category = ?`,
        f.category,
      ),
    );
  // A plain substring scan of what the viewer may read (no wildcards at all).
  if (f.q) ids = intersect(ids, substringScan(db, viewer, f.q));
  return ids;
}

/** Walks every page of listProposals; checks the pages agree with each other on the way. */
function listAll(a: Actor, f: Omit<ProposalFilters, "page"> = {}) {
  const seen: number[] = [];
  const first = listProposals(a, { ...f, page: 1 });
  const total = first.total;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  for (let page = 1; page <= pages; page++) {
    const r = page === 1 ? first : listProposals(a, { ...f, page });
    expect(r.page).toBe(page);
    expect(r.total).toBe(total);
    expect(r.rows.length).toBe(page < pages ? PAGE_SIZE : total - (pages - 1) * PAGE_SIZE);
    seen.push(...r.rows.map((x) => x.id));
  }
  expect(new Set(seen).size, "an id appears on two pages").toBe(seen.length);
  return { total, ids: sorted(seen), inOrder: seen };
}

function expectList(a: Actor, f: Omit<ProposalFilters, "page">, expected: number[]) {
  const r = listAll(a, f);
  expect(r.ids, `${a.displayName} ${JSON.stringify(f)}`).toEqual(expected);
  expect(r.total).toBe(expected.length);
}

function catching(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// listProposals
// ---------------------------------------------------------------------------------------------

describe("listProposals for an office", () => {
  it("shows every proposal, in session order then by number, each with its units", () => {
    for (const office of offices()) {
      const r = listAll(office);
      expect(r.total).toBe(proposalCount());
      expect(r.ids).toEqual(allProposalIds());
      const order = rows<{ id: number }>(
        `select p.id from proposals p join congress_sessions s on s.id = p.session_id
          order by s.term desc, s.meeting desc, p.number asc`,
      ).map((x) => x.id);
      expect(r.inOrder).toEqual(order);
    }
    // Each row carries its session, lead deputy and assigned units as the database has them.
    const page = listProposals(user("rdgw"), { page: 1 });
    for (const row of page.rows) {
      const p = one<{ number: number; title: string; state: string; session: string; lead: string; deputation: string }>(
        `select p.number, p.title, p.state, s.name as session, d.name as lead, d.deputation from proposals p
           join congress_sessions s on s.id = p.session_id join deputies d on d.id = p.lead_deputy_id where p.id = ?`,
        row.id,
      )!;
      expect(row).toMatchObject({ number: p.number, title: p.title, state: p.state, sessionName: p.session, leadDeputy: p.lead, deputation: p.deputation });
      const units = rows<{ name: string; role: string; state: string }>(
        "select u.name, a.role, a.state from assignments a join units u on u.id = a.unit_id where a.proposal_id = ? order by a.id",
        row.id,
      );
      expect(row.units.map(({ name, role, state }) => ({ name, role, state }))).toEqual(units);
    }
  });

  it("filters by session, including a session with no proposals", () => {
    const sessions = rows<{ id: number }>("select id from congress_sessions");
    expect(sessions.length).toBeGreaterThan(1);
    for (const s of sessions) expectList(user("rdgw"), { sessionId: s.id }, idsOf("select id from proposals where session_id = ?", s.id));
  });

  it("filters by every state", () => {
    for (const state of PROPOSAL_STATES) {
      const expected = idsOf("select id from proposals where state = ?", state);
      expect(expected.length, state).toBeGreaterThan(0);
      expectList(user("dcs"), { state }, expected);
    }
  });

  it("filters by assigned unit", () => {
    for (const u of rows<{ id: number }>("select id from units")) {
      expectList(user("rdgw"), { unitId: u.id }, idsOf("select proposal_id as id from assignments where unit_id = ?", u.id));
    }
    expect(listAll(user("rdgw"), { unitId: unitId("市经信局") }).ids).toContain(proposalNo(155));
  });

  it("filters by field", () => {
    const fields = rows<{ field: string }>("select distinct field from proposals").map((r) => r.field);
    expect(fields.length).toBeGreaterThan(1);
    for (const field of fields) expectList(user("rdgw"), { field }, idsOf("select id from proposals where field = ?", field));
    expectList(user("rdgw"), { field: "没有这个领域" }, []);
  });

  it("filters by the category of a sent reply, never of a draft", () => {
    for (const category of REPLY_CATEGORIES) {
      const expected = idsOf(
        `select a.proposal_id as id from replies r join assignments a on a.id = r.assignment_id
          where r.state = 'sent' and r.category = ?`,
        category,
      );
      expectList(user("rdgw"), { category }, expected);
    }
    // No. 155 has a B draft and nothing sent: it is under no category.
    for (const category of REPLY_CATEGORIES) expect(listAll(user("rdgw"), { category }).ids).not.toContain(proposalNo(155));
    expect(one<{ n: number }>("select count(*) as n from replies where state = 'sent'")!.n).toBeGreaterThan(0);
  });

  it("filters key proposals; key: false is no filter", () => {
    const key = idsOf("select id from proposals where is_key = 1");
    expect(key.length).toBeGreaterThan(0);
    expectList(user("rdgw"), { key: true }, key);
    expectList(user("rdgw"), { key: false }, allProposalIds());
  });

  it("searches by substring, two-character Chinese words included", () => {
    for (const q of ["古塘", "小家电", "建议", "工业区块改造", "关于", "不存在的标题词"]) {
      expectList(user("rdgw"), { q }, filterIds({ q }));
    }
    const gutang = listAll(user("rdgw"), { q: "古塘" }).ids;
    expect(gutang.length).toBeGreaterThan(0);
    expect(gutang).toContain(proposalNo(155));
    // Every two-character slice of every title finds at least its own proposal.
    for (const p of rows<{ id: number; title: string }>("select id, title from proposals")) {
      const word = p.title.slice(2, 4);
      expect(listAll(user("rdgw"), { q: word }).ids, word).toEqual(filterIds({ q: word }));
    }
  });

  it("treats % and _ in the search text literally, not as LIKE wildcards", () => {
    for (const q of ["%", "_", "%%", "古%塘", "古_塘", "__", "%古塘", "\\"]) {
      const expected = filterIds({ q });
      expectList(user("rdgw"), { q }, expected);
      expect(expected.length).toBeLessThan(proposalCount());
    }
  });

  it("combines filters as AND", () => {
    const jxj = unitId("市经信局");
    const cases: Omit<ProposalFilters, "page">[] = [
      { state: "handling", unitId: jxj },
      { state: "closed", field: "工业交通" },
      { q: "古塘", unitId: jxj, state: "handling" },
      { key: true, state: "rehandling" },
      { category: "B", state: "closed" },
      { sessionId: one<{ id: number }>("select session_id as id from proposals limit 1")!.id, state: "registered", key: false },
    ];
    for (const f of cases) expectList(user("dcs"), f, filterIds(f));
  });

  it("pages by PAGE_SIZE: full first page, the remainder last, nothing repeated, the union is everything", () => {
    const office = user("rdgw");
    const n = proposalCount();
    expect(n).toBeGreaterThan(PAGE_SIZE);
    const last = Math.ceil(n / PAGE_SIZE);
    const pages = Array.from({ length: last }, (_, i) => listProposals(office, { page: i + 1 }));
    expect(pages[0].rows).toHaveLength(PAGE_SIZE);
    expect(pages[last - 1].rows).toHaveLength(n - (last - 1) * PAGE_SIZE);
    const ids = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted(ids)).toEqual(allProposalIds());
    for (const p of pages) expect(p.total).toBe(n);
    // Past the end: nothing, with the total still right. Below 1: the first page.
    const beyond = listProposals(office, { page: last + 1 });
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(n);
    expect(listProposals(office, { page: 0 }).rows.map((r) => r.id)).toEqual(pages[0].rows.map((r) => r.id));
    expect(listProposals(office, { page: -3 }).page).toBe(1);
    expect(listProposals(office, {}).rows.map((r) => r.id)).toEqual(pages[0].rows.map((r) => r.id));
    // Filters page the same way: the 1+ pages of a filtered list add up to the filtered set.
    const handling = filterIds({ state: "handling" });
    expectList(office, { state: "handling" }, handling);
  });
});

describe("listProposals scope", () => {
  it("a unit's staff and leaders see exactly the proposals assigned to their unit", () => {
    const users = unitUsers();
    expect(users.length).toBeGreaterThan(10);
    for (const u of users) {
      const expected = scopeIds(u);
      expectList(u, {}, expected);
    }
    const jxj = user("jxj_staff");
    expect(listAll(jxj, {}).ids).toContain(proposalNo(155));
    expect(listAll(user("jyj_staff"), {}).ids).not.toContain(proposalNo(155));
  });

  it("a unit's scope holds under every filter", () => {
    const jxjUnit = unitId("市经信局");
    const swjUnit = unitId("市商务局");
    for (const u of [user("jxj_staff"), user("swj_leader"), user("jyj_staff")]) {
      const scope = scopeIds(u);
      const cases: Omit<ProposalFilters, "page">[] = [
        ...PROPOSAL_STATES.map((state) => ({ state })),
        ...REPLY_CATEGORIES.map((category) => ({ category })),
        { key: true },
        { q: "古塘" },
        { q: "%" },
        { field: "工业交通" },
        { unitId: jxjUnit },
        { unitId: swjUnit },
        { unitId: u.unitId! },
        { unitId: swjUnit, state: "handling" },
      ];
      for (const f of cases) expectList(u, f, intersect(scope, filterIds(f, u)));
    }
    // A unit filtering on another unit sees only the proposals the two share.
    const shared = intersect(scopeIds(user("swj_staff")), idsOf("select proposal_id as id from assignments where unit_id = ?", jxjUnit));
    expect(shared).toContain(proposalNo(155));
    expectList(user("swj_staff"), { unitId: jxjUnit }, shared);
  });

  it("a deputy sees exactly the proposals they lead or co-signed", () => {
    const deputies = deputyUsers();
    expect(deputies.length).toBeGreaterThan(3);
    for (const d of deputies) {
      expectList(d, {}, scopeIds(d));
      expectList(d, { state: "closed" }, intersect(scopeIds(d), filterIds({ state: "closed" })));
      expectList(d, { q: "古塘" }, intersect(scopeIds(d), filterIds({ q: "古塘" }, d)));
    }
    const hugf = user("hugf");
    // Both kinds of membership count: he leads some and co-signs others, if the data has both.
    const leads = idsOf("select id from proposals where lead_deputy_id = ?", hugf.deputyId);
    const cosigns = idsOf("select proposal_id as id from proposal_cosigners where deputy_id = ?", hugf.deputyId);
    expect(leads).toContain(proposalNo(155));
    expect(listAll(hugf, {}).ids).toEqual(sorted([...leads, ...cosigns]));
    // chenhb co-signed No. 155.
    expect(listAll(user("chenhb"), {}).ids).toContain(proposalNo(155));
  });

  it("the administrator handles no proposals: Forbidden", () => {
    const admin = user("sysadmin");
    expect(catching(() => listProposals(admin, {}))).toBeInstanceOf(Forbidden);
    expect(catching(() => listProposals(admin, { state: "handling", page: 2 }))).toBeInstanceOf(Forbidden);
    expect(catching(() => getProposalDetail(admin, proposalNo(155)))).toBeInstanceOf(Forbidden);
  });
});

// ---------------------------------------------------------------------------------------------
// getProposalDetail
// ---------------------------------------------------------------------------------------------

/** SQL: what the brief says each kind of viewer may see on one proposal. */
function expectedVisibility(viewer: Actor, proposalId: number) {
  const isOfficeViewer = viewer.role === "congress_office" || viewer.role === "gov_office";
  const isUnitViewer = viewer.role === "unit_staff" || viewer.role === "unit_leader";
  const mine = isUnitViewer
    ? one<{ id: number; role: string }>("select id, role from assignments where proposal_id = ? and unit_id = ?", proposalId, viewer.unitId)
    : undefined;

  let opinions: number[] = [];
  if (isOfficeViewer)
    opinions = idsOf(
      "select o.id from opinions o join assignments a on a.id = o.assignment_id where a.proposal_id = ? and o.state = 'sent'",
      proposalId,
    );
  else if (mine)
    opinions = idsOf(
      `select o.id from opinions o join assignments a on a.id = o.assignment_id
        where a.proposal_id = ? and (o.assignment_id = ? or (? = 'lead' and o.state = 'sent'))`,
      proposalId,
      mine.id,
      mine.role,
    );

  const replies = mine
    ? idsOf(
        `select r.id from replies r join assignments a on a.id = r.assignment_id
          where a.proposal_id = ? and (r.state = 'sent' or r.assignment_id = ?)`,
        proposalId,
        mine.id,
      )
    : idsOf(
        "select r.id from replies r join assignments a on a.id = r.assignment_id where a.proposal_id = ? and r.state = 'sent'",
        proposalId,
      );

  const ratings = idsOf(
    `select t.id from ratings t join replies r on r.id = t.reply_id join assignments a on a.id = r.assignment_id
      where a.proposal_id = ? and r.state = 'sent' and (? is null or t.deputy_id = ?)`,
    proposalId,
    viewer.role === "deputy" ? viewer.deputyId : null,
    viewer.role === "deputy" ? viewer.deputyId : null,
  );

  // A deputy sees their own rating entries on the timeline, not the other deputies'.
  const timeline = idsOf(
    "select id from history where proposal_id = ? and (unit_id is null or unit_id = ?) and (? = 0 or action <> 'rating.create' or actor_id = ?)",
    proposalId,
    mine ? viewer.unitId : null,
    viewer.role === "deputy" ? 1 : 0,
    viewer.id,
  );
  return { mine, opinions, replies, ratings, timeline };
}

const unitOfHistory = (id: number) => one<{ unit_id: number | null }>("select unit_id from history where id = ?", id)!.unit_id;

describe("getProposalDetail: who may open a proposal", () => {
  it("NotFound for a unknown id, for a unit not assigned, for a deputy not on it", () => {
    const missing = one<{ n: number }>("select coalesce(max(id), 0) + 1000 as n from proposals")!.n;
    for (const viewer of [user("rdgw"), user("dcs"), user("jxj_staff"), user("hugf")])
      expect(catching(() => getProposalDetail(viewer, missing))).toBeInstanceOf(NotFound);

    const units = unitUsers();
    const deputies = deputyUsers();
    let unitRefusals = 0;
    let deputyRefusals = 0;
    for (const pid of allProposalIds()) {
      for (const u of units) {
        const inScope = scopeIds(u).includes(pid);
        const e = catching(() => getProposalDetail(u, pid));
        if (inScope) expect(e, `${u.displayName} on ${pid}`).toBeUndefined();
        else {
          expect(e, `${u.displayName} on ${pid}`).toBeInstanceOf(NotFound);
          unitRefusals++;
        }
      }
      for (const d of deputies) {
        const inScope = scopeIds(d).includes(pid);
        const e = catching(() => getProposalDetail(d, pid));
        if (inScope) expect(e, `${d.displayName} on ${pid}`).toBeUndefined();
        else {
          expect(e, `${d.displayName} on ${pid}`).toBeInstanceOf(NotFound);
          deputyRefusals++;
        }
      }
    }
    expect(unitRefusals).toBeGreaterThan(0);
    expect(deputyRefusals).toBeGreaterThan(0);

    // The plain cases on No. 155: another unit and a deputy not named on it.
    const p155 = proposalNo(155);
    expect(catching(() => getProposalDetail(user("jyj_staff"), p155))).toBeInstanceOf(NotFound);
    expect(catching(() => getProposalDetail(user("nyj_leader"), p155))).toBeInstanceOf(NotFound);
    expect(scopeIds(user("yexy"))).not.toContain(p155);
    expect(catching(() => getProposalDetail(user("yexy"), p155))).toBeInstanceOf(NotFound);
  });
});

describe("getProposalDetail: what each viewer sees", () => {
  it("on every proposal, every viewer sees exactly the opinions, replies, ratings and timeline SQL allows", () => {
    const units = unitUsers();
    const deputies = deputyUsers();
    let checked = 0;
    for (const pid of allProposalIds()) {
      const viewers = [...offices(), ...units, ...deputies].filter((v) => scopeIds(v).includes(pid));
      for (const v of viewers) {
        const d = getProposalDetail(v, pid);
        const e = expectedVisibility(v, pid);
        const label = `${v.displayName} (${v.role}) on proposal ${pid}`;
        expect(d.id).toBe(pid);
        expect(d.mine?.id, label).toBe(e.mine?.id);
        expect(sorted(d.opinions.map((o) => o.id)), `${label}: opinions`).toEqual(e.opinions);
        expect(sorted(d.replies.map((r) => r.id)), `${label}: replies`).toEqual(e.replies);
        expect(sorted(d.ratings.map((r) => r.id)), `${label}: ratings`).toEqual(e.ratings);
        expect(sorted(d.timeline.map((t) => t.id)), `${label}: timeline`).toEqual(e.timeline);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("offices see sent opinions and sent replies, never an unsent draft (nor its text)", () => {
    const unsentReplies = rows<{ id: number; proposal_id: number; body: string }>(
      "select r.id, a.proposal_id, r.body from replies r join assignments a on a.id = r.assignment_id where r.state <> 'sent'",
    );
    const unsentOpinions = rows<{ id: number; proposal_id: number }>(
      "select o.id, a.proposal_id from opinions o join assignments a on a.id = o.assignment_id where o.state <> 'sent'",
    );
    expect(unsentReplies.length).toBeGreaterThan(0);
    expect(unsentOpinions.length).toBeGreaterThan(0);
    for (const office of offices()) {
      for (const r of unsentReplies) {
        const d = getProposalDetail(office, r.proposal_id);
        expect(d.replies.map((x) => x.id)).not.toContain(r.id);
        expect(d.replies.every((x) => x.state === "sent")).toBe(true);
      }
      for (const o of unsentOpinions) {
        const d = getProposalDetail(office, o.proposal_id);
        expect(d.opinions.map((x) => x.id)).not.toContain(o.id);
        expect(d.opinions.every((x) => x.state === "sent")).toBe(true);
      }
      // And the sent ones are there.
      const sentOpinions = rows<{ id: number; proposal_id: number }>(
        "select o.id, a.proposal_id from opinions o join assignments a on a.id = o.assignment_id where o.state = 'sent'",
      );
      expect(sentOpinions.length).toBeGreaterThan(0);
      for (const o of sentOpinions) expect(getProposalDetail(office, o.proposal_id).opinions.map((x) => x.id)).toContain(o.id);
    }
    // The draft text of No. 155's reply appears nowhere in what an office receives.
    const draft155 = unsentReplies.find((r) => r.proposal_id === proposalNo(155))!;
    expect(JSON.stringify(getProposalDetail(user("rdgw"), proposalNo(155)))).not.toContain(draft155.body.slice(0, 30));
  });

  it("the lead unit sees every sent co-opinion, and its own drafts; not a co-unit's unsent opinion", () => {
    const leadAssignments = rows<{ id: number; proposal_id: number; unit_id: number }>(
      "select id, proposal_id, unit_id from assignments where role = 'lead'",
    );
    let sentSeen = 0;
    let draftsSeen = 0;
    let hiddenCo = 0;
    for (const a of leadAssignments) {
      for (const viewer of usersWhere("unit_id = ? and role in ('unit_staff', 'unit_leader')", a.unit_id)) {
        const d = getProposalDetail(viewer, a.proposal_id);
        expect(d.mine?.role).toBe("lead");
        const opinionIds = d.opinions.map((o) => o.id);
        for (const o of rows<{ id: number; state: string }>(
          "select o.id, o.state from opinions o join assignments x on x.id = o.assignment_id where x.proposal_id = ? and x.role = 'co'",
          a.proposal_id,
        )) {
          if (o.state === "sent") {
            expect(opinionIds).toContain(o.id);
            sentSeen++;
          } else {
            expect(opinionIds).not.toContain(o.id);
            hiddenCo++;
          }
        }
        for (const r of rows<{ id: number }>("select id from replies where assignment_id = ?", a.id)) {
          expect(d.replies.map((x) => x.id)).toContain(r.id);
          draftsSeen++;
        }
      }
    }
    expect(sentSeen).toBeGreaterThan(0);
    expect(draftsSeen).toBeGreaterThan(0);
    expect(hiddenCo).toBeGreaterThan(0);
  });

  it("a co-unit sees its own opinion, not the lead's unsent reply, and the lead's reply once sent", () => {
    const coAssignments = rows<{ id: number; proposal_id: number; unit_id: number }>(
      "select id, proposal_id, unit_id from assignments where role = 'co'",
    );
    let unsentHidden = 0;
    let sentShown = 0;
    for (const a of coAssignments) {
      const staff = usersWhere("unit_id = ? and role = 'unit_staff'", a.unit_id)[0];
      const d = getProposalDetail(staff, a.proposal_id);
      expect(d.mine?.role).toBe("co");
      const own = rows<{ id: number }>("select id from opinions where assignment_id = ?", a.id).map((o) => o.id);
      expect(sorted(d.opinions.map((o) => o.id))).toEqual(sorted(own));
      for (const r of rows<{ id: number; state: string; body: string }>(
        "select r.id, r.state, r.body from replies r join assignments x on x.id = r.assignment_id where x.proposal_id = ? and x.role = 'lead'",
        a.proposal_id,
      )) {
        if (r.state === "sent") {
          expect(d.replies.map((x) => x.id)).toContain(r.id);
          sentShown++;
        } else {
          expect(d.replies.map((x) => x.id)).not.toContain(r.id);
          expect(JSON.stringify(d)).not.toContain(r.body.slice(0, 30));
          unsentHidden++;
        }
      }
    }
    expect(unsentHidden).toBeGreaterThan(0);
    expect(sentShown).toBeGreaterThan(0);
  });

  it("a deputy sees no opinions, only sent replies, only their own ratings", () => {
    let othersRatingsHidden = 0;
    for (const d of deputyUsers()) {
      for (const pid of scopeIds(d)) {
        const detail = getProposalDetail(d, pid);
        expect(detail.opinions).toEqual([]);
        expect(detail.mine).toBeUndefined();
        expect(detail.replies.every((r) => r.state === "sent")).toBe(true);
        expect(sorted(detail.replies.map((r) => r.id))).toEqual(
          idsOf("select r.id from replies r join assignments a on a.id = r.assignment_id where a.proposal_id = ? and r.state = 'sent'", pid),
        );
        expect(detail.ratings.every((r) => r.deputyId === d.deputyId)).toBe(true);
        const own = idsOf(
          "select t.id from ratings t join replies r on r.id = t.reply_id join assignments a on a.id = r.assignment_id where a.proposal_id = ? and t.deputy_id = ?",
          pid,
          d.deputyId,
        );
        expect(sorted(detail.ratings.map((r) => r.id))).toEqual(own);
        expect(sorted(detail.allRatingsOfDeputy)).toEqual(
          sorted(rows<{ reply_id: number }>(`select reply_id from ratings where id in (${own.join(",") || "null"})`).map((r) => r.reply_id)),
        );
        othersRatingsHidden += one<{ n: number }>(
          "select count(*) as n from ratings t join replies r on r.id = t.reply_id join assignments a on a.id = r.assignment_id where a.proposal_id = ? and t.deputy_id <> ?",
          pid,
          d.deputyId,
        )!.n;
      }
    }
    expect(othersRatingsHidden).toBeGreaterThan(0);
    // Offices and units see every rating of a sent reply.
    const rated = one<{ id: number }>(
      "select a.proposal_id as id from ratings t join replies r on r.id = t.reply_id join assignments a on a.id = r.assignment_id group by a.proposal_id having count(distinct t.deputy_id) > 1 limit 1",
    )!.id;
    const all = idsOf("select t.id from ratings t join replies r on r.id = t.reply_id join assignments a on a.id = r.assignment_id where a.proposal_id = ?", rated);
    expect(sorted(getProposalDetail(user("rdgw"), rated).ratings.map((r) => r.id))).toEqual(all);
  });

  it("timeline: unit-internal entries only for that unit; none for a deputy or an office", () => {
    let ownUnitEntries = 0;
    for (const pid of allProposalIds()) {
      for (const v of [...offices(), ...deputyUsers().filter((d) => scopeIds(d).includes(pid))]) {
        const t = getProposalDetail(v, pid).timeline;
        expect(t.filter((e) => unitOfHistory(e.id) !== null), `${v.displayName} on ${pid}`).toEqual([]);
      }
      for (const u of unitUsers().filter((x) => scopeIds(x).includes(pid))) {
        const t = getProposalDetail(u, pid).timeline;
        for (const e of t) {
          const unit = unitOfHistory(e.id);
          expect(unit === null || unit === u.unitId, `${u.displayName} sees unit ${unit}'s entry on ${pid}`).toBe(true);
          if (unit === u.unitId) ownUnitEntries++;
        }
        expect(t.filter((e) => unitOfHistory(e.id) === u.unitId).length).toBe(
          one<{ n: number }>("select count(*) as n from history where proposal_id = ? and unit_id = ?", pid, u.unitId)!.n,
        );
      }
    }
    expect(ownUnitEntries).toBeGreaterThan(0);
    // The timeline is in time order.
    const t = getProposalDetail(user("jxj_staff"), proposalNo(155)).timeline;
    for (let i = 1; i < t.length; i++) expect(t[i].at.getTime()).toBeGreaterThanOrEqual(t[i - 1].at.getTime());
  });

  it("a deputy's timeline does not reveal the other deputies' ratings (regression)", () => {
    // getProposalDetail hides other deputies' ratings from a deputy, but the timeline's
    // rating.create entries (unit_id null) carry the rater's name, attitude and outcome.
    const pid = one<{ id: number }>(
      "select a.proposal_id as id from ratings t join replies r on r.id = t.reply_id join assignments a on a.id = r.assignment_id group by a.proposal_id having count(distinct t.deputy_id) > 1 limit 1",
    )!.id;
    const raters = rows<{ deputyId: number }>(
      "select distinct t.deputy_id as deputyId from ratings t join replies r on r.id = t.reply_id join assignments a on a.id = r.assignment_id where a.proposal_id = ?",
      pid,
    );
    const viewer = deputyUsers().find((d) => d.deputyId === raters[0].deputyId)!;
    const detail = getProposalDetail(viewer, pid);
    expect(detail.ratings.every((r) => r.deputyId === viewer.deputyId)).toBe(true);
    const othersRatingsOnTimeline = detail.timeline.filter((e) => e.action === "rating.create" && e.actorName !== viewer.displayName);
    expect(othersRatingsOnTimeline.map((e) => ({ by: e.actorName, detail: e.detail }))).toEqual([]);
  });
});

describe("getProposalDetail: No. 155, the sample case", () => {
  const p155 = () => proposalNo(155);
  const SAMPLE = "小家电也可称为软家电";

  it("the 市商务局 opinion is sent and carries the sample text; every viewer in scope but the deputies sees it", () => {
    const swjOpinion = one<{ id: number; state: string; body: string }>(
      "select o.id, o.state, o.body from opinions o join assignments a on a.id = o.assignment_id where a.proposal_id = ? and a.unit_id = ?",
      p155(),
      unitId("市商务局"),
    )!;
    expect(swjOpinion.state).toBe("sent");
    expect(swjOpinion.body).toContain(SAMPLE);
    for (const v of [user("rdgw"), user("dcs"), user("jxj_staff"), user("jxj_leader"), user("swj_staff"), user("swj_leader")]) {
      const d = getProposalDetail(v, p155());
      const o = d.opinions.find((x) => x.id === swjOpinion.id);
      expect(o, v.displayName).toBeDefined();
      expect(o!.state).toBe("sent");
      expect(o!.body).toContain(SAMPLE);
      expect(o!.unitName).toBe("市商务局");
      expect(o!.signerName).toBe(user("swj_leader").displayName);
    }
    for (const dep of ["hugf", "chenhb", "sunlj"]) {
      const d = getProposalDetail(user(dep), p155());
      expect(d.opinions).toEqual([]);
      expect(JSON.stringify(d)).not.toContain(SAMPLE);
    }
  });

  it("the 市经信局 reply is a draft that only 市经信局 users see", () => {
    const reply = one<{ id: number; state: string; body: string }>(
      "select r.id, r.state, r.body from replies r join assignments a on a.id = r.assignment_id where a.proposal_id = ? and a.unit_id = ?",
      p155(),
      unitId("市经信局"),
    )!;
    expect(reply.state).toBe("draft");
    const jxjUsers = usersWhere("unit_id = ?", unitId("市经信局"));
    expect(jxjUsers.map((u) => u.id)).toEqual(expect.arrayContaining([user("jxj_staff").id, user("jxj_leader").id]));
    for (const u of jxjUsers) {
      const d = getProposalDetail(u, p155());
      expect(d.replies.map((r) => r.id), u.displayName).toEqual([reply.id]);
      expect(d.replies[0].state).toBe("draft");
      expect(d.mine?.role).toBe("lead");
    }
    for (const v of [user("rdgw"), user("dcs"), user("swj_staff"), user("swj_leader"), user("hugf"), user("chenhb"), user("sunlj")]) {
      const d = getProposalDetail(v, p155());
      expect(d.replies, v.displayName).toEqual([]);
      expect(JSON.stringify(d)).not.toContain(reply.body.slice(0, 40));
    }
  });

  it("shows the proposal's own facts: lead deputy, co-signers, units", () => {
    const d = getProposalDetail(user("hugf"), p155());
    expect(d.title).toBe("关于古塘街道工业区块改造提升的建议");
    expect(d.leadDeputy.name).toBe("胡国锋");
    expect(d.cosigners.map((c) => c.id)).toEqual(
      rows<{ id: number }>("select deputy_id as id from proposal_cosigners where proposal_id = ? order by position", p155()).map((r) => r.id),
    );
    expect(d.deputyIds).toEqual([user("hugf").deputyId, ...d.cosigners.map((c) => c.id)]);
    expect(d.assignments.map((a) => [a.unitName, a.role])).toEqual([
      ["市经信局", "lead"],
      ["市商务局", "co"],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Workbench
// ---------------------------------------------------------------------------------------------

type DeskExpect = { id: number; role: string; state: string; round: number; proposal_id: number; doc: string | null };

/** SQL: a unit's live assignments with the state of the document it owes now. */
function deskOf(unit: number): DeskExpect[] {
  return rows<DeskExpect>(
    `select a.id, a.role, a.state, a.round, a.proposal_id,
            case when a.role = 'co' then (select o.state from opinions o where o.assignment_id = a.id)
                 else (select r.state from replies r where r.assignment_id = a.id and r.round = a.round) end as doc
       from assignments a join proposals p on p.id = a.proposal_id
      where a.unit_id = ? and p.state not in ('registered', 'withdrawn')`,
    unit,
  );
}

/** Every row of every section of a unit's desk, page by page; each section in its order. */
function wholeDesk(u: Actor) {
  const all: DeskRow[] = [];
  for (const section of DESK_SECTIONS) {
    for (let page = 1; ; page++) {
      const { rows, total } = unitDesk(u, section, page);
      all.push(...rows);
      expect(rows.length, `${u.displayName} ${section} page ${page}`).toBeLessThanOrEqual(DESK_PAGE_SIZE);
      if (page * DESK_PAGE_SIZE >= total) break;
    }
  }
  return all;
}

describe("unitDesk", () => {
  it("lists exactly the viewer's unit's assignments, each once across its sections and pages, with the document state SQL says", () => {
    for (const u of unitUsers()) {
      const desk = wholeDesk(u);
      expect(new Set(desk.map((r) => r.assignmentId)).size, u.displayName).toBe(desk.length);
      const expected = deskOf(u.unitId!);
      expect(sorted(desk.map((r) => r.assignmentId)), u.displayName).toEqual(sorted(expected.map((e) => e.id)));
      for (const row of desk) {
        const e = expected.find((x) => x.id === row.assignmentId)!;
        expect(row.proposalId).toBe(e.proposal_id);
        expect(row.role).toBe(e.role);
        expect(row.state).toBe(e.state);
        expect(row.docState, `${u.displayName} assignment ${row.assignmentId}`).toBe(e.doc);
      }
    }
    // Nothing from another unit ever.
    const jxj = unitId("市经信局");
    for (const row of wholeDesk(user("jxj_staff")))
      expect(one<{ unit_id: number }>("select unit_id from assignments where id = ?", row.assignmentId)!.unit_id).toBe(jxj);
  });

  it("sections: the open items most urgent first, a leader's documents to sign apart, the delivered ones newest first", () => {
    let signed = 0;
    for (const u of unitUsers()) {
      const pages = (section: (typeof DESK_SECTIONS)[number]) => {
        const all: DeskRow[] = [];
        for (let page = 1; ; page++) {
          const { rows, total } = unitDesk(u, section, page);
          all.push(...rows);
          if (page * DESK_PAGE_SIZE >= total) break;
        }
        return all;
      };
      const [sign, open, done] = [pages("sign"), pages("open"), pages("done")];
      const owes = (r: DeskRow) => ["assigned", "received", "rehandling"].includes(r.state) && r.proposalState !== "closed";
      for (const r of [...sign, ...open]) {
        expect(owes(r), `${u.displayName} ${r.assignmentId}`).toBe(true);
        expect(r.due, `${u.displayName} ${r.assignmentId}`).not.toBeNull();
        expect(r.light).not.toBe("none");
      }
      for (const r of done) expect(owes(r), `${u.displayName} ${r.assignmentId}`).toBe(false);
      const dues = open.map((r) => r.due!);
      expect(dues, u.displayName).toEqual([...dues].sort());
      const times = done.map((r) => r.assignedAt.getTime());
      expect(times, u.displayName).toEqual([...times].sort((a, b) => b - a));
      if (u.role === "unit_leader") {
        for (const r of sign) expect(r.docState).toBe("pending");
        for (const r of open) expect(r.docState).not.toBe("pending");
        signed += sign.length;
      } else expect(sign).toEqual([]);
    }
    expect(signed, "the demo has documents awaiting sign-off").toBeGreaterThan(0);
  });

  it("No. 155: 市经信局 staff must finish the draft and send it for signing; its leader waits; 市商务局 is done", () => {
    const at155 = (a: Actor) => wholeDesk(a).find((r) => r.proposalId === proposalNo(155))!;
    expect(at155(user("jxj_staff"))).toMatchObject({ role: "lead", state: "received", docState: "draft", next: "完善答复并送签" });
    expect(at155(user("jxj_leader")).next).toBe("答复草稿中");
    expect(at155(user("swj_staff"))).toMatchObject({ role: "co", state: "opinion_sent", docState: "sent", next: "协办意见已送主办单位" });
    expect(wholeDesk(user("jyj_staff")).find((r) => r.proposalId === proposalNo(155))).toBeUndefined();
  });

  it("gives a sensible next step in every situation the demo data holds", () => {
    // Plain-language expectations per (assignment state, document state), written out from the domain.
    const expectedStep = (r: DeskExpect, viewer: "unit_staff" | "unit_leader") => {
      if (r.state === "assigned") return "待签收";
      if (r.state === "opinion_sent") return "协办意见已送主办单位";
      if (r.state === "replied") return "已答复，待代表评价";
      if (r.state === "closed") return "已办结";
      const what = r.role === "co" ? "协办意见" : r.round > 1 ? `第${r.round}轮答复` : "答复";
      const staff: Record<string, string> = {
        none: `起草${what}`,
        draft: `完善${what}并送签`,
        returned: `按退回意见修改${what}`,
        pending: `${what}待领导签发`,
      };
      const leader: Record<string, string> = {
        none: `承办人起草${what}中`,
        draft: `${what}草稿中`,
        returned: `${what}已退回修改`,
        pending: `待您签发${what}`,
      };
      return (viewer === "unit_leader" ? leader : staff)[r.doc ?? "none"];
    };
    const seen = new Set<string>();
    for (const u of unitUsers()) {
      const expected = deskOf(u.unitId!);
      for (const row of wholeDesk(u)) {
        const e = expected.find((x) => x.id === row.assignmentId)!;
        expect(row.next, `${u.displayName} ${e.role}/${e.state}/${e.doc}/round ${e.round}`).toBe(expectedStep(e, u.role as "unit_staff"));
        seen.add(`${e.role}/${e.state}/${e.doc}/${e.round > 1 ? "r2" : "r1"}`);
      }
    }
    // The demo data covers the states that matter.
    for (const s of ["lead/assigned/null/r1", "co/received/pending/r1", "lead/received/draft/r1", "lead/received/pending/r1", "lead/received/returned/r1", "lead/replied/sent/r1", "lead/closed/sent/r1"])
      expect([...seen]).toContain(s);
    expect([...seen].some((s) => s.startsWith("lead/rehandling/") && s.endsWith("/r2"))).toBe(true);
    // And a few by hand.
    expect(nextStep("lead", "rehandling", null, "unit_staff", 2)).toBe("起草第2轮答复");
    expect(nextStep("co", "received", "returned", "unit_staff", 1)).toBe("按退回意见修改协办意见");
    expect(nextStep("parallel", "received", "pending", "unit_leader", 1)).toBe("待您签发答复");
  });

  it("refuses an actor without a unit", () => {
    for (const a of [user("rdgw"), user("hugf"), user("sysadmin")]) expect(catching(() => unitDesk(a, "open"))).toBeInstanceOf(Forbidden);
  });
});

describe("awaitingMyRating", () => {
  /** SQL: sent current-round replies, their unit waiting for ratings, on the deputy's proposals, not yet rated by them. */
  const awaiting = (deputyId: number) =>
    idsOf(
      `select distinct a.proposal_id as id
         from replies r, assignments a
        where a.id = r.assignment_id and r.state = 'sent' and a.state = 'replied' and r.round = a.round
          and a.proposal_id in (select id from proposals where lead_deputy_id = ?
                                union select proposal_id from proposal_cosigners where deputy_id = ?)
          and r.id not in (select reply_id from ratings where deputy_id = ?)`,
      deputyId,
      deputyId,
      deputyId,
    );

  it("for 胡国锋 and every other deputy, equals what SQL says", () => {
    const hugf = user("hugf");
    expect(sorted(awaitingMyRating(hugf))).toEqual(awaiting(hugf.deputyId!));
    let total = 0;
    for (const d of deputyUsers()) {
      const got = sorted(awaitingMyRating(d));
      expect(got, d.displayName).toEqual(awaiting(d.deputyId!));
      for (const pid of got) expect(scopeIds(d)).toContain(pid);
      total += got.length;
    }
    expect(total).toBeGreaterThan(0);
  });

  it("is empty for anyone who is not a deputy", () => {
    for (const a of [user("rdgw"), user("jxj_staff"), user("sysadmin")]) expect(awaitingMyRating(a).size).toBe(0);
  });
});

describe("stateCounts", () => {
  it("matches SQL per state in each session, and the sessions' counts sum to the proposal count", () => {
    let sum = 0;
    for (const { id } of rows<{ id: number }>("select id from congress_sessions")) {
      const counts = stateCounts(id);
      sum += counts.reduce((s, c) => s + c.n, 0);
      const bySql = rows<{ state: ProposalState; n: number }>("select state, count(*) as n from proposals where session_id = ? group by state", id);
      expect([...counts].sort((a, b) => a.state.localeCompare(b.state))).toEqual([...bySql].sort((a, b) => a.state.localeCompare(b.state)));
    }
    expect(sum).toBe(proposalCount());
    const demo = one<{ id: number }>("select session_id as id from proposals where number = 155")!.id;
    for (const s of PROPOSAL_STATES) expect(stateCounts(demo).find((c) => c.state === s)?.n ?? 0, s).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Admin lists
// ---------------------------------------------------------------------------------------------

describe("adminLists", () => {
  it("gives the administrator sessions, units, deputies and users, never a password hash", () => {
    const r = adminLists(user("sysadmin"));
    const count = (t: string) => one<{ n: number }>(`select count(*) as n from ${t}`)!.n;
    expect(r.sessions).toHaveLength(count("congress_sessions"));
    expect(r.units).toHaveLength(count("units"));
    expect(r.deputies).toHaveLength(count("deputies"));
    expect(r.users).toHaveLength(count("users"));
    for (const u of r.users) expect(Object.keys(u)).not.toContain("passwordHash");
    expect(JSON.stringify(r)).not.toContain("$argon2");
  });

  it("refuses everyone else", () => {
    for (const name of ["rdgw", "dcs", "jxj_staff", "jxj_leader", "hugf"]) expect(catching(() => adminLists(user(name)))).toBeInstanceOf(Forbidden);
  });
});

// ---------------------------------------------------------------------------------------------
// LIKE wildcards, on a literal title (the demo titles hold no % or _)
// ---------------------------------------------------------------------------------------------

describe("search text with % and _ against titles that contain them", () => {
  it("q '100%' and 'a_b' find titles containing them literally (regression: the pattern needs an ESCAPE clause)", () => {
    // The demo data has no title with % or _, so this check needs rows of its own: a separate
    // in-memory database (the seeded one stays untouched), switched in and back out.
    const small = openDb(":memory:");
    const c = small.$client;
    const sessionId = Number(c.prepare("insert into congress_sessions (term, meeting, name) values (18, 2, '测试会议')").run().lastInsertRowid);
    const deputyId = Number(c.prepare("insert into deputies (name, deputation) values ('测试代表', '测试代表团')").run().lastInsertRowid);
    const insert = c.prepare(
      "insert into proposals (session_id, number, title, body, field, lead_deputy_id, registered_at, updated_at) values (?, ?, ?, '正文', '综合', ?, 0, 0)",
    );
    const titles = ["关于实现100%覆盖的建议", "关于a_b路段改造的建议", "关于1000覆盖的建议", "关于aXb路段的建议"];
    titles.forEach((t, i) => insert.run(sessionId, i + 1, t, deputyId));
    const office = { id: 1, role: "congress_office", unitId: null, deputyId: null, displayName: "测试" } as Actor;
    try {
      useDb(small);
      const found = (q: string) => listProposals(office, { q }).rows.map((r) => r.title);
      // Wildcards do not match everything...
      expect(found("%")).not.toEqual(expect.arrayContaining(["关于1000覆盖的建议"]));
      expect(found("a_b")).not.toContain("关于aXb路段的建议");
      // ...but the literal characters must still be found.
      expect(found("100%")).toEqual(["关于实现100%覆盖的建议"]);
      expect(found("a_b")).toEqual(["关于a_b路段改造的建议"]);
    } finally {
      useDb(db);
      c.close();
    }
  });
});
