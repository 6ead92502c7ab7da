import os from "node:os";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { auditIn } from "../audit";
import { clearLocks } from "./lockout";

/**
 * The way back in for an administrator whose own account is locked (the security administrator is
 * the one who unlocks, so their lock has nobody to lift it in the app): someone with a shell on the
 * server runs `npm run unlock -- <user name>`. The locks and failures of the name go, and the audit
 * log records who ran it, as which system user on which machine.
 */
export function unlockFromServer(db: Db, username: string, at: Date) {
  const name = username.trim().toLowerCase();
  if (!name) throw new Error("用法：npm run unlock -- <用户名>");
  return db.transaction((tx) => {
    const user = tx.select({ id: users.id }).from(users).where(eq(users.username, name)).get();
    if (!user) throw new Error(`没有用户名为“${name}”的账号。`);
    const locks = clearLocks(tx, name);
    const operator = `服务器命令（${os.userInfo().username}@${os.hostname()}）`;
    auditIn(
      tx,
      { actor: null, actorName: operator, action: "account.unlock", objectType: "user", objectId: user.id, result: "ok", detail: { via: "npm run unlock", username: name, locks: locks.map((l) => ({ ip: l.ip, lockedUntil: l.lockedUntil })) } },
      at,
    );
    return { username: name, locks: locks.filter((l) => l.lockedUntil > at).length };
  });
}
