import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { lockedUntil, recordFailure, recordSuccess } from "@/lib/auth/lockout";
import { now } from "@/lib/clock";

// Verifying against a real hash when the account does not exist keeps the time the same either way.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword("banli-no-such-account"));

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: {
        username: { label: "用户名", type: "text" },
        password: { label: "密码", type: "password" },
      },
      async authorize(credentials) {
        const username = String(credentials?.username ?? "").trim().slice(0, 64);
        const password = String(credentials?.password ?? "").slice(0, 256);
        if (!username || !password) return null;
        const db = getDb();
        const at = now();
        // A locked name is refused whatever the password; the lock applies to unknown names too.
        if (lockedUntil(db, username, at)) throw new Error("LOCKED");
        const user = db.select().from(users).where(eq(users.username, username)).get();
        const ok = await verifyPassword(user?.passwordHash ?? (await dummy()), password);
        if (!user || !ok || !user.active) {
          if (recordFailure(db, username, at)) throw new Error("LOCKED");
          return null;
        }
        recordSuccess(db, username);
        return { id: String(user.id), name: user.displayName, sv: user.sessionVersion } as never;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as unknown as { sv: number }).sv;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv } as typeof session;
    },
  },
};
