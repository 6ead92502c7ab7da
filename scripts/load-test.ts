import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "../db";
import * as schema from "../db/schema";
import { verifyAudit } from "../lib/audit";
import { ensureFreshBuild } from "./build";
import { prepare } from "./prepare";
import { addBulkData } from "./bulk-data";
import {
  actionIds,
  assertLocal,
  Client,
    fmtMs,
  freePort,
  groupCpuSeconds,
  pad,
  parseForms,
  percentile,
  sleep,
  startServer,
  type Server,
} from "./harness";

/**
 * `npm run test:load [-- --users 50 --seconds 60 --bulk 360]`
 *
 * Many people at once on the production server (127.0.0.1 only): unit staff and leaders of many
 * units, deputies, the congress office (rdgw) and the government office (dcs), each signed in with
 * their own account, clicking through a realistic mix with a short pause between clicks: the
 * workbench, filtered proposal lists, proposal pages, the supervision pages, contact logs and
 * drafts (saved, sometimes sent for sign-off), sign-off and return by leaders. On a fresh copy of
 * the demo data plus a city-sized session (--bulk proposals, added through the services).
 *
 * Reports per kind of request count and p50/p95/max latency; afterwards counts the writes in the
 * database against the acknowledged ones. Fails on any 5xx, any lost or unexpected write.
 *
 * `--url http://127.0.0.1:PORT --data-dir DIR` runs against a server already started (nothing
 * but 127.0.0.1 is accepted), with DIR its data folder for the write count.
 */

type Options = { users: number; seconds: number; bulk: number; url?: string; dataDir?: string; keep: boolean };

