import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureFreshBuild } from "./build";
import { prepare } from "./prepare";
import { actionIds, Client, fmtMs, freePort, groupCpuSeconds, pad, percentile, sleep, startServer } from "./harness";
import { manyParagraphsDocx, mergedRangeXlsx, zipBomb } from "./hostile-files";

/**
 * `npm run test:hostile [-- --keep]`
 *
 * The production server (127.0.0.1, fresh demo data) while unit staff and the congress office
 * upload the files that once took it down: a .docx with 2 million empty paragraphs to 从Word导入,
 * an .xlsx declaring the merged range A2:XFD1048576 to 导入建议, and zips inflating to 1 GB to both.
 * Meanwhile four other people keep loading their pages. Each file must be refused within 10 s
 * with the limit named in Chinese, the others' pages must keep answering (their p50/p95 before
 * and during the uploads are printed), the server's memory must stay under 1 GB, the server must
 * be the same process at the end, and each refusal must be in the audit log. Then a client makes up
 * X-Forwarded-For for 40 sign-ins: the per-address limit must still hold, and the audit log must
 * record the real address. Exits non-zero otherwise.
 */

const LIMIT_MS = 10_000;
/** Each file is sent this many times, so that the others' requests during the uploads are many. */
const ROUNDS = 3;
const MEMORY_CEILING = 1024 * 1024 * 1024;

type Upload = { label: string; who: "staff" | "office"; file: () => Promise<Buffer>; name: string; expect: RegExp; limit: string };

const UPLOADS: Upload[] = [
  { label: "Word：200 万个空段落", who: "staff", name: "段落.docx", file: () => manyParagraphsDocx(), expect: /段落数过多/, limit: "paragraphs" },
  { label: "Excel：合并 A2:XFD1048576", who: "office", name: "合并.xlsx", file: () => mergedRangeXlsx(), expect: /合并单元格的范围过大（A2:XFD1048576）/, limit: "merged" },
  { label: "Word：解压 1 GB 的压缩包", who: "staff", name: "炸弹.docx", file: () => zipBomb("docx"), expect: /文件解压后过大/, limit: "unpacked" },
  { label: "Excel：解压 1 GB 的压缩包", who: "office", name: "炸弹.xlsx", file: () => zipBomb("xlsx"), expect: /文件解压后过大/, limit: "unpacked" },
];

/** Other people at work: each loads its pages in turn, timing every answer. */
class Observer {
  times: { at: number; ms: number; status: number; page: string }[] = [];
  constructor(
    readonly client: Client,
    readonly pages: string[],
  ) {}
  async run(stop: () => boolean) {
    for (let i = 0; !stop(); i++) {
      const started = Date.now();
      try {
        const page = this.pages[i % this.pages.length];
        const r = await this.client.get(page);
        this.times.push({ at: started, ms: r.ms, status: r.status, page: `${this.client.username} ${page}` });
      } catch {
        this.times.push({ at: started, ms: Date.now() - started, status: 0, page: `${this.client.username} ${this.pages[i % this.pages.length]}` });
      }
      await sleep(100);
    }
  }
}

function stats(times: { ms: number; status: number }[]) {
  const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0, failed: times.filter((t) => t.status !== 200).length };
}

