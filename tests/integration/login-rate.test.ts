import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openDb, useDb } from "@/db";
import { auditLog } from "@/db/schema";
import { resetRateLimits } from "@/lib/rate-limit";
import { authOptions } from "@/auth";

/** Sign-in attempts from one address are limited before any password is checked. */
type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const from = (ip: string) => ({ headers: { "x-forwarded-for": ip, "user-agent": "test" } });

let db: ReturnType<typeof openDb>;
beforeEach(() => {
  process.env.NEXTAUTH_SECRET ??= "login-rate-test-secret";
  db = openDb(":memory:");
  useDb(db);
  resetRateLimits();
});

describe("sign-in rate limit per address", () => {
  it("refuses the 31st attempt in 5 minutes from one address with RATE_LIMITED, records it, and leaves other addresses alone", async () => {
    // Thirty different names, so no per-name lockout gets in the way.
    for (let i = 0; i < 30; i++) await expect(authorize({ username: `spray${i}`, password: "Wrong#password1" }, from("10.9.8.7"))).resolves.toBeNull();
    await expect(authorize({ username: "spray30", password: "Wrong#password1" }, from("10.9.8.7"))).rejects.toThrow("RATE_LIMITED");
    const limited = db.select().from(auditLog).where(eq(auditLog.action, "login.rate_limited")).all();
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject({ ip: "10.9.8.7", actorName: "spray30", result: "refused" });
    await expect(authorize({ username: "someone", password: "Wrong#password1" }, from("10.9.8.8"))).resolves.toBeNull();
  });

  it("folds a flood of refused attempts from one address: 300 refusals make 3 audit entries, with the count", async () => {
    for (let i = 0; i < 30; i++) await authorize({ username: `flood${i}`, password: "Wrong#password1" }, from("10.9.8.9"));
    for (let i = 0; i < 300; i++)
      await expect(authorize({ username: `flood${30 + i}`, password: "Wrong#password1" }, from("10.9.8.9"))).rejects.toThrow("RATE_LIMITED");
    const limited = db.select().from(auditLog).where(eq(auditLog.action, "login.rate_limited")).all();
    expect(limited.map((r) => (r.detail ? JSON.parse(r.detail).repeated : 1))).toEqual([1, 10, 100]);
  });
});
