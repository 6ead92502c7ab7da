import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDb, type Db } from "@/db";
import { dataMark, kept } from "@/db/queries/kept";
import { UNREAD_SHOWN, unreadCount } from "@/db/queries/notifications";
import { listProposals } from "@/db/queries/proposals";
import { stateCounts, unitDesk } from "@/db/queries/workbench";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { demoDb } from "../demo-db";
import { assignProposal, registerProposal, withdrawProposal } from "@/lib/services/proposals";
import { actorOf } from "../fixtures";

/*
 * Counts kept in memory (db/queries/kept.ts) must follow every change: the list's totals, the
 * workbench's state counts and desk totals, and the supervision report (tests/integration/supervision.test.ts) are
 * computed once per state of the data and shared. Here each is read, the data is changed through the
 * services, and the count is read again.
 */

let db: Db;
let other: Db;
const SESSION = "市十八届人大二次会议";

beforeAll(async () => {
  other = await demoDb();
  db = await demoDb();
});
afterAll(() => {
  setNow(null);
  db.$client.close();
  other.$client.close();
});

const one = <T>(sql: string, ...params: (string | number)[]) => db.$client.prepare(sql).get(...params) as T;
const user = (username: string) => actorOf(db, username);
const sessionId = () => one<{ id: number }>("select id from congress_sessions where name = ?", SESSION).id;
const countOf = (state: string) => stateCounts(sessionId()).find((c) => c.state === state)?.n ?? 0;

function register(number: number) {
  return registerProposal(user("rdgw"), {
    sessionId: sessionId(),
    number,
    title: "关于保持计数与数据一致的测试建议",
    body: "测试正文。",
    field: "综合",
    leadDeputyId: one<{ id: number }>("select id from deputies order by id limit 1").id,
    cosignerIds: [],
    disclosure: "full",
  }).id;
}

describe("kept counts", () => {
  it("the list's totals follow a registration, an assignment and a withdrawal", () => {
    useDb(db);
    const office = user("rdgw");
    const staff = user("jxj_staff");
    const before = { all: listProposals(office, {}).total, registered: listProposals(office, { state: "registered" }).total, unit: listProposals(staff, {}).total };
    expect(listProposals(office, {}).total).toBe(before.all); // read again, unchanged

    const id = register(951);
    expect(listProposals(office, {}).total).toBe(before.all + 1);
    expect(listProposals(office, { state: "registered" }).total).toBe(before.registered + 1);
    expect(listProposals(staff, {}).total).toBe(before.unit);

    const unit = one<{ id: number }>("select unit_id as id from users where username = 'jxj_staff'").id;
    const open = unitDesk(staff, "open").total;
    assignProposal(user("dcs"), { proposalId: id, mode: "lead", leadUnitId: unit, coUnitIds: [], parallelUnitIds: [] });
    expect(listProposals(staff, {}).total).toBe(before.unit + 1);
    expect(unitDesk(staff, "open").total).toBe(open + 1);
    expect(listProposals(office, { state: "registered" }).total).toBe(before.registered);

    expect(listProposals(office, {}).total).toBe(one<{ n: number }>("select count(*) as n from proposals").n);
  });

  it("the workbench's state counts follow a withdrawal", () => {
    useDb(db);
    const id = register(952);
    const registered = countOf("registered");
    const withdrawn = countOf("withdrawn");
    withdrawProposal(user("rdgw"), { proposalId: id, reason: "代表书面申请撤回。" });
    expect(countOf("registered")).toBe(registered - 1);
    expect(countOf("withdrawn")).toBe(withdrawn + 1);
  });

  it("are shared and frozen while the data is unchanged, recomputed when it changes, and never mixed between databases", () => {
    useDb(db);
    let computed = 0;
    const read = () => kept("test|shared", () => ({ n: ++computed, list: [1, 2] }));
    const first = read();
    expect(read()).toBe(first);
    expect(Object.isFrozen(first.list)).toBe(true);
    const mark = dataMark();
    register(953);
    expect(dataMark()).toBeGreaterThan(mark);
    expect(read().n).toBe(2);
    useDb(other);
    expect(read().n).toBe(3);
    useDb(db);
    expect(read().n).toBe(2);
  });
});

describe("the unread count in the header", () => {
  it("counts to 100 at most (shown as 99+), exactly below that", () => {
    useDb(db);
    const me = user("jxj_staff");
    db.$client.prepare("update notifications set read_at = 1 where user_id = ?").run(me.id);
    expect(unreadCount(me)).toBe(0);
    const add = db.$client.prepare("insert into notifications (user_id, kind, message, created_at, threshold) values (?, 'assigned', '测试提醒', ?, ?)");
    for (let i = 0; i < 3; i++) add.run(me.id, Date.now(), `t${i}`);
    expect(unreadCount(me)).toBe(3);
    for (let i = 3; i < 150; i++) add.run(me.id, Date.now(), `t${i}`);
    expect(unreadCount(me)).toBe(UNREAD_SHOWN + 1);
  });
});
