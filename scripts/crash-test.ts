import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as schema from "../db/schema";
import type { Db } from "../db";
import { verifyAudit } from "../lib/audit";
import { ensureFreshBuild } from "./build";
import { prepare } from "./prepare";
import { actionIds, Client, fmtMs, freePort, parseForms, sleep, startServer, type Form, type Server } from "./harness";

/**
 * `npm run test:crash [-- --kills N | --short] [--clients N] [--keep]`
 *
 * The production server on 127.0.0.1 with a fresh demo database; several unit staff sign in and
 * keep writing through the app's own forms (contact logs, reply and opinion drafts), each write
 * carrying a unique marker. At a random moment the server's whole process group gets SIGKILL.
 * After every kill the database must pass integrity_check and hold every write the server had
 * acknowledged, once, and the audit log's hash chain must verify; after every restart again, while
 * the server runs. Exits non-zero otherwise.
 */

type Options = { kills: number; clients: number; keep: boolean };

function options(): Options {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const n = Number(args[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number`);
    return n;
  };
  const known = new Set(["--kills", "--clients", "--short", "--keep"]);
  for (const a of args) if (a.startsWith("--") && !known.has(a)) throw new Error(`unknown option ${a} (known: ${[...known].join(" ")})`);
  return {
    kills: value("--kills") ?? (args.includes("--short") ? 3 : 20),
    clients: value("--clients") ?? 6,
    keep: args.includes("--keep"),
  };
}

/** Unit staff accounts, one per writer (never an account that needs a second factor). */
const STAFF = ["jxj", "swj", "jyj", "zjj", "jtj", "nyj", "wjj", "zgj", "czj", "rsj", "sthj", "gtjd", "fgj"].map((k) => `${k}_staff`);

const RUN = crypto.randomBytes(3).toString("hex");
const CONTACT_PREFIX = `崩溃测试联系记录 crash-${RUN}-`;
const DRAFT_PREFIX = `崩溃测试草稿 crash-${RUN}-`;

type DraftKey = string; // "reply:<assignmentId>" | "opinion:<assignmentId>"
type DraftAck = { version: number; body: string };

/** What the clients were told, shared with the checker. */
class Ledger {
  contactTried = new Set<string>();
  contactAcked = new Set<string>();
  draftTried = new Map<DraftKey, Set<string>>();
  draftAcked = new Map<DraftKey, DraftAck>();
  interrupted = 0;
  refused = 0;
  rejected: string[] = [];
  serverErrors = 0;
  acks = 0;
  draftSavesAcked = 0;

  snapshot() {
    return { contacts: new Set(this.contactAcked), drafts: new Map(this.draftAcked) };
  }
}

type Target = { page: string; form: Form };

class Writer {
  client: Client;
  contacts: Target[] = [];
  drafts: { page: string; kind: "reply" | "opinion"; label: string }[] = [];
  seq = 0;

  constructor(
    base: string,
    username: string,
    actions: Map<string, string>,
    private ledger: Ledger,
  ) {
    this.client = new Client(base, username, actions);
  }

  /** Finds, through the pages, the unit's assignments it may log contacts on and its drafts. */
  async discover() {
    await this.client.signIn();
    const ids = new Set<string>();
    for (let page = 1; page <= 10; page++) {
      const list = await this.client.get(`/proposals?page=${page}`);
      const found = [...list.text.matchAll(/href="\/proposals\/(\d+)"/g)].map((m) => m[1]);
      const before = ids.size;
      found.forEach((id) => ids.add(id));
      if (ids.size === before) break;
    }
    for (const id of ids) {
      const page = `/proposals/${id}`;
      const forms = parseForms((await this.client.get(page)).text);
      for (const form of forms) {
        if (form.label === "记录联系代表") this.contacts.push({ page, form });
        if (form.label === "答复" || form.label === "协办意见") this.drafts.push({ page, kind: form.label === "答复" ? "reply" : "opinion", label: form.label });
      }
    }
    return this.contacts.length + this.drafts.length;
  }

  async run(stop: () => boolean) {
    while (!stop()) {
      try {
        const useDraft = this.drafts.length > 0 && (this.contacts.length === 0 || Math.random() < 0.4);
        if (useDraft) await this.saveDraft();
        else await this.logContact();
      } catch (error) {
        // The server is down (nothing was sent), or it died while answering (the outcome is unknown).
        if ((error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED") this.ledger.refused++;
        else this.ledger.interrupted++;
        await sleep(150);
      }
    }
  }

  private marker() {
    return `${this.client.username}-${++this.seq}`;
  }

  private async ensureSignedIn(status: number) {
    if (status === 303 || status === 307 || status === 401) await this.client.signIn();
  }

  private async logContact() {
    const target = this.contacts[Math.floor(Math.random() * this.contacts.length)];
    const summary = CONTACT_PREFIX + this.marker();
    this.ledger.contactTried.add(summary);
    const r = await this.client.action(target.page, "logContactAction", {
      ...target.form.fields,
      channel: "phone",
      people: "崩溃测试代表",
      summary,
    });
    if (r.status >= 500) this.ledger.serverErrors++;
    if (r.result?.ok) {
      this.ledger.contactAcked.add(summary);
      this.ledger.acks++;
    } else if (r.status === 200 && r.result) this.ledger.rejected.push(`${this.client.username} 联系记录：${r.result.message}`);
    else await this.ensureSignedIn(r.status);
  }

  private async saveDraft() {
    const target = this.drafts[Math.floor(Math.random() * this.drafts.length)];
    // Reload the page for the current version, as the editor shows it after each save.
    const page = await this.client.get(target.page);
    if (page.status !== 200) return this.ensureSignedIn(page.status);
    const form = parseForms(page.text).find((f) => f.label === target.label);
    if (!form) {
      this.drafts = this.drafts.filter((d) => d !== target);
      return;
    }
    const key: DraftKey = `${target.kind}:${form.fields.assignmentId}`;
    const body = `${DRAFT_PREFIX}${this.marker()}\n经认真研究，现将办理情况答复如下：一是加强协调；二是落实责任；三是按期办结。`;
    if (!this.ledger.draftTried.has(key)) this.ledger.draftTried.set(key, new Set());
    this.ledger.draftTried.get(key)!.add(body);
    const fields: Record<string, string> = {
      ...form.fields,
      body,
      contactPerson: form.fields.contactPerson || "崩溃测试",
      contactPhone: "0574-63021234",
      intent: "save",
    };
    if (target.kind === "reply") fields.category = "B";
    const r = await this.client.action(target.page, target.kind === "reply" ? "saveReplyAction" : "saveOpinionAction", fields);
    if (r.status >= 500) this.ledger.serverErrors++;
    if (r.result?.ok) {
      const version = form.fields.version ? Number(form.fields.version) + 1 : 1;
      this.ledger.draftAcked.set(key, { version, body });
      this.ledger.draftSavesAcked++;
      this.ledger.acks++;
    } else if (r.status === 200 && r.result) this.ledger.rejected.push(`${this.client.username} 草稿：${r.result.message}`);
    else await this.ensureSignedIn(r.status);
  }
}

type Check = { ok: boolean; problems: string[]; present: number; contactsPresent: number; lost: number; duplicated: number; committedUnacked: number };

/** Everything acknowledged is in the database, once; the database is intact. */
function check(file: string, acked: ReturnType<Ledger["snapshot"]>, ledger: Ledger, readonly: boolean): Check {
  const db = new Database(file, { readonly, fileMustExist: true });
  const problems: string[] = [];
  let lost = 0;
  let duplicated = 0;
  try {
    db.pragma("busy_timeout = 5000");
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== "ok") problems.push(`integrity_check: ${integrity.slice(0, 3).join("; ")}`);
    const fk = db.pragma("foreign_key_check") as unknown[];
    if (fk.length) problems.push(`foreign_key_check: ${fk.length} rows`);
    // The audit log is hash-chained; a crash must not leave a gap or a half-written entry.
    const audit = verifyAudit(drizzle(db, { schema }) as unknown as Db);
    if (!audit.ok) problems.push(`audit chain broken at entry ${audit.brokenId}: ${audit.reason}`);

    const rows = db
      .prepare(
        `select c.summary, count(*) n,
                sum((select count(*) from history h where h.subject_type = 'contact' and h.subject_id = c.id)) hist
           from contact_logs c where c.summary like ? group by c.summary`,
      )
      .all(`${CONTACT_PREFIX}%`) as { summary: string; n: number; hist: number }[];
    const stored = new Map(rows.map((r) => [r.summary, r]));
    let present = 0;
    for (const m of acked.contacts) {
      if (stored.has(m)) present++;
      else {
        lost++;
        problems.push(`lost contact log ${m}`);
      }
    }
    for (const r of rows) {
      if (r.n > 1) {
        duplicated += r.n - 1;
        problems.push(`duplicated contact log ${r.summary} ×${r.n}`);
      }
      if (r.hist !== r.n) problems.push(`contact log ${r.summary} without its history row`);
      if (!ledger.contactTried.has(r.summary)) problems.push(`contact log nobody wrote: ${r.summary}`);
    }
    const contactsPresent = present;
    const committedUnacked = rows.filter((r) => !ledger.contactAcked.has(r.summary)).length;

    for (const [key, ack] of acked.drafts) {
      const [kind, assignmentId] = key.split(":");
      const doc = db
        .prepare(`select version, body from ${kind === "reply" ? "replies" : "opinions"} where assignment_id = ? order by ${kind === "reply" ? "round" : "id"} desc limit 1`)
        .get(Number(assignmentId)) as { version: number; body: string } | undefined;
      // A form posts line breaks as CRLF (multipart/form-data), as a browser does.
      if (doc) doc.body = doc.body.replace(/\r\n/g, "\n");
      const lostDraft = !doc || doc.version < ack.version || (doc.version === ack.version && doc.body !== ack.body);
      if (lostDraft) lost++;
      if (!doc) problems.push(`lost ${kind} draft of assignment ${assignmentId}`);
      else if (doc.version < ack.version) problems.push(`lost ${kind} draft of assignment ${assignmentId}: version ${doc.version}, acknowledged ${ack.version}`);
      else if (doc.version === ack.version && doc.body !== ack.body) problems.push(`lost ${kind} draft of assignment ${assignmentId}: acknowledged text not stored`);
      else if (!ledger.draftTried.get(key)?.has(doc.body)) problems.push(`${kind} draft of assignment ${assignmentId}: text nobody wrote`);
      else present++;
    }
    for (const table of ["replies", "opinions"]) {
      const dup = db.prepare(`select replace(body, char(13), '') b, count(*) n from ${table} where body like ? group by b having n > 1`).all(`${DRAFT_PREFIX}%`) as unknown[];
      if (dup.length) {
        duplicated += dup.length;
        problems.push(`${table}: ${dup.length} texts stored twice`);
      }
    }
    return { ok: problems.length === 0, problems, present, contactsPresent, lost, duplicated, committedUnacked };
  } finally {
    db.close();
  }
}

async function main() {
  const opts = options();
  const started = Date.now();
  ensureFreshBuild();
  const actions = actionIds();

  const root = fs.mkdtempSync(path.join(os.tmpdir(), "banli-crash-"));
  const dataDir = path.join(root, "data");
  const dbFile = path.join(dataDir, "banli.sqlite");
  process.env.BANLI_DATA_DIR = dataDir;
  await prepare({ fresh: true });
  const secret = process.env.NEXTAUTH_SECRET!;
  const port = await freePort();
  console.log(`崩溃测试：${opts.kills} 次 SIGKILL，${opts.clients} 个并发写入用户，数据目录 ${dataDir}，http://127.0.0.1:${port}`);

  const ledger = new Ledger();
  let server: Server = await startServer({ dataDir, port, secret });
  const writers = STAFF.slice(0, Math.min(opts.clients, STAFF.length)).map((u) => new Writer(server.base, u, actions, ledger));
  const targets = await Promise.all(writers.map((w) => w.discover()));
  const active = writers.filter((_, i) => targets[i] > 0);
  if (!active.length) throw new Error("no writer found anything to write (contact form or draft)");

  let stopping = false;
  const running = active.map((w) => w.run(() => stopping));
  const restarts: number[] = [];
  const failures: string[] = [];

  const waitForAcks = async (n: number, label: string) => {
    const target = ledger.acks + n;
    const deadline = Date.now() + 60_000;
    while (ledger.acks < target) {
      if (Date.now() > deadline) throw new Error(`no acknowledged writes ${label} within 60 s\n${server.log()}`);
      await sleep(20);
    }
  };

  try {
    for (let k = 1; k <= opts.kills; k++) {
      await waitForAcks(3, k === 1 ? "after start" : "after restart");
      await sleep(300 + Math.random() * 2200);
      await server.kill();
      const acked = ledger.snapshot();
      const crashed = check(dbFile, acked, ledger, false);
      const restartStarted = Date.now();
      server = await startServer({ dataDir, port, secret });
      restarts.push(Date.now() - restartStarted);
      const live = check(dbFile, acked, ledger, true);
      const problems = [...crashed.problems.map((p) => `after kill: ${p}`), ...live.problems.map((p) => `after restart: ${p}`)];
      console.log(
        `  第 ${String(k).padStart(2)} 次：已确认写入 ${acked.contacts.size + acked.drafts.size}（联系记录 ${acked.contacts.size}，草稿 ${acked.drafts.size}），` +
          `核对存在 ${crashed.present}，integrity ${crashed.problems.some((p) => p.startsWith("integrity")) ? "FAILED" : "ok"}，` +
          `重启 ${fmtMs(restarts[restarts.length - 1])}${problems.length ? `  ✗ ${problems.length} problems` : ""}`,
      );
      failures.push(...problems.map((p) => `kill ${k}: ${p}`));
      if (problems.length) break;
    }
    await waitForAcks(3, "after the last restart");
  } finally {
    stopping = true;
    await Promise.all(running);
    await server.stop();
  }

  // The service on its own: `npm start` (scripts/start.ts) restarts a server process that dies.
  const supervised = await supervisedRestart(dataDir, secret);
  if (supervised.problem) failures.push(`supervised restart: ${supervised.problem}`);

  const final = check(dbFile, ledger.snapshot(), ledger, false);
  failures.push(...final.problems.map((p) => `final: ${p}`));
  if (ledger.serverErrors) failures.push(`${ledger.serverErrors} answers with HTTP 5xx`);
  if (ledger.rejected.length) failures.push(`${ledger.rejected.length} writes refused, e.g. ${ledger.rejected.slice(0, 3).join(" | ")}`);

  const draftSaves = [...ledger.draftTried.values()].reduce((sum, v) => sum + v.size, 0);
  console.log("");
  console.log("崩溃测试结果");
  console.log(`  SIGKILL 次数        ${restarts.length}`);
  console.log(`  写请求              ${ledger.contactTried.size + draftSaves}（联系记录 ${ledger.contactTried.size}，草稿保存 ${draftSaves}），其中 ${ledger.refused} 次在服务停止期间被拒连接`);
  console.log(`  服务端确认的写入    ${ledger.contactAcked.size + ledger.draftSavesAcked}（联系记录 ${ledger.contactAcked.size}，草稿保存 ${ledger.draftSavesAcked}）`);
  console.log(
    `  核对                联系记录 ${final.contactsPresent}/${ledger.contactAcked.size} 在库且各一条；草稿 ${final.present - final.contactsPresent}/${ledger.draftAcked.size} 份为最后确认的版本（或之后发出的版本）`,
  );
  console.log(`  丢失 lost           ${final.lost}`);
  console.log(`  重复 duplicated     ${final.duplicated}`);
  console.log(`  被杀时进行中        ${ledger.interrupted} 个请求（结果未知），其中 ${final.committedUnacked} 条联系记录已提交但未确认（不算丢失）`);
  console.log(`  重启到可用          平均 ${fmtMs(restarts.reduce((a, b) => a + b, 0) / Math.max(1, restarts.length))}，最长 ${fmtMs(Math.max(0, ...restarts))}`);
  console.log(`  无人值守重启        npm start 的服务进程被 SIGKILL 后 ${supervised.ms == null ? "未恢复" : `${fmtMs(supervised.ms)} 恢复服务`}（须在 10 秒内）`);
  console.log(`  用时                ${fmtMs(Date.now() - started)}`);

  if (failures.length) {
    console.error(`\n崩溃测试失败（${failures.length} 项）：`);
    for (const f of failures.slice(0, 30)) console.error(`  ${f}`);
    console.error(`数据保留在 ${root}`);
    process.exit(1);
  }
  if (!opts.keep) fs.rmSync(root, { recursive: true, force: true });
  else console.log(`数据保留在 ${root}`);
  console.log("通过：每次崩溃后数据库完整，已确认的写入无丢失、无重复。");
}

/** The pids whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

async function answers(base: string) {
  try {
    return (await fetch(`${base}/login`, { signal: AbortSignal.timeout(2000) })).status === 200;
  } catch {
    return false;
  }
}

/**
 * `npm start` as a deployment runs it, on the same data: its server process is killed with SIGKILL,
 * and the service must answer again within 10 s without anyone acting.
 */
async function supervisedRestart(dataDir: string, secret: string): Promise<{ ms: number | null; problem?: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const proc = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "start.ts")], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, BANLI_DATA_DIR: dataDir, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, PORT: String(port), HOSTNAME_BIND: "127.0.0.1", BANLI_SCHEDULER: "off" },
  });
  for (const stream of [proc.stdout!, proc.stderr!]) stream.on("data", (chunk: Buffer) => log.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
  const until = async (ok: () => Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (await ok()) return true;
      await sleep(100);
    }
    return false;
  };
  try {
    if (!(await until(() => answers(base), 90_000))) return { ms: null, problem: `npm start did not answer within 90 s\n${log.slice(-20).join("\n")}` };
    // The server (scripts/serve.mjs) among npm start's children (tsx keeps an esbuild helper there too).
    const server = childrenOf(proc.pid!).find((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("serve.mjs");
      } catch {
        return false;
      }
    });
    if (!server) return { ms: null, problem: "no server process under npm start" };
    process.kill(server, "SIGKILL");
    const killedAt = Date.now();
    if (!(await until(async () => !(await answers(base)), 5_000))) return { ms: null, problem: "the service still answered after its server was killed" };
    const back = await until(() => answers(base), 10_000);
    const ms = Date.now() - killedAt;
    if (!back) return { ms: null, problem: `not answering 10 s after the kill\n${log.slice(-20).join("\n")}` };
    if (!log.some((l) => l.includes("自动重启"))) return { ms, problem: "restarted without a line in the log" };
    return { ms };
  } finally {
    try {
      process.kill(-proc.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await until(async () => !(await answers(base)), 10_000);
  }
}

main().catch((error) => {
  console.error("崩溃测试出错：", error);
  process.exit(1);
});
