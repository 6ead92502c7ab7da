import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { eq } from "drizzle-orm";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { migrationsDir, openDb, useDb } from "@/db";
import { seed } from "@/db/seed";
import * as t from "@/db/schema";
import { appMigrations, BackupError, backupDatabase, filesDirFor, manifestFor, restoreDatabase, secretFileFor, sha256File } from "@/lib/backup";
import { uploadAttachment } from "@/lib/services/attachments";

/*
 * Data safety: online backup while another connection writes, refused restores that change
 * nothing, and a restore that brings back rows and attachment files. Each case has its own data
 * directory, copied from one seeded database.
 */

const roots: string[] = [];
let template: string;

const tempDir = (label: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `banli-backup-${label}-`));
  roots.push(dir);
  return dir;
};

beforeAll(async () => {
  template = path.join(tempDir("template"), "banli.sqlite");
  const db = openDb(template);
  await seed(db);
  db.$client.close();
}, 120_000);

afterAll(() => {
  delete process.env.BANLI_DATA_DIR;
  roots.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** A data directory with the seeded database (WAL mode, as the server leaves it). */
function dataDirWithDemo(label: string) {
  const dir = tempDir(label);
  fs.copyFileSync(template, path.join(dir, "banli.sqlite"));
  return dir;
}

function query<T>(file: string, sql: string, ...params: unknown[]) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Everything a refused restore must leave exactly as it was: every file of the data folder and its bytes. */
function fingerprint(dir: string) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort()
    .map((f) => `${f} ${sha256File(path.join(dir, f))}`);
}

async function refusedRestore(file: string, dataDir: string, message: RegExp) {
  const before = fingerprint(dataDir);
  const error = await restoreDatabase(file, { dataDir }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BackupError);
  expect((error as Error).message).toMatch(message);
  expect(fingerprint(dataDir)).toEqual(before);
  expect(query<{ n: number }>(path.join(dataDir, "banli.sqlite"), "select count(*) n from proposals")[0].n).toBeGreaterThan(40);
}

// A writer in another thread with its own connection: each transaction adds a contact log and its
// history row, and reports its number only after the commit.
const WRITER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");
db.pragma("foreign_keys = ON");
const log = db.prepare("insert into contact_logs (assignment_id, contacted_on, channel, people, summary, created_by_id) values (?, '2026-03-01', 'phone', '写入测试', ?, ?)");
const hist = db.prepare("insert into history (at, actor_id, action, subject_type, subject_id, proposal_id) values (?, ?, 'contact.log', 'contact', ?, ?)");
const write = db.transaction((n) => {
  const row = log.run(workerData.assignmentId, "writer-" + n, workerData.userId);
  hist.run(Date.now(), workerData.userId, row.lastInsertRowid, workerData.proposalId);
});
let n = 0;
let stop = false;
parentPort.on("message", () => { stop = true; });
(function loop() {
  for (let i = 0; i < 5; i++) { write(++n); parentPort.postMessage(n); }
  if (stop) { db.close(); parentPort.postMessage("done"); } else setImmediate(loop);
})();
`;

describe("online backup", () => {
  it("is consistent and holds every write committed before it started, while another connection keeps writing", async () => {
    const dataDir = dataDirWithDemo("online");
    const live = path.join(dataDir, "banli.sqlite");
    const [target] = query<{ id: number; proposalId: number }>(live, "select id, proposal_id proposalId from assignments where state = 'received' limit 1");
    const [staff] = query<{ id: number }>(live, "select id from users where username = 'jxj_staff'");

    let acked = 0;
    const worker = new Worker(WRITER, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve("better-sqlite3"), file: live, assignmentId: target.id, proposalId: target.proposalId, userId: staff.id },
    });
    const done = new Promise<void>((resolve, reject) => {
      worker.on("message", (m) => (m === "done" ? resolve() : (acked = m as number)));
      worker.on("error", reject);
    });
    const until = async (n: number) => {
      while (acked < n) await new Promise((r) => setTimeout(r, 5));
    };

    const backups: { file: string; committedBefore: number }[] = [];
    await until(50);
    for (let i = 0; i < 3; i++) {
      const committedBefore = acked;
      const r = await backupDatabase({ dataDir });
      backups.push({ file: r.file, committedBefore });
      // The writer went on during and after the copy.
      await until(committedBefore + 100);
    }
    worker.postMessage("stop");
    await done;

    for (const [i, b] of backups.entries()) {
      expect(query<{ r: string }>(b.file, "pragma integrity_check").map((x) => x.r ?? Object.values(x)[0])).toEqual(["ok"]);
      expect(query(b.file, "pragma foreign_key_check")).toEqual([]);
      const markers = query<{ summary: string; history: number }>(
        b.file,
        "select c.summary, (select count(*) from history h where h.subject_type = 'contact' and h.subject_id = c.id) history from contact_logs c where c.summary like 'writer-%'",
      );
      const numbers = markers.map((m) => Number(m.summary.slice(7))).sort((a, z) => a - z);
      // A prefix of the writes (one state of the database), at least every write acknowledged before.
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, k) => k + 1));
      expect(numbers.length).toBeGreaterThanOrEqual(b.committedBefore);
      expect(numbers.length).toBeLessThan(acked);
      // Each write's two rows together, never one without the other.
      expect(markers.every((m) => m.history === 1)).toBe(true);
      if (i > 0) expect(numbers.length).toBeGreaterThan(backups[i - 1].committedBefore);
      // Self-contained: no WAL beside it, owner-only, checksum written beside it.
      expect(fs.existsSync(`${b.file}-wal`)).toBe(false);
      expect(fs.statSync(b.file).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(`${b.file}.sha256`, "utf8")).toBe(`${sha256File(b.file)}  ${path.basename(b.file)}\n`);
    }
    expect(path.basename(backups[0].file)).toMatch(/^banli-\d{8}-\d{6}(-\d+)?\.sqlite$/);
    expect(new Set(backups.map((b) => b.file)).size).toBe(3);
  }, 60_000);

  it("refuses to overwrite an existing file and leaves nothing behind when the database is missing", async () => {
    const dataDir = dataDirWithDemo("no-overwrite");
    const out = path.join(dataDir, "copy.sqlite");
    fs.writeFileSync(out, "keep me");
    await expect(backupDatabase({ dataDir, out })).rejects.toThrow(/已存在/);
    expect(fs.readFileSync(out, "utf8")).toBe("keep me");
    const empty = tempDir("empty");
    await expect(backupDatabase({ dataDir: empty })).rejects.toThrow(/未找到数据库/);
    expect(fs.readdirSync(empty)).toEqual([]);
  });
});

describe("restore", () => {
  it("refuses a file that is not SQLite, and changes nothing", async () => {
    const dataDir = dataDirWithDemo("not-sqlite");
    const file = path.join(tempDir("input"), "banli.sqlite");
    fs.writeFileSync(file, "这不是数据库\n".repeat(1000));
    await refusedRestore(file, dataDir, /不是 SQLite/);
    await refusedRestore(path.join(dataDir, "no-such-file.sqlite"), dataDir, /不存在/);
  });

  it("refuses a damaged database, and changes nothing", async () => {
    const dataDir = dataDirWithDemo("corrupt");
    const { file } = await backupDatabase({ dataDir, out: path.join(tempDir("corrupt-out"), "banli.sqlite") });
    fs.rmSync(`${file}.sha256`); // the checksum would catch it first; the database checks must too
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Overwrite a few pages in the middle (b-tree pages of the tables) with garbage.
    for (let page = 20; page < 26; page++) bytes.fill(0x5a, page * pageSize + 8, page * pageSize + pageSize - 8);
    fs.writeFileSync(file, bytes);
    await refusedRestore(file, dataDir, /完整性检查未通过|已损坏/);

    // A truncated file too.
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await refusedRestore(file, dataDir, /完整性检查未通过|已损坏/);
  });

  it("refuses a file whose checksum does not match the one written beside it", async () => {
    const dataDir = dataDirWithDemo("checksum");
    const { file } = await backupDatabase({ dataDir, out: path.join(tempDir("checksum-out"), "banli.sqlite") });
    const db = new Database(file);
    db.prepare("update proposals set title = title || '（改）' where id = 1").run();
    db.close();
    await refusedRestore(file, dataDir, /SHA-256/);
  });

  it("refuses broken foreign keys", async () => {
    const dataDir = dataDirWithDemo("fk");
    const file = path.join(tempDir("fk-out"), "banli.sqlite");
    fs.copyFileSync(template, file);
    const db = new Database(file);
    db.pragma("foreign_keys = OFF");
    db.prepare("insert into contact_logs (assignment_id, contacted_on, channel, people, summary, created_by_id) values (999999, '2026-03-01', 'phone', 'x', 'x', 1)").run();
    db.pragma("journal_mode = DELETE");
    db.close();
    await refusedRestore(file, dataDir, /外键检查/);
  });

  it("refuses a backup from a newer version of the system, and changes nothing", async () => {
    const dataDir = dataDirWithDemo("newer");
    const file = path.join(tempDir("newer-out"), "banli.sqlite");
    fs.copyFileSync(template, file);
    const db = new Database(file);
    const last = appMigrations().at(-1)!.createdAt;
    db.prepare("insert into __drizzle_migrations (hash, created_at) values (?, ?)").run("f".repeat(64), last + 86_400_000);
    db.pragma("journal_mode = DELETE");
    db.close();
    await refusedRestore(file, dataDir, /更新版本/);

    // A database of another system (no migrations table) is refused too.
    const other = path.join(tempDir("other"), "other.sqlite");
    const o = new Database(other);
    o.exec("create table notes (id integer primary key, body text)");
    o.close();
    await refusedRestore(other, dataDir, /不是本系统/);
  });

  it("refuses while another process has the database open", async () => {
    const dataDir = dataDirWithDemo("busy");
    const { file } = await backupDatabase({ dataDir, out: path.join(tempDir("busy-out"), "banli.sqlite") });
    const { spawn } = await import("node:child_process");
    const holder = spawn(process.execPath, [
      "-e",
      `const D = require(${JSON.stringify(createRequire(import.meta.url).resolve("better-sqlite3"))}); const d = new D(${JSON.stringify(path.join(dataDir, "banli.sqlite"))}); d.prepare("select 1").get(); console.log("open"); setInterval(() => {}, 1000);`,
    ]);
    try {
      await new Promise((resolve) => holder.stdout.once("data", resolve));
      await refusedRestore(file, dataDir, /正在被使用/);
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("brings back the rows and the attachment files, keeping the current database beside it", async () => {
    const dataDir = dataDirWithDemo("good");
    process.env.BANLI_DATA_DIR = dataDir;
    const live = path.join(dataDir, "banli.sqlite");
    let db = openDb(live);
    useDb(db);
    const rdgw = db.select().from(t.users).where(eq(t.users.username, "rdgw")).get()!;
    const p155 = db.select().from(t.proposals).where(eq(t.proposals.number, 155)).get()!;
    const actor = { id: rdgw.id, role: rdgw.role, unitId: rdgw.unitId, deputyId: rdgw.deputyId, displayName: rdgw.displayName };
    const pdf = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% 签发件扫描\n%%EOF\n", "utf8"));
    uploadAttachment(actor, { target: `proposal:${p155.id}` }, { name: "签发件.pdf", bytes: pdf });
    const [attachment] = db.select().from(t.attachments).all();
    const counts = () => ({
      proposals: db.$client.prepare("select count(*) n from proposals").get(),
      history: db.$client.prepare("select count(*) n from history").get(),
      attachments: db.$client.prepare("select count(*) n from attachments").get(),
    });
    const atBackup = counts();
    db.$client.close();

    const backup = await backupDatabase({ dataDir });
    expect(backup.files.count).toBe(1);
    const blobInBackup = path.join(filesDirFor(backup.file), attachment.sha256.slice(0, 2), attachment.sha256);
    expect(fs.readFileSync(blobInBackup)).toEqual(Buffer.from(pdf));

    // Later: a proposal's title changes, the file is lost from disk.
    db = openDb(live);
    db.$client.prepare("update proposals set title = '之后改的标题' where id = ?").run(p155.id);
    db.$client.close();
    const blob = path.join(dataDir, "files", attachment.sha256.slice(0, 2), attachment.sha256);
    fs.rmSync(blob);

    const r = await restoreDatabase(backup.file, { dataDir });
    expect(r.previous).toMatch(/banli\.sqlite\.before-restore-\d{8}-\d{6}/);
    expect(r.files).toEqual({ copied: 1, present: 0 });
    expect(r.migrated).toBe(0);
    expect(fs.readFileSync(blob)).toEqual(Buffer.from(pdf));
    db = openDb(live);
    expect(counts()).toEqual(atBackup);
    expect(db.$client.prepare("select title from proposals where id = ?").get(p155.id)).toEqual({ title: p155.title });
    db.$client.close();
    // The database it replaced is kept, with the later change.
    expect(query<{ title: string }>(r.previous!, "select title from proposals where id = ?", p155.id)[0].title).toBe("之后改的标题");
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith(".restore-"))).toEqual([]);
  }, 60_000);

  it("refuses a backup whose attachment files are missing, unless told to go without them", async () => {
    const dataDir = dataDirWithDemo("nofiles");
    process.env.BANLI_DATA_DIR = dataDir;
    const db = openDb(path.join(dataDir, "banli.sqlite"));
    useDb(db);
    const rdgw = db.select().from(t.users).where(eq(t.users.username, "rdgw")).get()!;
    uploadAttachment(
      { id: rdgw.id, role: rdgw.role, unitId: rdgw.unitId, deputyId: rdgw.deputyId, displayName: rdgw.displayName },
      { target: "proposal:1" },
      { name: "a.pdf", bytes: new Uint8Array(Buffer.from("%PDF-1.4\n% only in the backup\n%%EOF\n")) },
    );
    db.$client.close();
    const backup = await backupDatabase({ dataDir, out: path.join(tempDir("nofiles-out"), "b.sqlite") });
    fs.rmSync(path.join(dataDir, "files"), { recursive: true });
    fs.rmSync(filesDirFor(backup.file), { recursive: true });
    await refusedRestore(backup.file, dataDir, /附件文件/);
    const r = await restoreDatabase(backup.file, { dataDir, allowMissingFiles: true });
    expect(r.files).toEqual({ copied: 0, present: 0 });
  }, 60_000);

  it("accepts a backup from an older version and migrates it", async () => {
    const dataDir = dataDirWithDemo("older");
    const app = appMigrations();
    expect(app.length).toBeGreaterThan(1);
    // A database made by the app as it was one migration ago.
    const folder = path.join(tempDir("old-migrations"), "migrations");
    fs.cpSync(migrationsDir(), folder, { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8"));
    journal.entries = journal.entries.slice(0, -1);
    fs.writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify(journal));
    const file = path.join(tempDir("older-out"), "banli.sqlite");
    const sqlite = new Database(file);
    migrate(drizzle(sqlite), { migrationsFolder: folder });
    sqlite.prepare("insert into units (name, short_name, kind) values ('旧版单位', '旧', 'department')").run();
    sqlite.pragma("journal_mode = DELETE");
    sqlite.close();

    const r = await restoreDatabase(file, { dataDir });
    expect(r.migrated).toBe(1);
    expect(r.after.migrations).toEqual(app);
    expect(query(path.join(dataDir, "banli.sqlite"), "select name from units")).toEqual([{ name: "旧版单位" }]);
  }, 60_000);

  it("keeps the server secret with the backup, puts it back, and refuses a database under another secret", async () => {
    // The audit chain and the sealed TOTP secrets depend on the server secret (lib/auth/secret.ts).
    const saved = { next: process.env.NEXTAUTH_SECRET, auth: process.env.AUTH_SECRET };
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.AUTH_SECRET;
    try {
      const dataDir = dataDirWithDemo("secret");
      fs.writeFileSync(path.join(dataDir, "auth-secret"), "secret-A", { mode: 0o600 });
      const withSecret = await backupDatabase({ dataDir, out: path.join(tempDir("secret-out"), "with.sqlite") });
      expect(withSecret.secret.included).toBe(true);
      expect(fs.readFileSync(secretFileFor(withSecret.file), "utf8")).toBe("secret-A");
      expect(fs.statSync(secretFileFor(withSecret.file)).mode & 0o777).toBe(0o600);
      const manifest = JSON.parse(fs.readFileSync(manifestFor(withSecret.file), "utf8"));
      expect(manifest).toMatchObject({ format: 1, sha256: withSecret.sha256, secretIncluded: true, attachments: 0 });
      expect(JSON.stringify(manifest)).not.toContain("secret-A");
      const without = await backupDatabase({ dataDir, out: path.join(tempDir("secret-out2"), "without.sqlite"), withSecret: false });
      expect(fs.existsSync(secretFileFor(without.file))).toBe(false);

      // A new machine: no database, no secret. The backup's secret comes back with it.
      const fresh = tempDir("fresh");
      const r = await restoreDatabase(withSecret.file, { dataDir: fresh });
      expect(r.secret.action).toBe("install");
      expect(r.previous).toBeNull();
      expect(fs.readFileSync(path.join(fresh, "auth-secret"), "utf8")).toBe("secret-A");
      expect(fs.statSync(path.join(fresh, "auth-secret")).mode & 0o777).toBe(0o600);

      // Under another generated secret: the backup's replaces it, the other one is kept.
      const other = dataDirWithDemo("other-secret");
      fs.writeFileSync(path.join(other, "auth-secret"), "secret-B", { mode: 0o600 });
      expect((await restoreDatabase(withSecret.file, { dataDir: other })).secret.action).toBe("install");
      expect(fs.readFileSync(path.join(other, "auth-secret"), "utf8")).toBe("secret-A");
      const kept = fs.readdirSync(other).filter((f) => f.startsWith("auth-secret.before-restore-"));
      expect(kept.map((f) => fs.readFileSync(path.join(other, f), "utf8"))).toEqual(["secret-B"]);

      // A backup without its secret, under another one: refused, unless told to go on.
      const third = dataDirWithDemo("third-secret");
      fs.writeFileSync(path.join(third, "auth-secret"), "secret-B", { mode: 0o600 });
      await refusedRestore(without.file, third, /会话密钥/);
      expect((await restoreDatabase(without.file, { dataDir: third, ignoreSecret: true })).secret.action).toBe("ignored");
      // The same secret: nothing to do.
      expect((await restoreDatabase(without.file, { dataDir })).secret.action).toBe("same");

      // A secret given in the environment cannot be replaced by a file: refused.
      process.env.NEXTAUTH_SECRET = "secret-C";
      await refusedRestore(withSecret.file, dataDirWithDemo("env-secret"), /NEXTAUTH_SECRET/);
    } finally {
      for (const [k, v] of [["NEXTAUTH_SECRET", saved.next], ["AUTH_SECRET", saved.auth]] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  }, 60_000);
});