function options(): Options {
  const args = process.argv.slice(2);
  const known = new Set(["--users", "--seconds", "--bulk", "--url", "--data-dir", "--keep"]);
  for (const a of args) if (a.startsWith("--") && !known.has(a)) throw new Error(`unknown option ${a} (known: ${[...known].join(" ")})`);
  const raw = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const num = (name: string, fallback: number, min: number) => {
    const v = raw(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} needs a whole number ≥ ${min}`);
    return n;
  };
  const url = raw("--url");
  if (url) assertLocal(url);
  if (url && !raw("--data-dir")) throw new Error("--url needs --data-dir (the server's data folder, to count the writes)");
  return { users: num("--users", 50, 1), seconds: num("--seconds", 60, 5), bulk: num("--bulk", 360, 0), url, dataDir: raw("--data-dir"), keep: args.includes("--keep") };
}

// ---- Who ----

type Role = "staff" | "leader" | "deputy" | "office";
type Person = { username: string; role: Role };

/** The accounts, spread over roles like a working day: mostly units, some deputies, both offices. */
function people(db: Database.Database, n: number): Person[] {
  const rows = db.prepare("select username, role from users where active = 1 and role <> 'admin' order by id").all() as { username: string; role: string }[];
  const of = (role: string) => rows.filter((r) => r.role === role).map((r) => r.username);
  const staff = of("unit_staff");
  const leaders = of("unit_leader");
  const deputies = of("deputy");
  const offices: Person[] = [...of("congress_office"), ...of("gov_office")].map((username) => ({ username, role: "office" }));
  const out: Person[] = [...offices];
  // Round robin: two staff, one leader, one deputy, until there are enough.
  let s = 0;
  let l = 0;
  let d = 0;
  while (out.length < n && (s < staff.length || l < leaders.length || d < deputies.length)) {
    for (const step of ["staff", "staff", "leader", "deputy"] as const) {
      if (out.length >= n) break;
      if (step === "staff" && s < staff.length) out.push({ username: staff[s++], role: "staff" });
      else if (step === "leader" && l < leaders.length) out.push({ username: leaders[l++], role: "leader" });
      else if (step === "deputy" && d < deputies.length) out.push({ username: deputies[d++], role: "deputy" });
    }
  }
  if (out.length < n) throw new Error(`only ${out.length} accounts for ${n} users: add --bulk to create more`);
  return out;
}

// ---- What happened ----

const RUN = crypto.randomBytes(3).toString("hex");
const MARK = `压力测试 load-${RUN}-`;

class Stats {
  samples = new Map<string, number[]>();
  errors = new Map<string, number>();
  status5xx = 0;
  failures: string[] = [];
  refused = new Map<string, number>();
  /** Acknowledged writes: `${action}@${kind}:${id}` where id is an assignment (a) or a document (d). */
  acked = new Map<string, number>();
  contactMarkers = new Set<string>();
  unknown = 0;

  add(kind: string, ms: number) {
    if (!this.samples.has(kind)) this.samples.set(kind, []);
    this.samples.get(kind)!.push(ms);
  }
  error(kind: string, detail: string) {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
    if (this.failures.length < 50) this.failures.push(`${kind}: ${detail}`);
  }
  ack(key: string) {
    this.acked.set(key, (this.acked.get(key) ?? 0) + 1);
  }
}

const SYSTEM_ERROR = "系统暂时无法完成";

class VirtualUser {
  client: Client;
  proposals: string[] = [];
  supervisionLinks: string[] = [];
  seq = 0;

  constructor(
    readonly person: Person,
    index: number,
    base: string,
    actions: Map<string, string>,
    private stats: Stats,
  ) {
    // Each person at their own desk: the address the reverse proxy would pass on (the sign-in rate
    // limit and the audit log go by it), as in a deployment behind one.
    this.client = new Client(base, person.username, actions, 60_000, `10.20.${Math.floor(index / 250)}.${(index % 250) + 1}`);
  }

  private rnd = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];

  /** A page; every answer but 200 counts as an error (a redirect to /login would mean a lost session). */
  private async page(kind: string, url: string) {
    try {
      const r = await this.client.get(url);
      this.stats.add(kind, r.ms);
      if (r.status >= 500) this.stats.status5xx++;
      if (r.status !== 200) {
        this.stats.error(kind, `${url} → HTTP ${r.status}${r.location ? ` ${r.location}` : ""}`);
        return null;
      }
      return r.text;
    } catch (error) {
      this.stats.error(kind, `${url} → ${(error as Error).message}`);
      return null;
    }
  }

  private async act(kind: string, url: string, action: string, fields: Record<string, string>, acks: string[], okMessage?: (m: string) => void) {
    try {
      const r = await this.client.action(url, action, fields);
      this.stats.add(kind, r.ms);
      if (r.status >= 500) this.stats.status5xx++;
      if (r.status !== 200 || !r.result) {
        this.stats.unknown++;
        this.stats.error(kind, `${url} ${action} → HTTP ${r.status}`);
        return false;
      }
      if (r.result.ok) {
        acks.forEach((a) => this.stats.ack(a));
        okMessage?.(r.result.message ?? "");
        return true;
      }
      const message = r.result.message ?? "";
      if (message.includes(SYSTEM_ERROR)) this.stats.error(kind, `${url} ${action} → ${message}`);
      else this.stats.refused.set(`${kind}: ${message.slice(0, 40)}`, (this.stats.refused.get(`${kind}: ${message.slice(0, 40)}`) ?? 0) + 1);
      return false;
    } catch (error) {
      this.stats.unknown++;
      this.stats.error(kind, `${url} ${action} → ${(error as Error).message}`);
      return false;
    }
  }

  async start() {
    const started = performance.now();
    try {
      await this.client.signIn();
      this.stats.add("sign-in", performance.now() - started);
    } catch (error) {
      this.stats.error("sign-in", (error as Error).message);
      return false;
    }
    // What this person can open: their list (units, offices) or the workbench's links (deputies).
    const home = await this.page("workbench /", "/");
    const links = (html: string) => [...html.matchAll(/href="(\/proposals\/\d+)"/g)].map((m) => m[1]);
    const found = new Set(home ? links(home) : []);
    if (this.person.role !== "deputy")
      for (let p = 1; p <= 3; p++) {
        const list = await this.page("proposal list", `/proposals?page=${p}`);
        if (!list) break;
        const before = found.size;
        links(list).forEach((l) => found.add(l));
        if (found.size === before) break;
      }
    this.proposals = [...found];
    if (this.person.role === "office") {
      const sup = await this.page("supervision", "/supervision");
      this.supervisionLinks = sup ? [...new Set([...sup.matchAll(/href="(\/supervision\/list\?[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&")))] : [];
    }
    return true;
  }

  private listUrl() {
    const filters = [
      "",
      "state=handling",
      "state=replied",
      "state=closed",
      `field=${encodeURIComponent(this.rnd(["工业交通", "城建环保", "社会事业", "农业农村"]))}`,
      `q=${encodeURIComponent(this.rnd(["建议", "加强", "推进", "完善"]))}`,
      "page=2",
      "key=1",
      "category=B",
    ];
    const f = this.rnd(filters);
    return `/proposals${f ? `?${f}` : ""}`;
  }

  async step() {
    const r = Math.random();
    const role = this.person.role;
    if (role === "deputy") {
      if (r < 0.4 || !this.proposals.length) await this.page("workbench /", "/");
      else await this.page("proposal page", this.rnd(this.proposals));
      return;
    }
    if (role === "office") {
      if (r < 0.1) await this.page("workbench /", "/");
      else if (r < 0.45) {
        // Offices also filter by unit.
        const url = this.listUrl();
        const unit = Math.random() < 0.3 ? `${url.includes("?") ? "&" : "?"}unit=${1 + Math.floor(Math.random() * 13)}` : "";
        await this.page("proposal list", url + unit);
      }
      else if (r < 0.7 && this.proposals.length) await this.page("proposal page", this.rnd(this.proposals));
      else {
        const url = Math.random() < 0.4 ? "/supervision" : Math.random() < 0.3 || !this.supervisionLinks.length ? "/supervision/key" : this.rnd(this.supervisionLinks);
        await this.page("supervision", url);
      }
      return;
    }
    if (r < 0.15) await this.page("workbench /", "/");
    else if (r < 0.4) await this.page("proposal list", this.listUrl());
    else if (!this.proposals.length) await this.page("workbench /", "/");
    else if (role === "staff") await this.staffWork(r < 0.7);
    else await this.leaderWork(r < 0.7);
  }

  /** Opens one of the unit's proposals; often writes what the page offers (a contact log, the draft). */
  private async staffWork(write: boolean) {
    const url = this.rnd(this.proposals);
    const html = await this.page("proposal page", url);
    if (!html || !write) return;
    const forms = parseForms(html);
    const contact = forms.find((f) => f.label === "记录联系代表");
    const editor = forms.find((f) => f.label === "答复" || f.label === "协办意见");
    if (contact && (!editor || Math.random() < 0.4)) {
      const summary = `${MARK}${this.person.username}-${++this.seq}`;
      const ok = await this.act(
        "write: contact log",
        url,
        "logContactAction",
        { ...contact.fields, channel: this.rnd(["phone", "in_person", "online", "meeting"]), people: "代表及承办人", summary },
        [`contact.log@a:${contact.fields.assignmentId}`],
      );
      if (ok) this.stats.contactMarkers.add(summary);
    } else if (editor) {
      const kind = editor.label === "答复" ? "reply" : "opinion";
      const submit = Math.random() < 0.25;
      const fields: Record<string, string> = {
        ...editor.fields,
        body: `${MARK}${this.person.username}-${++this.seq}\n经认真研究，现将办理情况答复如下：一是加强统筹协调；二是落实工作责任；三是按期办结并及时反馈。`,
        contactPerson: editor.fields.contactPerson || "承办人",
        contactPhone: editor.fields.contactPhone || "0574-63021234",
        intent: submit ? "submit" : "save",
      };
      if (kind === "reply") fields.category = editor.fields.category || "B";
      if ("outstandingReason" in editor.fields) fields.outstandingReason = "协办意见尚未全部送达，先行答复。";
      const a = editor.fields.assignmentId;
      await this.act(
        submit ? "write: save + submit" : "write: save draft",
        url,
        kind === "reply" ? "saveReplyAction" : "saveOpinionAction",
        fields,
        submit ? [`${kind}.save@a:${a}`, `${kind}.submit@a:${a}`] : [`${kind}.save@a:${a}`],
      );
    }
  }

  /** Opens a proposal from the workbench (pending sign-offs are listed there) and signs off or returns. */
  private async leaderWork(write: boolean) {
    const home = write ? await this.page("workbench /", "/") : null;
    // The workbench's first card lists what awaits the leader's signature.
    const start = home?.indexOf('aria-label="待签发') ?? -1;
    const card = home && start >= 0 ? home.slice(start, home.indexOf("</section>", start)) : "";
    const pending = [...card.matchAll(/href="(\/proposals\/\d+)"/g)].map((m) => m[1]);
    const url = pending.length && Math.random() < 0.8 ? this.rnd(pending) : this.rnd(this.proposals);
    const html = await this.page("proposal page", url);
    if (!html || !write) return;
    const forms = parseForms(html);
    const sign = forms.find((f) => f.label === "签发");
    const back = forms.find((f) => f.label === "退回修改");
    if (!sign) return;
    // Which document: the form says where a signed document goes.
    const kind = sign.html.includes("签发后答复") ? "reply" : "opinion";
    if (back && Math.random() < 0.25) {
      await this.act("write: return", url, kind === "reply" ? "returnReplyAction" : "returnOpinionAction", { ...back.fields, comment: "请补充具体措施和时间节点。" }, [
        `${kind}.returnForRevision@d:${back.fields.documentId}`,
      ]);
    } else {
      await this.act("write: sign-off", url, kind === "reply" ? "signOffReplyAction" : "signOffOpinionAction", sign.fields, [`${kind}.signOff@d:${sign.fields.documentId}`]);
    }
  }
}

// ---- The writes in the database ----

const TRACKED = ["contact.log", "reply.save", "opinion.save", "reply.submit", "opinion.submit", "reply.signOff", "opinion.signOff", "reply.returnForRevision", "opinion.returnForRevision"];

/** The tracked writes since `fromHistoryId`, keyed as the acknowledgements are. */
function writesInDb(dbFile: string, fromHistoryId: number, usernames: string[]) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `select h.action, h.subject_type type, h.subject_id id,
                coalesce(c.assignment_id, o.assignment_id, r.assignment_id) assignment
           from history h join users u on u.id = h.actor_id
           left join contact_logs c on h.subject_type = 'contact' and c.id = h.subject_id
           left join opinions o on h.subject_type = 'opinion' and o.id = h.subject_id
           left join replies r on h.subject_type = 'reply' and r.id = h.subject_id
          where h.id > ? and h.action in (${TRACKED.map(() => "?").join(",")})
            and u.username in (${usernames.map(() => "?").join(",")})`,
      )
      .all(fromHistoryId, ...TRACKED, ...usernames) as { action: string; type: string; id: number; assignment: number }[];
    const counts = new Map<string, number>();
    for (const r of rows) {
      const key = /signOff|returnForRevision/.test(r.action) ? `${r.action}@d:${r.id}` : `${r.action}@a:${r.assignment}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const markers = db.prepare("select summary, count(*) n from contact_logs where summary like ? group by summary").all(`${MARK}%`) as { summary: string; n: number }[];
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    let audit: ReturnType<typeof verifyAudit> | { ok: null; reason: string };
    try {
      audit = verifyAudit(drizzle(db, { schema }) as unknown as Db);
    } catch (error) {
      audit = { ok: null, reason: (error as Error).message };
    }
    return { counts, markers, integrity, total: rows.length, audit };
  } finally {
    db.close();
  }
}

