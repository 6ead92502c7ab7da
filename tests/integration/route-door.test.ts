import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import type { Db } from "@/db";
import { setNow } from "@/lib/clock";
import { resetRateLimits } from "@/lib/rate-limit";
import { demoDb } from "../demo-db";

/*
 * The route handlers' one door (lib/route.ts): signed out 401, a role without the right 403 (or 404
 * for a record), bad input 400 with its sentence, a named thing that is not there 404, each refusal
 * audited. Called here as Next calls them, with the session cookie the browser would send.
 */
const SECRET = "test-secret-for-the-route-door-0123456789abcdef";
process.env.NEXTAUTH_SECRET = SECRET;
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }),
  headers: async () => new Headers({ "x-forwarded-for": "10.7.7.8", "user-agent": "test" }),
}));

const { startSession } = await import("@/lib/auth/sessions");
const proposalsExport = await import("@/app/api/export/proposals/route");
const supervisionExport = await import("@/app/api/export/supervision/route");
const documents = await import("@/app/api/documents/[kind]/[id]/[format]/route");
const attachments = await import("@/app/api/attachments/[id]/route");

let db: Db;
beforeAll(async () => {
  db = await demoDb();
  resetRateLimits();
});
afterAll(() => setNow(null));

async function signInAs(username: string | null) {
  jar.clear();
  if (!username) return;
  const id = (db.$client.prepare("select id from users where username = ?").get(username) as { id: number }).id;
  const sid = startSession(db, id, new Date(), "10.7.7.8", "test");
  jar.set("next-auth.session-token", await encode({ token: { sid, name: username }, secret: SECRET }));
}
const get = (url: string, from = "10.7.7.8") => new Request(`http://localhost${url}`, { headers: { "x-forwarded-for": from } });
const params = <P,>(p: P) => ({ params: Promise.resolve(p) });
const lastAudit = () => db.$client.prepare("select action, object_id, result, detail from audit_log order by id desc limit 1").get() as Record<string, string>;

describe("routeHandler", () => {
  it("signed out: 401, recorded", async () => {
    await signInAs(null);
    const res = await proposalsExport.GET(get("/api/export/proposals"));
    expect([res.status, await res.text()]).toEqual([401, "请先登录。"]);
    expect(lastAudit()).toMatchObject({ action: "export", object_id: "proposals", result: "refused" });
  });

  it("a role without the right: 403 for an export, 404 for a record; both recorded", async () => {
    await signInAs("jxj_staff");
    const res = await supervisionExport.GET(get("/api/export/supervision"));
    expect([res.status, await res.text()]).toEqual([403, "您无权进行此项操作。"]);
    expect(JSON.parse(lastAudit().detail)).toMatchObject({ reason: "forbidden" });
    // An administrator (enrolled in two-factor, so nothing is pending) holds no document right.
    db.$client.prepare("update users set totp_secret = 'enrolled' where username = 'auditor'").run();
    await signInAs("auditor");
    const doc = await documents.GET(get("/api/documents/opinion/1/docx"), params({ kind: "opinion", id: "1", format: "docx" }));
    expect([doc.status, await doc.text()]).toEqual([404, "未找到该文稿，或您无权查看。"]);
  });

  it("bad input is 400 with its sentence (it was 403 before the door)", async () => {
    await signInAs("dcs");
    const res = await supervisionExport.GET(get("/api/export/supervision?view=list&measure=bogus"));
    expect([res.status, await res.text()]).toEqual([400, "统计口径无效。"]);
    const noSession = await supervisionExport.GET(get("/api/export/supervision?session=abc"));
    expect([noSession.status, await noSession.text()]).toEqual([400, "请选择届次。"]);
  });

  it("each refused export is audited once, with the reason: the door records it, the service does not again", async () => {
    // Each from an address of its own: repeated refusals from one address and account fold into one entry.
    const from = (n: number) => `10.7.8.${n}`;
    const exportsAudited = () => db.$client.prepare("select action, object_id, result, detail from audit_log where action = 'export' order by id").all() as Record<string, string>[];
    const sessionId = (db.$client.prepare("select id from congress_sessions where name = '市十八届人大二次会议'").get() as { id: number }).id;
    await signInAs("jxj_staff");
    let before = exportsAudited().length;
    expect((await supervisionExport.GET(get(`/api/export/supervision?session=${sessionId}`, from(1)))).status).toBe(403);
    expect(exportsAudited().slice(before)).toEqual([expect.objectContaining({ result: "refused", detail: JSON.stringify({ reason: "forbidden" }) })]);
    await signInAs("dcs");
    before = exportsAudited().length;
    expect((await supervisionExport.GET(get(`/api/export/supervision?view=list&session=${sessionId}&measure=other`, from(2)))).status).toBe(400);
    expect((await supervisionExport.GET(get("/api/export/supervision?session=999999", from(3)))).status).toBe(404);
    const refused = exportsAudited().slice(before);
    expect(refused.map((r) => [r.result, JSON.parse(r.detail).reason])).toEqual([
      ["invalid", "统计口径无效。"],
      ["refused", "not_found"],
    ]);
  });

  it("a malformed or unknown id is 404 without touching the service; a good request is 200", async () => {
    await signInAs("rdgw");
    const bad = await attachments.GET(get("/api/attachments/abc"), params({ id: "abc" }));
    expect(bad.status).toBe(404);
    const unknown = await attachments.GET(get("/api/attachments/999999"), params({ id: "999999" }));
    expect([unknown.status, await unknown.text()]).toEqual([404, "未找到该附件，或您无权查看。"]);
    const ok = await proposalsExport.GET(get("/api/export/proposals?state=handling"));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toContain("filename*=UTF-8''");
  });
});