async function main() {
  const keep = process.argv.includes("--keep");
  for (const a of process.argv.slice(2)) if (a !== "--keep") throw new Error(`unknown option ${a} (known: --keep)`);
  ensureFreshBuild();
  const actions = actionIds();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "banli-hostile-"));
  const dataDir = path.join(root, "data");
  process.env.BANLI_DATA_DIR = dataDir;
  await prepare({ fresh: true });
  const db = new Database(path.join(dataDir, "banli.sqlite"), { readonly: true });
  const sessionId = (db.prepare("select id from congress_sessions where active = 1 order by id desc limit 1").get() as { id: number }).id;
  const proposalId = (db.prepare("select id from proposals where number = 155 order by id desc limit 1").get() as { id: number }).id;

  const port = await freePort();
  // As if served directly to the network: the test's own address (loopback) is not a trusted proxy.
  const server = await startServer({ dataDir, port, secret: process.env.NEXTAUTH_SECRET!, env: { BANLI_TRUSTED_PROXIES: "none" } });
  const pid = server.child.pid!;
  const failures: string[] = [];
  const results: { label: string; ms: number; message: string }[] = [];
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, groupCpuSeconds(pid).rss);
      await sleep(50);
    }
  })();

  try {
    const client = (u: string) => new Client(server.base, u, actions, 60_000);
    const staff = client("jxj_staff");
    const office = client("rdgw");
    const observers = [
      new Observer(client("dcs"), ["/", "/proposals", `/proposals/${proposalId}`, "/supervision"]),
      new Observer(client("swj_staff"), ["/", "/proposals", `/proposals/${proposalId}`]),
      new Observer(client("jxj_leader"), ["/", `/proposals/${proposalId}`]),
      new Observer(client("hugf"), ["/", `/proposals/${proposalId}`]),
    ];
    for (const c of [staff, office, ...observers.map((o) => o.client)]) await c.signIn();
    const files = await Promise.all(UPLOADS.map((u) => u.file()));

    let stop = false;
    const watching = observers.map((o) => o.run(() => stop));
    await sleep(5000);
    const attackFrom = Date.now();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, u] of UPLOADS.entries()) {
        const file = new File([new Uint8Array(files[i])], u.name);
        const r =
          u.who === "staff"
            ? await staff.action(`/proposals/${proposalId}`, "importDocxAction", { file })
            : await office.action("/proposals/import", "importAction", { file, sessionId: String(sessionId), intent: "preview" });
        const message = r.result?.error ?? r.result?.message ?? `(HTTP ${r.status}) ${r.text.slice(0, 200)}`;
        results.push({ label: u.label, ms: r.ms, message });
        if (r.status !== 200 || !u.expect.test(message)) failures.push(`${u.label}: expected ${u.expect}, got ${message}`);
        if (r.ms > LIMIT_MS) failures.push(`${u.label}: answered after ${fmtMs(r.ms)} (limit ${fmtMs(LIMIT_MS)})`);
      }
    }
    const attackTo = Date.now();
    await sleep(2000);
    stop = true;
    await Promise.all(watching);

    const all = observers.flatMap((o) => o.times);
    const before = stats(all.filter((t) => t.at < attackFrom));
    const during = stats(all.filter((t) => t.at >= attackFrom && t.at <= attackTo));
    if (during.n < 8) failures.push(`only ${during.n} page requests answered by others during the uploads`);
    const failed = all.filter((t) => t.status !== 200);
    if (failed.length) failures.push(`${failed.length} page requests of others failed: ${[...new Set(failed.map((t) => `${t.page} → ${t.status}`))].join(", ")}`);
    if (during.max > LIMIT_MS) failures.push(`another user's page took ${fmtMs(during.max)} during the uploads`);
    if (peak >= MEMORY_CEILING) failures.push(`server memory reached ${Math.round(peak / 1024 / 1024)} MB`);
    if (server.child.exitCode !== null || server.child.signalCode !== null) failures.push("the server process died");

    const audited = db
      .prepare("select detail from audit_log where action in ('draft.importWord', 'proposal.import') and result = 'refused' order by id")
      .all()
      .map((r) => JSON.parse((r as { detail: string }).detail) as { limit: string });
    const limits = audited.map((a) => a.limit);
    const expected = Array.from({ length: ROUNDS }, () => UPLOADS.map((u) => u.limit)).flat();
    if (JSON.stringify(limits) !== JSON.stringify(expected)) failures.push(`audit log holds refusals ${JSON.stringify(limits)}`);

    console.log(`\n恶意文件测试（4 个文件依次上传，共 ${ROUNDS} 轮，同时另有 4 人浏览页面）\n`);
    console.log(`${pad("文件", 28)} ${pad("用时", 9, true)}  提示`);
    for (const r of results) console.log(`${pad(r.label, 28)} ${pad(fmtMs(r.ms), 9, true)}  ${r.message}`);
    console.log(`\n${pad("他人页面请求", 16)} ${pad("次数", 6, true)} ${pad("p50", 8, true)} ${pad("p95", 8, true)} ${pad("最长", 8, true)}`);
    for (const [label, s] of [["上传前 5 秒", before], ["上传期间", during]] as const)
      console.log(`${pad(label, 16)} ${pad(s.n, 6, true)} ${pad(fmtMs(s.p50), 8, true)} ${pad(fmtMs(s.p95), 8, true)} ${pad(fmtMs(s.max), 8, true)}`);
    console.log(`\n服务器内存峰值（RSS，含解析线程）：${Math.round(peak / 1024 / 1024)} MB；审计日志记录拒绝 ${audited.length} 次`);

    // A client served directly (no trusted proxy: BANLI_TRUSTED_PROXIES=none) makes up a new
    // X-Forwarded-For for every sign-in attempt: the server believes the socket, so the per-address
    // limit holds and the audit log records the real address.
    const sprayed: (string | null)[] = [];
    for (let i = 0; i < 40; i++) sprayed.push((await new Client(server.base, `nobody${i}`, actions, 30_000, `198.51.100.${i}`).attemptSignIn("Wrong#Pass2026")).error);
    const addresses = db.prepare("select distinct ip from audit_log where action like 'login.%'").all().map((r) => (r as { ip: string }).ip);
    if (!sprayed.includes("RATE_LIMITED")) failures.push(`40 sign-ins with made-up X-Forwarded-For were never rate-limited: ${sprayed.join(",")}`);
    if (addresses.some((a) => a !== "127.0.0.1")) failures.push(`the audit log believed a made-up address: ${addresses.join(", ")}`);
    console.log(`伪造 X-Forwarded-For 的 40 次登录：第 ${sprayed.indexOf("RATE_LIMITED") + 1} 次起被限流；审计日志中的登录地址：${addresses.join("、")}`);
  } finally {
    sampling = false;
    await sampler;
    db.close();
    await server.stop();
    if (!keep) fs.rmSync(root, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`\n失败：\n- ${failures.join("\n- ")}\n${server.log().slice(-3000)}`);
    process.exit(1);
  }
  console.log("通过。");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
