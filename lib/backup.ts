import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { dataDir as defaultDataDir, migrationsDir, openDb, type Db } from "@/db";
import * as schema from "@/db/schema";
import { verifyAudit } from "@/lib/audit";

/**
 * Backup and restore of the embedded database and the attachment files it refers to.
 *
 * A backup is `banli-YYYYMMDD-HHMMSS.sqlite` (one self-contained SQLite file, rollback journal,
 * no -wal beside it), `banli-YYYYMMDD-HHMMSS-files/` (the attachment blobs its rows refer to, laid
 * out as in the data folder: `<first 2 hex>/<sha256>`) and `banli-YYYYMMDD-HHMMSS.sqlite.sha256`.
 *
 * The copy is taken with SQLite's online backup API in one step, i.e. inside one read transaction:
 * in WAL mode the server keeps reading and writing meanwhile, and the copy is the database as of
 * the moment that transaction began (every write committed before it, none after).
 */

export const DB_FILE = "banli.sqlite";

// ---- What a database file holds ----

export type MigrationRow = { hash: string; createdAt: number };

export type DbReport = {
  integrity: string[];
  foreignKeyProblems: { table: string; rowid: number | null; parent: string }[];
  tables: { name: string; rows: number }[];
  migrations: MigrationRow[];
  /** Distinct SHA-256 of every attachment row, deleted ones included (deletion is soft). */
  blobs: string[];
};

