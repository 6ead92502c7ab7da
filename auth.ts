import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { lockedUntil, recordFailure, recordSuccess, releaseCheck, reserveCheck } from "@/lib/auth/lockout";
import { checkSession, endSession, startSession } from "@/lib/auth/sessions";
import { readPolicy } from "@/lib/security-settings";
import { acceptCode, openSecret } from "@/lib/auth/totp";
import { audit } from "@/lib/audit";
import { foldedDetail } from "@/lib/audit-fold";
import type { EventAction } from "@/lib/audit-actions";
import { clientIp } from "@/lib/request-context";
import { LOGIN_PER_IP, limitBy } from "@/lib/rate-limit";
import { now } from "@/lib/clock";

// Verifying against a real hash when the account does not exist keeps the time the same either way.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword("banli-no-such-account"));

/**
 * Errors the sign-in form turns into sentences. None says whether the account exists: a wrong
 * name, a wrong password and a disabled account all answer the same.
 */
export const SIGN_IN_ERRORS = ["LOCKED", "TOTP_REQUIRED", "TOTP_INVALID", "RATE_LIMITED"] as const;

type Headers = Record<string, string | string[] | undefined>;
const header = (h: Headers | undefined, name: string) => {
  const v = h?.[name];
  return Array.isArray(v) ? v[0] : v;
};

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET,
  // The cookie lives at most as long as the longest allowed session; the server-side session
  // (lib/auth/sessions.ts) decides idle and absolute timeouts by policy.
  session: { strategy: "jwt", maxAge: 24 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: {
        username: { label: "用户名", type: "text" },
        password: { label: "密码", type: "password" },
        code: { label: "动态验证码", type: "text" },
      },
      async authorize(credentials, req) {
        const username = String(credentials?.username ?? "").trim().slice(0, 64);
        const password = String(credentials?.password ?? "").slice(0, 256);
        const code = String(credentials?.code ?? "").slice(0, 16);
        if (!username || !password) return null;
        const headers = req?.headers as Headers | undefined;
        const ip = clientIp((n) => header(headers, n));
        const userAgent = header(headers, "user-agent") ?? "";
        const db = getDb();
        const at = now();
        const log = (result: "ok" | "refused", action: EventAction, user?: { id: number; displayName: string; role: string }, detail?: unknown) =>
          audit(db, { actor: user ?? null, actorName: username, action, objectType: "account", objectId: username, result, detail, ip }, at);
        // Refusals that need no password check can be sent without end: folded per address (lib/audit-fold.ts).
        const logFolded = (action: EventAction, key: string, detail?: Record<string, unknown>) => {
          const folded = foldedDetail(`${ip}|${action}|${key}`, detail);
          if (folded !== null) log("refused", action, undefined, folded);
        };
        // Many attempts from one address (spraying names) are slowed before any hash is computed.
        if (!limitBy(LOGIN_PER_IP, `ip:${ip}`, Date.now()).ok) {
          logFolded("login.rate_limited", "");
          throw new Error("RATE_LIMITED");
        }
        // A locked name is refused whatever the password; the lock applies to unknown names too.
        if (lockedUntil(db, username, ip, at)) {
          logFolded("login.locked", username.toLowerCase());
          throw new Error("LOCKED");
        }
        // At most as many passwords under check at once as failures remain before the lock; a name
        // being sprayed from many addresses is checked once a minute (lib/auth/lockout.ts).
        const refusal = reserveCheck(db, username, ip, at);
        if (refusal === "locked") {
          logFolded("login.locked", username.toLowerCase(), { reason: "checks_under_way" });
          throw new Error("LOCKED");
        }
        if (refusal === "slowed") {
          logFolded("login.slowed", username.toLowerCase());
          throw new Error("SLOWED");
        }
        try {
          return await checkCredentials();
        } finally {
          releaseCheck(username, ip);
        }

        async function checkCredentials() {
          const user = db.select().from(users).where(eq(users.username, username)).get();
          const ok = await verifyPassword(user?.passwordHash ?? (await dummy()), password);
          if (!user || !ok || !user.active) {
            const locked = recordFailure(db, username, ip, at);
            log("refused", "login.failed", undefined, { reason: !user ? "unknown_or_wrong" : !ok ? "unknown_or_wrong" : "disabled" });
            if (locked) {
              log("refused", "login.lockout", undefined, { until: locked.toISOString() });
              throw new Error("LOCKED");
            }
            return null;
          }
          if (user.totpSecret) {
            if (!code) throw new Error("TOTP_REQUIRED");
            // The authenticator runs on real time, whatever clock the application is pinned to. The last
            // used step is read again after the hash (other sign-ins may have used the code meanwhile),
            // and taken only if nobody took it first: one code makes one session.
            const lastStep = db.select({ s: users.totpLastStep }).from(users).where(eq(users.id, user.id)).get()?.s ?? null;
            const step = acceptCode(openSecret(user.totpSecret), code, new Date(), lastStep);
            const taken =
              step != null &&
              db
                .update(users)
                .set({ totpLastStep: step })
                .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
                .run().changes === 1;
            if (!taken) {
              const locked = recordFailure(db, username, ip, at);
              log("refused", "login.totp_failed", user);
              if (locked) {
                log("refused", "login.lockout", user, { until: locked.toISOString() });
                throw new Error("LOCKED");
              }
              throw new Error("TOTP_INVALID");
            }
          }
          recordSuccess(db, username);
          const sid = startSession(db, user.id, at, ip, userAgent);
          log("ok", "login.ok", user, { twoFactor: !!user.totpSecret });
          return { id: String(user.id), name: user.displayName, sid } as never;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sid = (user as unknown as { sid: string }).sid;
      return token;
    },
    // What `/api/auth/session` tells a page's scripts: the name, while the server-side session is
    // live; never the session id (the server reads it from the cookie itself, lib/auth/current.ts),
    // and nothing once the session has ended, though the cookie's token is still well-formed.
    session({ session, token }) {
      const sid = typeof token.sid === "string" ? token.sid : null;
      const db = getDb();
      if (!sid || !checkSession(db, sid, now(), readPolicy(db)).ok) return {} as typeof session;
      return { expires: session.expires, user: { name: session.user?.name ?? null } } as typeof session;
    },
  },
  events: {
    signOut({ token }) {
      const sid = (token as { sid?: string } | null)?.sid;
      if (!sid) return;
      const db = getDb();
      const at = now();
      endSession(db, sid, at, "signed_out");
      audit(db, { actor: null, actorName: String(token?.name ?? "-"), action: "logout", objectType: "session", objectId: sid.slice(0, 8), result: "ok" }, at);
    },
  },
};
