import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openDb, type Db } from "@/db";
import { seed } from "@/db/seed";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { readTable } from "@/lib/documents/xlsx";
import { keyProposalsWorkbook, proposalsWorkbook, supervisionListWorkbook, supervisionWorkbook } from "@/lib/exports";
import { keyProposals, supervisionList, supervisionReport } from "@/db/queries/supervision";
import { Forbidden, Invalid } from "@/lib/errors";
import { dayOf } from "@/lib/deadlines";
import { now } from "@/lib/clock";

/** Export a filtered list, read it back, the same rows. */
let db: Db;
const actor = (username: string): Actor => {
  const u = db.select().from(users).where(eq(users.username, username)).get()!;
  return { id: u.id, role: u.role, unitId: u.unitId, deputyId: u.deputyId, displayName: u.displayName };
};
const dayInChina = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(ms));

describe("proposal list export", () => {
  beforeAll(async () => {
    db = openDb(":memory:");
    await seed(db);
  }, 60_000);

  it("writes the filter on the sheet and reads back exactly the filtered rows, dates as dates", async () => {
    const sessionId = (db.$client.prepare("select id from congress_sessions where name = '市十八届人大二次会议'").get() as { id: number }).id;
    const search = new URLSearchParams({ session: String(sessionId), state: "handling", field: "工业交通" });
    const sheet = await readTable(await proposalsWorkbook(actor("dcs"), search));
    expect(sheet.filter).toBe("筛选条件：届次：市十八届人大二次会议；状态：办理中；领域：工业交通");
    expect(sheet.headers).toEqual(["届次", "编号", "建议标题", "领衔代表", "代表团", "领域", "承办单位", "办理状态", "重点督办", "登记日期"]);

    const expected = db.$client
      .prepare(
        `select p.number, p.title, d.name lead, p.registered_at at from proposals p join deputies d on d.id = p.lead_deputy_id
          where p.session_id = ? and p.state = 'handling' and p.field = '工业交通' order by p.number`,
      )
      .all(sessionId) as { number: number; title: string; lead: string; at: number }[];
    expect(expected.length).toBeGreaterThan(1);
    expect(sheet.rows.map((r) => [r["编号"], r["建议标题"], r["领衔代表"], r["办理状态"], r["领域"]])).toEqual(
      expected.map((e) => [e.number, e.title, e.lead, "办理中", "工业交通"]),
    );
    for (const [i, e] of expected.entries()) {
      const date = sheet.rows[i]["登记日期"];
      expect(date).toBeInstanceOf(Date);
      expect((date as Date).toISOString().slice(0, 10)).toBe(dayInChina(e.at));
    }
  });

  it("exports only what the viewer may see: a unit its own proposals, all pages", async () => {
    const sheet = await readTable(await proposalsWorkbook(actor("swj_staff"), new URLSearchParams()));
    const expected = db.$client
      .prepare(
        "select distinct p.number from proposals p join assignments a on a.proposal_id = p.id join units u on u.id = a.unit_id where u.name = '市商务局' order by p.number",
      )
      .all() as { number: number }[];
    expect(sheet.rows.map((r) => r["编号"])).toEqual(expected.map((e) => e.number));
    expect(sheet.filter).toBe("筛选条件：全部");
    // A unit cannot widen it with another unit's filter.
    const other = await readTable(await proposalsWorkbook(actor("swj_staff"), new URLSearchParams({ unit: "1" })));
    expect(other.rows.length).toBe(expected.length);
  });

  it("an export over the row limit is refused with the count and what to do; at the limit it is made", async () => {
    const n = (db.$client.prepare("select count(*) n from proposals").get() as { n: number }).n;
    await expect(proposalsWorkbook(actor("rdgw"), new URLSearchParams(), { maxRows: n - 1 })).rejects.toThrow(
      new Invalid(`符合条件的建议有 ${n} 件，超过单次导出上限 ${n - 1} 件。请按届次、办理状态或承办单位筛选后分批导出。`),
    );
    expect((await readTable(await proposalsWorkbook(actor("rdgw"), new URLSearchParams(), { maxRows: n }))).rows.length).toBe(n);
  });

  it("every export is audited: who, which list, how many rows (refused ones by the route's door: route-door.test.ts)", async () => {
    const audited = () => db.$client.prepare("select actor_id, object_id, result, detail from audit_log where action = 'export' order by id").all() as { actor_id: number; object_id: string; result: string; detail: string }[];
    const before = audited().length;
    const sheet = await readTable(await proposalsWorkbook(actor("rdgw"), new URLSearchParams({ state: "handling" })));
    const sessionId = (db.$client.prepare("select id from congress_sessions where name = '市十八届人大二次会议'").get() as { id: number }).id;
    await supervisionWorkbook(actor("dcs"), sessionId);
    const rows = audited().slice(before);
    expect(rows.map((r) => [r.actor_id, r.object_id, r.result])).toEqual([
      [actor("rdgw").id, "proposals", "ok"],
      [actor("dcs").id, "supervision.units", "ok"],
    ]);
    expect(JSON.parse(rows[0].detail)).toMatchObject({ rows: sheet.rows.length, filter: expect.stringContaining("办理中") });
  });

  it("an office's full export holds every proposal (more than a page)", async () => {
    const sheet = await readTable(await proposalsWorkbook(actor("rdgw"), new URLSearchParams()));
    expect(sheet.rows.length).toBe((db.$client.prepare("select count(*) n from proposals").get() as { n: number }).n);
    expect(sheet.rows.length).toBeGreaterThan(20);
  });

  it("the dashboard's unit table exports with the same figures, rates as fractions; offices only", async () => {
    const sessionId = (db.$client.prepare("select id from congress_sessions where name = '市十八届人大二次会议'").get() as { id: number }).id;
    const report = supervisionReport(actor("dcs"), { sessionId, today: dayOf(now()) });
    const sheet = await readTable(await supervisionWorkbook(actor("dcs"), sessionId));
    expect(sheet.filter).toContain("届次：市十八届人大二次会议");
    expect(sheet.rows.map((r) => r["承办单位"])).toEqual([...report.units.map((u) => u.unitName), "合计"]);
    for (const [i, u] of report.units.entries()) {
      expect(sheet.rows[i]["按时办复率"]).toBe(u.onTime.rate);
      expect(sheet.rows[i]["当前超期"]).toBe(u.overdueNow);
    }
    await expect(supervisionWorkbook(actor("jxj_staff"), sessionId)).rejects.toBeInstanceOf(Forbidden);
  });

  it("a drill-down list and the key proposals export with the same rows", async () => {
    const sessionId = (db.$client.prepare("select id from congress_sessions where name = '市十八届人大二次会议'").get() as { id: number }).id;
    const today = dayOf(now());
    const list = supervisionList(actor("dcs"), { sessionId, unitId: null, measure: "overdue", today });
    const sheet = await readTable(await supervisionListWorkbook(actor("dcs"), sessionId, null, "overdue"));
    expect(sheet.rows.map((r) => [r["编号"], r["承办单位"]])).toEqual(list.rows.map((r) => [r.number, r.unitName]));
    expect(sheet.rows.length).toBeGreaterThan(0);
    const key = keyProposals(actor("rdgw"), { sessionId, today });
    const keySheet = await readTable(await keyProposalsWorkbook(actor("rdgw"), sessionId));
    expect(keySheet.rows.map((r) => [r["编号"], r["督办领导"]])).toEqual(key.map((k) => [k.number, k.supervisor]));
    await expect(keyProposalsWorkbook(actor("hugf"), sessionId)).rejects.toBeInstanceOf(Forbidden);
  });
});
