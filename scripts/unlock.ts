/**
 * `npm run unlock -- <user name>`: lifts every sign-in lock of an account from the server's shell,
 * for an administrator locked out of their own account (lib/auth/unlock-command.ts). Audited.
 */
import path from "node:path";
import { dataDir, openDb } from "../db";
import { unlockFromServer } from "../lib/auth/unlock-command";
import { now } from "../lib/clock";

const db = openDb(path.join(dataDir(), "banli.sqlite"));
try {
  const { username, locks } = unlockFromServer(db, process.argv[2] ?? "", now());
  console.log(locks ? `已解除账号 ${username} 的 ${locks} 处登录锁定，并记入审计日志。` : `账号 ${username} 当前没有登录锁定；已清除其登录失败记录，并记入审计日志。`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  db.$client.close();
}