export class BackupError extends Error {}

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/** True when the file starts with the SQLite header. */
export function looksLikeSqlite(file: string) {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const head = Buffer.alloc(16);
    return fs.readSync(fd, head, 0, 16, 0) === 16 && head.equals(SQLITE_MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Integrity, foreign keys, row counts, applied migrations and referenced blobs of an open database. */
export function inspect(db: Database.Database): DbReport {
  const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
  const foreignKeyProblems = (db.pragma("foreign_key_check") as { table: string; rowid: number | null; parent: string }[]).map((r) => ({
    table: r.table,
    rowid: r.rowid,
    parent: r.parent,
  }));
  const names = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map(
    (r) => r.name,
  );
  const tables = names.map((name) => ({
    name,
    rows: (db.prepare(`select count(*) as n from "${name.replaceAll('"', '""')}"`).get() as { n: number }).n,
  }));
  const migrations = names.includes("__drizzle_migrations")
    ? (db.prepare("select hash, created_at as createdAt from __drizzle_migrations order by created_at, id").all() as MigrationRow[]).map((m) => ({
        hash: m.hash,
        createdAt: Number(m.createdAt),
      }))
    : [];
  const blobs = names.includes("attachments")
    ? (db.prepare("select distinct sha256 from attachments order by sha256").all() as { sha256: string }[]).map((r) => r.sha256)
    : [];
  return { integrity, foreignKeyProblems, tables, migrations, blobs };
}

/** Opens a file read-only and inspects it; any SQLite error (a damaged file) becomes a refusal. */
export function inspectFile(file: string): DbReport {
  if (!fs.existsSync(file)) throw new BackupError(`文件不存在：${file}`);
  if (!looksLikeSqlite(file)) throw new BackupError(`不是 SQLite 数据库文件：${file}`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return inspect(db);
  } catch (error) {
    throw new BackupError(`数据库文件已损坏，无法读取：${file}（${(error as Error).message}）`);
  } finally {
    db?.close();
  }
}

/** The problems that make a copy unusable: a failed integrity check, broken foreign keys. */
export function problemsOf(report: DbReport) {
  const problems: string[] = [];
  if (report.integrity.length !== 1 || report.integrity[0] !== "ok")
    problems.push(`完整性检查未通过（integrity_check）：${report.integrity.slice(0, 5).join("；")}`);
  if (report.foreignKeyProblems.length)
    problems.push(
      `外键检查发现 ${report.foreignKeyProblems.length} 处引用缺失（foreign_key_check），如 ${report.foreignKeyProblems
        .slice(0, 3)
        .map((p) => `${p.table}#${p.rowid} → ${p.parent}`)
        .join("、")}`,
    );
  return problems;
}

// ---- Schema versions ----

export function appMigrations(folder = migrationsDir()): MigrationRow[] {
  return readMigrationFiles({ migrationsFolder: folder }).map((m) => ({ hash: m.hash, createdAt: m.folderMillis }));
}

export type SchemaVerdict =
  | { ok: true; applied: number; pending: number }
  | { ok: false; reason: string };

/**
 * A database can be used by this app when its applied migrations are a prefix of the app's
 * journal: the same migrations (time and content), possibly fewer (the rest are applied on open).
 */
export function compareSchema(db: MigrationRow[], app: MigrationRow[]): SchemaVerdict {
  if (db.length === 0) return { ok: false, reason: "文件中没有迁移记录（__drizzle_migrations），不是本系统的数据库。" };
  if (db.length > app.length)
    return {
      ok: false,
      reason: `备份来自更新版本的系统（已执行 ${db.length} 个迁移，本程序只有 ${app.length} 个），请先升级程序再恢复。`,
    };
  for (let i = 0; i < db.length; i++) {
    if (db[i].createdAt !== app[i].createdAt)
      return {
        ok: false,
        reason:
          db[i].createdAt > (app[app.length - 1]?.createdAt ?? 0)
            ? `备份含有本程序没有的迁移（第 ${i + 1} 个，时间 ${new Date(db[i].createdAt).toISOString()}），来自更新版本的系统，请先升级程序再恢复。`
            : `备份的第 ${i + 1} 个迁移与本程序的不一致（时间 ${new Date(db[i].createdAt).toISOString()}），不是同一系统的数据库。`,
      };
    if (db[i].hash !== app[i].hash) return { ok: false, reason: `备份的第 ${i + 1} 个迁移内容与本程序的不一致（hash ${db[i].hash.slice(0, 12)}…）。` };
  }
  return { ok: true, applied: db.length, pending: app.length - db.length };
}

// ---- Files ----

export function sha256File(file: string) {
  const hash = crypto.createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    let n: number;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

const blobRel = (sha: string) => {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new BackupError(`附件记录中的哈希值无效：${sha}`);
  return path.join(sha.slice(0, 2), sha);
};

function fsyncPath(p: string) {
  try {
    const fd = fs.openSync(p, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems refuse to fsync a directory; the rename is still atomic.
  }
}

/** Copies a file through a temporary name in the target folder, flushed, then renamed into place. */
function copyAtomic(from: string, to: string, mode?: number) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const temp = path.join(path.dirname(to), `.tmp-${path.basename(to).slice(0, 16)}-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
  try {
    fs.copyFileSync(from, temp);
    if (mode !== undefined) fs.chmodSync(temp, mode);
    fsyncPath(temp);
    fs.renameSync(temp, to);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Copies each blob unless the target already holds the right content; checks every byte copied. */
function copyBlobs(shas: string[], fromDir: string, toDir: string) {
  let copied = 0;
  let present = 0;
  let bytes = 0;
  for (const sha of shas) {
    const to = path.join(toDir, blobRel(sha));
    if (fs.existsSync(to) && sha256File(to) === sha) {
      present++;
      bytes += fs.statSync(to).size;
      continue;
    }
    const from = path.join(fromDir, blobRel(sha));
    copyAtomic(from, to);
    if (sha256File(to) !== sha) {
      fs.rmSync(to, { force: true });
      throw new BackupError(`附件文件内容与其哈希不符：${from}`);
    }
    copied++;
    bytes += fs.statSync(to).size;
  }
  for (const dir of new Set(shas.map((s) => path.join(toDir, s.slice(0, 2))))) fsyncPath(dir);
  return { copied, present, bytes };
}

/** Blobs that are neither (valid) in any of the folders. */
function missingBlobs(shas: string[], dirs: string[]) {
  return shas.filter((sha) => !dirs.some((d) => fs.existsSync(path.join(d, blobRel(sha)))));
}

const pad = (n: number) => String(n).padStart(2, "0");
/** YYYYMMDD-HHMMSS in local time, the operator's clock. */
export function stamp(at = new Date()) {
  return `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

/** The attachment folder that belongs to a backup file: `x.sqlite` → `x-files`. */
export const filesDirFor = (backupFile: string) => backupFile.replace(/\.sqlite$/i, "") + "-files";
/** The server secret kept with a backup: `x.sqlite` → `x.auth-secret`. */
export const secretFileFor = (backupFile: string) => backupFile.replace(/\.sqlite$/i, "") + ".auth-secret";
/** What a backup says about itself: `x.sqlite` → `x.json`. */
export const manifestFor = (backupFile: string) => backupFile.replace(/\.sqlite$/i, "") + ".json";

// ---- The server secret ----
//
// Session cookies, the sealed TOTP secrets and the audit chain's HMAC are all derived from the
// server secret (lib/auth/secret.ts). A database restored under another secret has an audit log
// that no longer verifies and administrators whose two-factor codes no longer work, so a backup
// records which secret it belongs to (a one-way fingerprint) and, when the secret is the generated
// file in the data folder, keeps a copy of it.

export type SecretSource = { secret: string; from: "env" | "file"; file?: string };

export function currentSecret(dataDir: string): SecretSource | null {
  const env = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (env) return { secret: env, from: "env" };
  const file = path.join(dataDir, "auth-secret");
  if (fs.existsSync(file)) return { secret: fs.readFileSync(file, "utf8").trim(), from: "file", file };
  return null;
}

export const secretFingerprint = (secret: string) => crypto.createHash("sha256").update(`banli-backup-fingerprint:${secret.trim()}`).digest("hex").slice(0, 16);

export type Manifest = {
  format: 1;
  createdAt: string;
  file: string;
  sha256: string;
  size: number;
  migrations: number;
  lastMigration: string | null;
  tables: Record<string, number>;
  attachments: number;
  secretFingerprint: string | null;
  secretIncluded: boolean;
};

function readManifest(backupFile: string): Manifest | null {
  const file = manifestFor(backupFile);
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  } catch {
    throw new BackupError(`备份说明文件无法读取：${file}`);
  }
}

// ---- Backup ----

export type BackupResult = {
  file: string;
  filesDir: string;
  size: number;
  sha256: string;
  report: DbReport;
  files: { count: number; bytes: number };
  secret: { fingerprint: string | null; included: boolean; from: "env" | "file" | null };
  ms: number;
};

/**
 * An online backup of `<dataDir>/banli.sqlite` into `out` (default
 * `<dataDir>/backups/banli-YYYYMMDD-HHMMSS.sqlite`), with the attachments it refers to, verified.
 * Nothing is left under the final name unless the copy passed every check.
 */
export async function backupDatabase({
  dataDir = defaultDataDir(),
  out,
  withSecret = true,
}: { dataDir?: string; out?: string; withSecret?: boolean } = {}): Promise<BackupResult> {
  const started = Date.now();
  const source = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(source)) throw new BackupError(`未找到数据库：${source}`);
  let file = out ? path.resolve(out) : "";
  if (!file) {
    const dir = path.join(dataDir, "backups");
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const base = path.join(dir, `banli-${stamp()}`);
    file = `${base}.sqlite`;
    for (let i = 2; fs.existsSync(file) || fs.existsSync(filesDirFor(file)) || fs.existsSync(manifestFor(file)); i++) file = `${base}-${i}.sqlite`;
  } else {
    if (fs.existsSync(file)) throw new BackupError(`目标文件已存在，不会覆盖：${file}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  const filesOut = filesDirFor(file);
  if (fs.existsSync(filesOut)) throw new BackupError(`附件目录已存在，不会覆盖：${filesOut}`);
  if (path.resolve(file) === path.resolve(source)) throw new BackupError("备份文件不能是数据库本身。");

  const temp = `${file}.partial-${process.pid}`;
  const tempFiles = `${filesOut}.partial-${process.pid}`;
  const src = new Database(source, { fileMustExist: true });
  try {
    src.pragma("busy_timeout = 5000");
    // One step (better-sqlite3's first transfer copies every page): a single read transaction, so the
    // copy is one consistent state even while the server writes.
    await src.backup(temp);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  } finally {
    src.close();
  }

  try {
    // A self-contained file: rollback journal instead of WAL, so no -wal/-shm ever sits beside it.
    // Password hashes and deputies' phone numbers: readable by the owner only, wherever it is written.
    fs.chmodSync(temp, 0o600);
    const copy = new Database(temp);
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    const report = inspectFile(temp);
    const problems = problemsOf(report);
    if (problems.length) throw new BackupError(`备份副本校验失败：${problems.join("；")}`);
    if (!report.migrations.length) throw new BackupError("数据库中没有迁移记录，不是本系统的数据库。");

    const filesSource = path.join(dataDir, "files");
    const missing = missingBlobs(report.blobs, [filesSource]);
    if (missing.length) throw new BackupError(`数据库引用的 ${missing.length} 个附件文件在 ${filesSource} 中不存在，如 ${missing[0]}。`);
    fs.mkdirSync(tempFiles, { recursive: true, mode: 0o700 });
    const blobs = copyBlobs(report.blobs, filesSource, tempFiles);

    fsyncPath(temp);
    const sha256 = sha256File(temp);
    const size = fs.statSync(temp).size;
    const secret = currentSecret(dataDir);
    const included = withSecret && secret?.from === "file";
    if (included) copyAtomic(secret!.file!, secretFileFor(file), 0o600);
    const last = report.migrations[report.migrations.length - 1];
    const manifest: Manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      file: path.basename(file),
      sha256,
      size,
      migrations: report.migrations.length,
      lastMigration: last?.hash ?? null,
      tables: Object.fromEntries(report.tables.map((t) => [t.name, t.rows])),
      attachments: report.blobs.length,
      secretFingerprint: secret ? secretFingerprint(secret.secret) : null,
      secretIncluded: included,
    };
    fs.writeFileSync(manifestFor(file), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tempFiles, filesOut);
    fs.renameSync(temp, file);
    fs.writeFileSync(`${file}.sha256`, `${sha256}  ${path.basename(file)}\n`);
    fsyncPath(path.dirname(file));
    return {
      file,
      filesDir: filesOut,
      size,
      sha256,
      report,
      files: { count: report.blobs.length, bytes: blobs.bytes },
      secret: { fingerprint: manifest.secretFingerprint, included, from: secret?.from ?? null },
      ms: Date.now() - started,
    };
  } catch (error) {
    fs.rmSync(temp, { force: true });
    fs.rmSync(`${temp}-journal`, { force: true });
    fs.rmSync(tempFiles, { recursive: true, force: true });
    if (!fs.existsSync(file)) {
      fs.rmSync(manifestFor(file), { force: true });
      fs.rmSync(secretFileFor(file), { force: true });
    }
    throw error;
  }
}

// ---- Restore ----

/**
 * The processes (other than this one) that have the database open, from /proc on Linux; null
 * where that cannot be known.
 */
export function processesUsing(dbFile: string): { pid: number; command: string }[] | null {
  if (process.platform !== "linux" || !fs.existsSync("/proc/self/fd")) return null;
  const targets = new Set([dbFile, `${dbFile}-wal`, `${dbFile}-shm`].map((f) => (fs.existsSync(f) ? fs.realpathSync(f) : path.resolve(f))));
  const found: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = fs.readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (targets.has(link)) {
        let command = "";
        try {
          command = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ").slice(0, 120);
        } catch {
          // gone meanwhile
        }
        found.push({ pid: Number(entry), command });
        break;
      }
    }
  }
  return found;
}

type SecretPlan = { action: "same" | "install" | "unrecorded" | "ignored"; note: string };

/**
 * The restored database must run under the secret it was made with. Same secret: nothing to do.
 * The backup carries it and the current one is the generated file (or there is none): it is put in
 * place, the current file kept beside it. Otherwise the restore is refused, unless told to ignore it.
 */
function planSecret(file: string, dataDir: string, ignoreSecret: boolean): SecretPlan {
  const manifest = readManifest(file);
  const wanted = manifest?.secretFingerprint ?? null;
  if (!wanted) return { action: "unrecorded", note: "备份没有记录会话密钥指纹，未检查密钥。" };
  const current = currentSecret(dataDir);
  if (current && secretFingerprint(current.secret) === wanted) return { action: "same", note: "会话密钥与备份时相同。" };
  const kept = secretFileFor(file);
  const carried = fs.existsSync(kept) && secretFingerprint(fs.readFileSync(kept, "utf8")) === wanted;
  if (carried && current?.from !== "env")
    return { action: "install", note: current ? "已换用备份时的会话密钥，原密钥文件已另存。所有人需要重新登录。" : "已放回备份时的会话密钥。" };
  if (ignoreSecret) return { action: "ignored", note: "会话密钥与备份时不同（已按 --ignore-secret 继续）：审计日志校验将失败，已绑定的双因素验证码不能再用。" };
  const why = "审计日志的校验和管理员的双因素验证码都依赖备份时的会话密钥";
  if (current?.from === "env")
    throw new BackupError(
      `环境变量 NEXTAUTH_SECRET 与备份时的会话密钥不同（${why}）。请把 NEXTAUTH_SECRET 设为备份时的值${carried ? `（见 ${kept}）` : ""}再恢复；确要换密钥时加 --ignore-secret。`,
    );
  throw new BackupError(
    `${current ? "当前会话密钥与备份时不同" : "数据目录中没有会话密钥"}，备份旁也没有对应的密钥文件（${why}）。请把原来的 auth-secret 文件放到 ${path.join(dataDir, "auth-secret")}，或设置原来的 NEXTAUTH_SECRET，再恢复；确要换密钥时加 --ignore-secret。`,
  );
}

export type RestoreResult = {
  file: string;
  previous: string | null;
  secret: SecretPlan;
  sha256: string;
  before: DbReport;
  after: DbReport;
  migrated: number;
  files: { copied: number; present: number };
  ms: number;
};

export type VerifiedBackup = { report: DbReport; schema: SchemaVerdict & { ok: true }; sha256: string; filesDir: string };

/** Every check a restore makes before touching anything: readable, intact, same lineage, files complete. */
export function verifyBackup(file: string, { dataDir = defaultDataDir(), allowMissingFiles = false } = {}): VerifiedBackup {
  const report = inspectFile(file);
  const problems = problemsOf(report);
  if (problems.length) throw new BackupError(problems.join("；"));
  const schema = compareSchema(report.migrations, appMigrations());
  if (!schema.ok) throw new BackupError(schema.reason);
  const sha256 = sha256File(file);
  const sidecar = `${file}.sha256`;
  if (fs.existsSync(sidecar)) {
    const expected = fs.readFileSync(sidecar, "utf8").trim().split(/\s+/)[0];
    if (expected !== sha256) throw new BackupError(`文件的 SHA-256 与 ${path.basename(sidecar)} 记录的不一致，文件可能已损坏或被修改。`);
  }
  const filesDir = filesDirFor(file);
  const missing = missingBlobs(report.blobs, [filesDir, path.join(dataDir, "files")]);
  if (missing.length && !allowMissingFiles)
    throw new BackupError(
      `备份引用的 ${missing.length} 个附件文件在 ${filesDir} 中找不到（如 ${missing[0]}）。请把备份的附件目录放在备份文件旁边；确需不带附件恢复时加 --allow-missing-files。`,
    );
  return { report, schema, sha256, filesDir };
}

/**
 * Restores a backup over `<dataDir>/banli.sqlite`. Refused, with nothing changed, when the file is
 * not an intact database of this system (or of a newer version), when its attachments are missing,
 * or when another process has the database open (stop the server first). The current database is
 * kept as `banli.sqlite.before-restore-<time>`; the backup's attachments are added to `files/`
 * (existing files are kept, they are named by their content). Then the database is opened the way
 * the app opens it, which applies any newer migrations.
 */
export async function restoreDatabase(
  file: string,
  {
    dataDir = defaultDataDir(),
    allowMissingFiles = false,
    ignoreSecret = false,
  }: { dataDir?: string; allowMissingFiles?: boolean; ignoreSecret?: boolean } = {},
): Promise<RestoreResult> {
  const started = Date.now();
  file = path.resolve(file);
  const live = path.join(dataDir, DB_FILE);
  if (path.resolve(file) === path.resolve(live)) throw new BackupError("不能用数据库本身恢复。");
  verifyBackup(file, { dataDir, allowMissingFiles });
  const secret = planSecret(file, dataDir, ignoreSecret);

  const users = processesUsing(live);
  if (users?.length)
    throw new BackupError(
      `数据库正在被使用（进程 ${users.map((u) => `${u.pid} ${u.command}`).join("；")}）。请先停止服务（npm start 所在的进程）再恢复。`,
    );

  // Work on a private copy inside the data folder (same file system, so the final rename is atomic),
  // and check that copy: it is exactly what will be put in place.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const temp = path.join(dataDir, `.restore-${process.pid}-${crypto.randomBytes(4).toString("hex")}.sqlite`);
  const cleanTemp = () => {
    for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(temp + suffix, { force: true });
  };
  let verified: VerifiedBackup;
  let after: DbReport;
  try {
    fs.copyFileSync(file, temp);
    const conn = new Database(temp, { fileMustExist: true });
    try {
      conn.pragma("journal_mode = DELETE");
    } finally {
      conn.close();
    }
    verified = verifyBackup(temp, { dataDir, allowMissingFiles: true });
    // Bring an older backup up to this version here, before anything is replaced: a migration
    // that fails leaves the live database as it was.
    const db = openDb(temp);
    try {
      after = inspect(db.$client);
    } finally {
      db.$client.close();
    }
    const problems = problemsOf(after);
    if (problems.length) throw new BackupError(`迁移后的数据库校验失败：${problems.join("；")}`);
    const conn2 = new Database(temp, { fileMustExist: true });
    try {
      conn2.pragma("journal_mode = DELETE");
    } finally {
      conn2.close();
    }
    fsyncPath(temp);
  } catch (error) {
    cleanTemp();
    throw error;
  }

  let previous: string | null = null;
  try {
    // The backup's attachments first: only additions, named by content, harmless if we stop here.
    const filesDir = path.join(dataDir, "files");
    const fromDir = filesDirFor(file);
    const available = verified.report.blobs.filter((sha) => fs.existsSync(path.join(fromDir, blobRel(sha))));
    const files = copyBlobs(available, fromDir, filesDir);

    if (fs.existsSync(live)) {
      // Keep the current database, with what its WAL holds, as one self-contained file. An exclusive
      // lock on it also proves that no one is writing at this moment.
      previous = `${live}.before-restore-${stamp()}`;
      for (let i = 2; fs.existsSync(previous); i++) previous = `${live}.before-restore-${stamp()}-${i}`;
      const current = new Database(live, { fileMustExist: true });
      try {
        current.pragma("busy_timeout = 2000");
        try {
          current.exec("BEGIN EXCLUSIVE; COMMIT;");
        } catch (error) {
          throw new BackupError(`数据库正在被其他程序写入，无法取得独占锁（${(error as Error).message}）。请先停止服务再恢复。`);
        }
        await current.backup(previous);
        fs.chmodSync(previous, 0o600);
        const kept = new Database(previous);
        try {
          kept.pragma("journal_mode = DELETE");
        } finally {
          kept.close();
        }
        current.pragma("wal_checkpoint(TRUNCATE)");
      } catch (error) {
        for (const suffix of ["", "-journal"]) fs.rmSync(previous + suffix, { force: true });
        previous = null;
        throw error;
      } finally {
        current.close();
      }
      fsyncPath(previous);
    }

    // A WAL left beside the old file must never be replayed into the new one.
    fs.rmSync(`${live}-wal`, { force: true });
    fs.rmSync(`${live}-shm`, { force: true });
    fs.rmSync(`${live}-journal`, { force: true });
    fs.renameSync(temp, live);
    if (secret.action === "install") {
      const target = path.join(dataDir, "auth-secret");
      if (fs.existsSync(target)) fs.copyFileSync(target, `${target}.before-restore-${stamp()}`);
      copyAtomic(secretFileFor(file), target, 0o600);
    }
    fsyncPath(dataDir);

    // Opened once the way the server opens it (WAL on; nothing left to migrate).
    openDb(live).$client.close();
    return {
      file: live,
      previous,
      secret,
      sha256: verified.sha256,
      before: verified.report,
      after,
      migrated: after.migrations.length - verified.report.migrations.length,
      files: { copied: files.copied, present: files.present },
      ms: Date.now() - started,
    };
  } finally {
    cleanTemp();
  }
}

// ---- Printing ----

const KEY_TABLES = ["proposals", "assignments", "opinions", "replies", "ratings", "contact_logs", "attachments", "history", "audit_log", "users"];

export function formatBytes(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A few lines an operator can read: tables and rows, key tables, schema version. */
export function describe(report: DbReport) {
  const rows = new Map(report.tables.map((t) => [t.name, t.rows]));
  const total = report.tables.reduce((s, t) => s + t.rows, 0);
  const last = report.migrations[report.migrations.length - 1];
  return [
    `数据表 ${report.tables.length} 张，共 ${total} 行：${KEY_TABLES.filter((t) => rows.has(t))
      .map((t) => `${t} ${rows.get(t)}`)
      .join("，")}`,
    `数据库版本：已执行迁移 ${report.migrations.length} 个，最后一个 ${last ? `${last.hash.slice(0, 12)}（${new Date(last.createdAt).toISOString()}）` : "无"}`,
    `完整性检查：${report.integrity.join("；")}；外键检查：${report.foreignKeyProblems.length ? `${report.foreignKeyProblems.length} 处问题` : "无问题"}`,
  ];
}

/**
 * The audit log's hash chain in a database file, in one line. It is keyed with the server secret
 * (BANLI_DATA_DIR's auth-secret or NEXTAUTH_SECRET), so it also shows that the secret fits.
 */
export function auditLine(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const has = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'audit_log'").get();
    if (!has) return "审计日志：无（较早版本的数据库）";
    const r = verifyAudit(drizzle(db, { schema }) as unknown as Db);
    return r.ok
      ? `审计日志：${r.entries} 条，哈希链完整${r.lastId != null ? `，最后一条 #${r.lastId} ${r.lastHash}` : ""}`
      : `⚠ 审计日志哈希链在第 ${r.brokenId} 条处不符：${r.reason}（会话密钥不对时也会这样；请用 npm run audit:verify 检查）`;
  } catch (error) {
    return `审计日志未校验：${(error as Error).message}`;
  } finally {
    db.close();
  }
}

