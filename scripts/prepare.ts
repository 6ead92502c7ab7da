import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, openDb } from "../db";
import { seed, type SeedVariant } from "../db/seed";
import { ensureCalendar } from "../lib/clock-rules";
import { backfillDeadlines } from "../lib/services/stored-deadlines";

/**
 * Everything a first start needs before the web server: the data folder, a secret for signing
 * sessions (generated once and kept there, owner-readable only, unless the environment gives
 * one), the migrated database, and the demo data when the database is new.
 */
export async function prepare({ fresh = false, variant = "demo" as SeedVariant } = {}) {
  const dir = dataDir();
  if (fresh) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  if (!process.env.NEXTAUTH_SECRET && !process.env.AUTH_SECRET) {
    const file = path.join(dir, "auth-secret");
    if (!fs.existsSync(file)) {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
      console.log(`已生成会话密钥：${file}（仅所有者可读）`);
    }
    process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  }

  const db = openDb(path.join(dir, "banli.sqlite"));
  const filled = ensureCalendar(db);
  if (filled) console.log(`工作日历已写入法定节假日和调休安排 ${filled} 天。`);
  const backfilled = backfillDeadlines(db);
  if (backfilled) console.log(`已为 ${backfilled} 项承办计算并保存办理期限。`);
  const started = Date.now();
  if (await seed(db, variant)) console.log(`新数据库已写入演示数据（${Date.now() - started} ms）。`);
  db.$client.close();
}
