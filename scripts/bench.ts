import autocannon from "autocannon";
import Database from "better-sqlite3";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { actionIds, Client, freePort, groupCpuSeconds, parseForms, percentile, startServer, type Server } from "./harness";
import { ensureFreshBuild } from "./build";
import { prepare } from "./prepare";

/**
 * The benchmark: `next start` on a prepared database and, in the same run, the app's own floor page
 * (app/bench/floor: the cheapest dynamic page, through the same proxy and layout, without the
 * database). Each page is driven over loopback by autocannon with one connection, as a signed-in
 * user of the role that opens it, alternating with the floor (floor, page, floor, page, …), so
 * both see the same machine. Reported per page: requests per second, p50/p95/p99 latency (from
 * every response's time), and the ratio of its throughput to the floor's.
 *
 *   npm run bench                                   the demo data
 *   npm run bench -- --data-dir DIR                 a database made by `npm run seed:scale` (copied first)
 *   npm run bench -- --short                        CI: the demo, 1 s per run, one round; fails on any error
 *   options: --seconds N (per run, default 5) --rounds N (default 3) --label NAME --out FILE
 *            --only TEXT (the pages whose name contains TEXT)
 *            --profile DIR (the server's CPU profile, written to DIR when it stops)
 *
 * Fails on any non-2xx answer or socket error, never on times.
 */

type Args = { dataDir?: string; seconds: number; rounds: number; short: boolean; label: string; out?: string; only?: string; profile?: string };

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const short = argv.includes("--short");
  return {
    dataDir: value("--data-dir"),
    seconds: Number(value("--seconds") ?? (short ? 1 : 5)),
    rounds: Number(value("--rounds") ?? (short ? 1 : 3)),
    short,
    label: value("--label") ?? (short ? "short" : "demo"),
    out: value("--out"),
    only: value("--only"),
    profile: value("--profile"),
  };
}

/** `write`: submit the page's contact form (a Server Action) instead of loading the page. */
type Scenario = { name: string; user: string; path: string; write?: boolean };

type Run = { rps: number; p50: number; p95: number; p99: number; requests: number; errors: number; kib: number };

/** One autocannon run of `seconds` on one connection, with every response's time kept for exact percentiles. */
async function drive(url: string, cookie: string, seconds: number, write?: { id: string; body: Buffer; type: string; origin: string }): Promise<Run> {
  const times: number[] = [];
  const result = await autocannon({
    url,
    connections: 1,
    duration: seconds,
    headers: write
      ? { cookie, "next-action": write.id, accept: "text/x-component", origin: write.origin, "content-type": write.type }
      : { cookie, accept: "text/html" },
    method: write ? "POST" : "GET",
    body: write?.body,
    setupClient: (client) => {
      client.on("response", (_status: number, _bytes: number, responseTime: number) => times.push(responseTime));
    },
  });
  times.sort((a, b) => a - b);
  return {
    rps: result.requests.total / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    // Bytes per response (compressed as served, headers included).
    kib: result.requests.total ? result.throughput.total / result.requests.total / 1024 : 0,
  };
}

/** The JavaScript a page loads first: the built files its HTML names, in KiB (uncompressed). */
function firstLoadJs(html: string) {
  const files = new Set([...html.matchAll(/<script[^>]*\bsrc="\/_next\/static\/([^"?]+)/g)].map((m) => m[1]));
  let bytes = 0;
  for (const f of files) bytes += fs.statSync(path.join(".next", "static", f)).size;
  return bytes / 1024;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The pages to measure, with records chosen from the data so that each is a real, heavy case. */
