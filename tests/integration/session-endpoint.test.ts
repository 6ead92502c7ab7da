import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import type { Db } from "@/db";
import { setNow } from "@/lib/clock";
import { demoDb } from "../demo-db";

/*
 * The session cookie carries a token with the server-side session id. next-auth's endpoint
 * `/api/auth/session` answers page scripts from the session callback: it must show no session id,
 * and nothing at all once the server-side session has ended. The server itself
 * reads the id from the cookie (lib/auth/current.ts), so it still knows who is signed in.
 */

const SECRET = "test-secret-for-the-session-endpoint-0123456789";
process.env.NEXTAUTH_SECRET = SECRET;
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }),
  headers: async () => new Headers({ "x-forwarded-for": "10.7.7.7", "user-agent": "test" }),
}));

const { authOptions } = await import("@/auth");
const { currentSession, requirePage } = await import("@/lib/auth/current");
const { endSession, startSession } = await import("@/lib/auth/sessions");

let db: Db;
beforeAll(async () => {
  db = await demoDb();
});
afterAll(() => setNow(null));

const userId = () => (db.$client.prepare("select id from users where username = 'jxj_staff'").get() as { id: number }).id;
const callback = (sid: unknown) =>
  authOptions.callbacks!.session!({ session: { expires: "2026-11-21T02:00:00.000Z", user: { name: "经信局承办人" } }, token: { sid, name: "经信局承办人" } } as never);

describe("the session endpoint", () => {
  it("shows a live session's name and expiry, never its id", async () => {
    const sid = startSession(db, userId(), new Date(), "127.0.0.1", "test");
    const shown = (await callback(sid)) as unknown as Record<string, unknown>;
    expect(shown).toEqual({ expires: "2026-11-21T02:00:00.000Z", user: { name: "经信局承办人" } });
    expect(JSON.stringify(shown)).not.toContain(sid);
  });

  it("shows nothing for a token whose session has ended, or that names no session", async () => {
    const sid = startSession(db, userId(), new Date(), "127.0.0.1", "test");
    endSession(db, sid, new Date(), "signed_out");
    expect(await callback(sid)).toEqual({});
    expect(await callback(undefined)).toEqual({});
    expect(await callback("no-such-session")).toEqual({});
  });
});

describe("the server's own reading of the cookie", () => {
  it("finds the signed-in account from the cookie's token, and nobody from a forged or missing one", async () => {
    const sid = startSession(db, userId(), new Date(), "127.0.0.1", "test");
    jar.set("next-auth.session-token", await encode({ token: { sid, name: "经信局承办人" }, secret: SECRET }));
    const s = await currentSession();
    expect(s && "actor" in s ? s.actor.id : null).toBe(userId());

    jar.set("next-auth.session-token", await encode({ token: { sid }, secret: "another-secret-another-secret-another-secret" }));
    expect(await currentSession()).toBeNull();
    jar.set("next-auth.session-token", "not-a-token");
    expect(await currentSession()).toBeNull();
    jar.clear();
    expect(await currentSession()).toBeNull();

    endSession(db, sid, new Date(), "signed_out");
    jar.set("next-auth.session-token", await encode({ token: { sid }, secret: SECRET }));
    expect(await currentSession()).toEqual({ ended: "signed_out" });
  });
});

describe("a page the signed-in person may not open", () => {
  it("answers as if it did not exist, and is audited (once, then folded when repeated)", async () => {
    const sid = startSession(db, userId(), new Date(), "127.0.0.1", "test");
    jar.set("next-auth.session-token", await encode({ token: { sid }, secret: SECRET }));
    const refusals = () =>
      db.$client.prepare("select actor_id, object_id, ip, detail from audit_log where action = 'page.refused' order by id").all() as { actor_id: number; object_id: string; ip: string; detail: string | null }[];
    expect((await requirePage("proposal.list")).id).toBe(userId());
    expect(refusals()).toEqual([]);
    for (let i = 0; i < 12; i++) await expect(requirePage("supervision.view")).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    expect(refusals().map((r) => [r.actor_id, r.object_id, r.ip, r.detail ? JSON.parse(r.detail).repeated : 1])).toEqual([
      [userId(), "supervision.view", "10.7.7.7", 1],
      [userId(), "supervision.view", "10.7.7.7", 10],
    ]);
  });
});