async function main() {
  const opts = options();
  const started = Date.now();
  let server: Server | undefined;
  let base: string;
  let dataDir: string;
  let root: string | undefined;
  if (opts.url) {
    base = new URL(opts.url).origin;
    assertLocal(base);
    dataDir = path.resolve(opts.dataDir!);
    if (!fs.existsSync(path.join(dataDir, "banli.sqlite"))) throw new Error(`no banli.sqlite in ${dataDir}`);
    // The audit chain is checked with the server's secret: its generated file there, or NEXTAUTH_SECRET.
    process.env.BANLI_DATA_DIR = dataDir;
  } else {
    ensureFreshBuild();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "banli-load-"));
    dataDir = path.join(root, "data");
    process.env.BANLI_DATA_DIR = dataDir;
    await prepare({ fresh: true });
    if (opts.bulk > 0) {
      const db = openDb(path.join(dataDir, "banli.sqlite"));
      try {
        const r = await addBulkData(db, { proposals: opts.bulk });
        console.log(`已通过业务服务增加 ${r.proposals} 件建议（${fmtMs(r.ms)}）。`);
      } finally {
        db.$client.close();
      }
    }
    server = await startServer({ dataDir, port: await freePort(), secret: process.env.NEXTAUTH_SECRET! });
    base = server.base;
  }
  const dbFile = path.join(dataDir, "banli.sqlite");
  const actions = actionIds();

  const meta = new Database(dbFile, { readonly: true, fileMustExist: true });
  const who = people(meta, opts.users);
  const fromHistoryId = (meta.prepare("select coalesce(max(id), 0) m from history").get() as { m: number }).m;
  const size = meta.prepare("select (select count(*) from proposals) p, (select count(*) from assignments) a, (select count(*) from users) u").get() as { p: number; a: number; u: number };
  meta.close();
  const roles = who.reduce<Record<string, number>>((m, p) => ((m[p.role] = (m[p.role] ?? 0) + 1), m), {});
  console.log(
    `压力测试：${who.length} 个用户（${Object.entries(roles).map(([r, n]) => `${r} ${n}`).join("，")}），${opts.seconds} 秒，${base}；` +
      `数据：建议 ${size.p} 件，承办 ${size.a} 项，账号 ${size.u} 个；CPU ${os.cpus().length} 核`,
  );

  const stats = new Stats();
  const users = who.map((p, i) => new VirtualUser(p, i, base, actions, stats));
  let failed = false;
  try {
    // Everyone arrives within five seconds, signs in and finds their work; then the clock runs.
    const ready = await Promise.all(users.map(async (u, i) => (await sleep((i * 5000) / users.length), u.start())));
    const signedIn = users.filter((_, i) => ready[i]);
    const deadline = Date.now() + opts.seconds * 1000;
    const loopStart = Date.now();
    const cpuStart = { server: server ? groupCpuSeconds(server.child.pid!).seconds : 0, client: process.cpuUsage() };
    let peakRss = 0;
    const sampler = setInterval(() => server && (peakRss = Math.max(peakRss, groupCpuSeconds(server.child.pid!).rss)), 1000);
    await Promise.all(
      signedIn.map(async (u) => {
        while (Date.now() < deadline) {
          await u.step();
          // A person reads before the next click.
          await sleep(500 + Math.random() * 1500);
        }
      }),
    );
    const elapsed = (Date.now() - loopStart) / 1000;
    clearInterval(sampler);
    const serverCpu = server ? groupCpuSeconds(server.child.pid!).seconds - cpuStart.server : 0;
    const clientUsage = process.cpuUsage(cpuStart.client);
    const clientCpu = (clientUsage.user + clientUsage.system) / 1e6;

    const db = writesInDb(dbFile, fromHistoryId, who.map((p) => p.username));
    let lost = 0;
    let extra = 0;
    for (const [key, n] of stats.acked) {
      const got = db.counts.get(key) ?? 0;
      if (got < n) lost += n - got;
    }
    for (const [key, n] of db.counts) {
      const want = stats.acked.get(key) ?? 0;
      if (n > want) extra += n - want;
    }
    const dupMarkers = db.markers.filter((m) => m.n > 1).length;
    const missingMarkers = [...stats.contactMarkers].filter((m) => !db.markers.some((x) => x.summary === m)).length;
    lost += missingMarkers;
    const ackedTotal = [...stats.acked.values()].reduce((a, b) => a + b, 0);

    const kinds = [...stats.samples.keys()].sort();
    const total = kinds.reduce((s, k) => s + stats.samples.get(k)!.length, 0);
    console.log("");
    console.log(`${pad("kind", 24)}${pad("count", 8, true)}${pad("errors", 8, true)}${pad("p50", 10, true)}${pad("p95", 10, true)}${pad("max", 10, true)}`);
    for (const k of kinds) {
      const s = [...stats.samples.get(k)!].sort((a, b) => a - b);
      console.log(
        `${pad(k, 24)}${pad(s.length, 8, true)}${pad(stats.errors.get(k) ?? 0, 8, true)}${pad(fmtMs(percentile(s, 50)), 10, true)}${pad(fmtMs(percentile(s, 95)), 10, true)}${pad(fmtMs(s[s.length - 1]), 10, true)}`,
      );
    }
    const all = kinds.flatMap((k) => stats.samples.get(k)!).sort((a, b) => a - b);
    console.log(`${pad("all", 24)}${pad(total, 8, true)}${pad([...stats.errors.values()].reduce((a, b) => a + b, 0), 8, true)}${pad(fmtMs(percentile(all, 50)), 10, true)}${pad(fmtMs(percentile(all, 95)), 10, true)}${pad(fmtMs(all[all.length - 1] ?? 0), 10, true)}`);
    console.log("");
    console.log(`  用户 ${signedIn.length}/${users.length} 已登录；${elapsed.toFixed(0)} 秒内 ${total} 个请求（${(total / elapsed).toFixed(1)} 个/秒）`);
    if (server)
      console.log(
        `  CPU：服务端 ${((serverCpu / elapsed) * 100).toFixed(0)}%，压测程序 ${((clientCpu / elapsed) * 100).toFixed(0)}%（共 ${os.cpus().length} 核 = ${os.cpus().length * 100}%）；服务端内存峰值 ${(peakRss / 1048576).toFixed(0)} MB`,
      );
    console.log(`  HTTP 5xx：${stats.status5xx}`);
    console.log(`  写入：已确认 ${ackedTotal}，数据库中 ${db.total}；丢失 ${lost}，多出（重复或未确认）${extra}，联系记录标记重复 ${dupMarkers}；结果未知 ${stats.unknown}`);
    if (stats.refused.size)
      console.log(`  业务拒绝（并发冲突等，属正常）：${[...stats.refused].map(([m, n]) => `${m} ×${n}`).join("；")}`);
    console.log(`  数据库 integrity_check：${db.integrity}；审计日志：${db.audit.ok ? `${db.audit.entries} 条，哈希链完整` : db.audit.ok === null ? `未校验（${db.audit.reason}）` : `链断于第 ${db.audit.brokenId} 条（${db.audit.reason}）`}`);
    console.log(`  总用时 ${fmtMs(Date.now() - started)}`);

    const problems: string[] = [];
    if (signedIn.length < users.length) problems.push(`${users.length - signedIn.length} users could not sign in`);
    if (stats.status5xx) problems.push(`${stats.status5xx} answers with HTTP 5xx`);
    if ([...stats.errors.values()].some((n) => n > 0)) problems.push(`errors: ${stats.failures.slice(0, 10).join(" | ")}`);
    if (lost) problems.push(`${lost} acknowledged writes not in the database`);
    if (extra || dupMarkers) problems.push(`${extra + dupMarkers} writes in the database that were not acknowledged once`);
    if (db.integrity !== "ok") problems.push(`integrity_check: ${db.integrity}`);
    if (db.audit.ok === false) problems.push(`audit chain broken at entry ${db.audit.brokenId}: ${db.audit.reason}`);
    if (!ackedTotal) problems.push("no write was acknowledged");
    if (problems.length) {
      failed = true;
      console.error(`\n压力测试失败：\n  ${problems.join("\n  ")}`);
    } else console.log("通过：无 5xx，已确认的写入无丢失、无重复。");
  } finally {
    await server?.stop();
    if (root && !opts.keep && !failed) fs.rmSync(root, { recursive: true, force: true });
    else if (root) console.log(`数据保留在 ${root}`);
  }
  if (failed) process.exit(1);
}

main().catch((error) => {
  console.error("压力测试出错：", error);
  process.exit(1);
});