function scenarios(dbFile: string): Scenario[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    const one = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as T;
    const unit = one<{ id: number }>("select id from units where name = '市经信局'").id;
    const proposals = one<{ n: number }>("select count(*) n from proposals").n;
    const p155 = one<{ id: number }>("select id from proposals where number = 155 order by id limit 1").id;
    const s155 = one<{ s: number }>("select session_id s from proposals where id = ?", p155).s;
    const longest = one<{ id: number }>("select proposal_id id from history where proposal_id is not null group by proposal_id order by count(*) desc limit 1").id;
    const deep = Math.max(1, Math.floor(proposals / 20 / 2));
    return [
      { name: "工作台（承办人）", user: "jxj_staff", path: "/" },
      { name: "工作台（签发领导）", user: "jxj_leader", path: "/" },
      { name: "工作台（代表工委）", user: "rdgw", path: "/" },
      { name: "工作台（政府督查室）", user: "dcs", path: "/" },
      { name: "建议列表 第1页", user: "rdgw", path: "/proposals" },
      { name: `建议列表 第${deep}页`, user: "rdgw", path: `/proposals?page=${deep}` },
      { name: "建议列表 按状态", user: "rdgw", path: "/proposals?state=handling" },
      { name: "建议列表 按承办单位", user: "rdgw", path: `/proposals?unit=${unit}` },
      { name: "建议列表 按关键词（2字）", user: "rdgw", path: `/proposals?q=${encodeURIComponent("工业")}` },
      { name: "建议列表 按关键词（6字）", user: "rdgw", path: `/proposals?q=${encodeURIComponent("工业区块改造")}` },
      { name: "公开网站首页", user: "rdgw", path: "/public" },
      { name: "公开检索（2字）", user: "rdgw", path: `/public/search?q=${encodeURIComponent("工业")}` },
      { name: "公开检索（6字）", user: "rdgw", path: `/public/search?q=${encodeURIComponent("工业区块改造")}` },
      { name: "公开建议页（第155号）", user: "rdgw", path: `/public/${s155}/155` },
      { name: "建议列表（承办人）", user: "jxj_staff", path: "/proposals" },
      { name: "建议页（历史最长的一件）", user: "rdgw", path: `/proposals/${longest}` },
      { name: "第155号建议（承办人）", user: "jxj_staff", path: `/proposals/${p155}` },
      { name: "督办统计", user: "dcs", path: "/supervision" },
      { name: "代表首页", user: "hugf", path: "/" },
      { name: "写：联系记录", user: "jxj_staff", path: `/proposals/${p155}`, write: true },
    ];
  } finally {
    db.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  ensureFreshBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "banli-bench-"));
  process.env.BANLI_DATA_DIR = dataDir;
  if (args.dataDir) {
    // A copy: the write scenario adds rows, and the prepared database stays as it was.
    const from = new Database(path.join(args.dataDir, "banli.sqlite"), { readonly: true });
    await from.backup(path.join(dataDir, "banli.sqlite"));
    from.close();
  }
  process.env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
  await prepare({});
  const dbFile = path.join(dataDir, "banli.sqlite");
  const size = (() => {
    const db = new Database(dbFile, { readonly: true });
    const r = db.prepare("select (select count(*) from proposals) p, (select count(*) from assignments) a, (select count(*) from history) h, (select count(*) from congress_sessions) s").get() as { p: number; a: number; h: number; s: number };
    db.close();
    return r;
  })();
  const list = scenarios(dbFile).filter((s) => !args.only || s.name.includes(args.only));

  let server: Server | undefined;
  const rows: string[] = [];
  let failures = 0;
  let peakRss = 0;
  try {
    server = await startServer({
      dataDir,
      port: await freePort(),
      secret: process.env.NEXTAUTH_SECRET,
      env: {
        BANLI_BENCH: "1",
        BANLI_SCHEDULER: "off",
        BANLI_RATE_LOGIN: "off",
      },
      // A V8 CPU profile of the server, written when it stops (open it in Chrome DevTools or speedscope).
      nodeArgs: args.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(args.profile)}`] : [],
    });
    const ids = actionIds();
    const clients = new Map<string, Client>();
    const clientOf = async (user: string) => {
      let c = clients.get(user);
      if (!c) {
        c = new Client(server!.base, user, ids);
        await c.signIn();
        clients.set(user, c);
      }
      return c;
    };
    let floorJs: number | undefined;
    const sample = () => (peakRss = Math.max(peakRss, groupCpuSeconds(server!.child.pid!).rss));
    const sampler = setInterval(sample, 250);

    console.log(`基准测试：${size.p} 件建议、${size.a} 项承办、${size.h} 条办理记录、${size.s} 个届次；每次 ${args.seconds} s × ${args.rounds} 轮，1 个连接`);
    for (const s of list) {
      const client = await clientOf(s.user);
      const cookie = client.cookieHeader();
      // Warm both (first render compiles nothing in production, but fills caches).
      const first = await client.get(s.path);
      if (first.status !== 200) throw new Error(`${s.name}: ${s.path} answered ${first.status}`);
      const js = firstLoadJs(first.text);
      floorJs ??= firstLoadJs((await client.get("/bench/floor")).text);
      let write: Parameters<typeof drive>[3];
      if (s.write) {
        const form = parseForms(first.text).find((f) => f.label === "记录联系代表");
        if (!form) throw new Error(`${s.name}: no contact form on ${s.path}`);
        const fd = new FormData();
        const fields = { ...form.fields, channel: "phone", people: "代表及承办人", summary: "基准测试：电话联系代表，通报办理进展。" };
        for (const [k, v] of Object.entries(fields)) fd.append(`_1_${k}`, v);
        fd.append("0", JSON.stringify([{}, "$K1"]));
        const req = new Request("http://localhost/", { method: "POST", body: fd });
        write = { id: ids.get("logContactAction")!, body: Buffer.from(await req.arrayBuffer()), type: req.headers.get("content-type")!, origin: server.base };
      }
      // Warm both up (the JIT, SQLite's page cache) before anything is measured.
      await drive(`${server.base}/bench/floor`, cookie, 1);
      if (!s.write) await drive(server.base + s.path, cookie, 1);
      const floors: Run[] = [];
      const pages: Run[] = [];
      for (let r = 0; r < args.rounds; r++) {
        floors.push(await drive(`${server.base}/bench/floor`, cookie, args.seconds));
        pages.push(await drive(server.base + s.path, cookie, args.seconds, write));
      }
      const errors = [...floors, ...pages].reduce((n, x) => n + x.errors, 0);
      failures += errors;
      const floorRps = median(floors.map((f) => f.rps));
      const page = {
        rps: median(pages.map((p) => p.rps)),
        p50: median(pages.map((p) => p.p50)),
        p95: median(pages.map((p) => p.p95)),
        p99: median(pages.map((p) => p.p99)),
        kib: median(pages.map((p) => p.kib)),
      };
      const jsOver = s.write ? "—" : `${js - floorJs >= 0 ? "+" : ""}${(js - floorJs).toFixed(0)}`;
      const row = `| ${s.name} | ${page.rps.toFixed(1)} | ${page.p50.toFixed(1)} | ${page.p95.toFixed(1)} | ${page.p99.toFixed(1)} | ${page.kib.toFixed(0)} | ${jsOver} | ${floorRps.toFixed(1)} | ${(page.rps / floorRps).toFixed(2)} | ${errors} |`;
      rows.push(row);
      console.log(row);
    }
    clearInterval(sampler);
    sample();
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const cpu = os.cpus();
  const table = [
    `# 基准测试 ${args.label}（${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC）`,
    "",
    `- 数据：${size.p} 件建议，${size.a} 项承办，${size.h} 条办理记录，${size.s} 个届次`,
    `- 机器：${cpu.length} 核 ${cpu[0]?.model ?? ""}，内存 ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB，Node ${process.version}，生产构建（next start）`,
    `- 方法：autocannon，1 个连接，每次 ${args.seconds} s，页面与基准页交替 ${args.rounds} 轮，取中位数；延迟为每个响应的用时`,
    `- 服务端内存峰值（RSS）：${(peakRss / 2 ** 20).toFixed(0)} MB`,
    "",
    "| 页面 | 请求/秒 | p50 ms | p95 ms | p99 ms | 响应 KiB | 首屏脚本比基准页多 KiB | 基准页 请求/秒 | 与基准页之比 | 错误 |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
  ].join("\n");
  console.log(`\n${table}`);
  if (!args.short || args.out) {
    const out = args.out ?? path.join("bench", "results", `${new Date().toISOString().slice(0, 10)}-${args.label}.md`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, table);
    console.log(`已写入 ${out}`);
  }
  if (failures) {
    console.error(`基准测试失败：${failures} 个请求出错（非 2xx 或连接错误）。`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error("基准测试失败：", error);
  process.exitCode = 1;
});
