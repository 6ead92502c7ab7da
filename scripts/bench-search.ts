import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openDb, useDb } from "../db/index";
import { passagesOf, rankedMatches, type Searcher } from "../db/queries/search";
import { similarProposals } from "../db/queries/similar";
import { percentile } from "./harness";

/**
 * The search at national scale (docs/rules.md § "Search"): each query as the list and the portal
 * run it (ranked matches, then the passages of the first page), on a database made by
 * `npm run seed:scale` (migrated on open), repeated; p50/p95/p99 of each.
 *
 *   npm run bench:search -- --data-dir DIR [--runs N] [--out FILE]
 */
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dir = arg("--data-dir");
if (!dir) throw new Error("--data-dir DIR: a database made by npm run seed:scale");
const runs = Number(arg("--runs") ?? 200);
const db = openDb(path.join(dir, "banli.sqlite"));
useDb(db);
const c = db.$client;
const proposals = (c.prepare("select count(*) n from proposals").get() as { n: number }).n;
const indexed = (c.prepare("select count(*) n from search_trigram").get() as { n: number }).n;
const actor = (username: string): Searcher => ({
  actor: c.prepare("select id, role, unit_id unitId, deputy_id deputyId, display_name displayName from users where username = ?").get(username) as Extract<Searcher, { actor: unknown }>["actor"],
});
const today = new Date().toISOString().slice(0, 10);
const searchers: [string, Searcher][] = [
  ["代表工委", actor("rdgw")],
  ["承办人（市经信局）", actor("jxj_staff")],
  ["代表（胡国锋）", actor("hugf")],
  ["公众", { public: today }],
];
const queries = ["工业", "电商", "路灯", "工业区块改造", "古塘街道工业", "小家电企业开"];

const rows: string[] = [];
for (const q of queries)
  for (const [who, s] of searchers) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < runs + 10; i++) {
      const t0 = performance.now();
      const ranked = rankedMatches(db, s, q);
      passagesOf(db, s, q, ranked.slice(0, 20).map((r) => r.id));
      const ms = performance.now() - t0;
      if (i >= 10) times.push(ms); // the first runs warm the page cache
      found = ranked.length;
    }
    times.sort((a, b) => a - b);
    const f = (p: number) => percentile(times, p).toFixed(1);
    rows.push(`| ${q}（${Array.from(q).length}字） | ${who} | ${found} | ${f(50)} | ${f(95)} | ${f(99)} |`);
    console.log(rows.at(-1));
  }

// Similar proposals, as the congress office's proposal page lists them: for 50 proposals across the table.
const sample = (c.prepare("select id from proposals where id % (select max(id) / 50 from proposals) = 0 limit 50").all() as { id: number }[]).map((r) => r.id);
const office = actor("rdgw");
const similarTimes: number[] = [];
for (const [i, id] of [...sample, ...sample.slice(0, 5)].entries()) {
  const t0 = performance.now();
  similarProposals((office as { actor: Parameters<typeof similarProposals>[0] }).actor, id);
  if (i >= 5) similarTimes.push(performance.now() - t0);
}
similarTimes.sort((a, b) => a - b);
const similarRow = `| 相似建议（${similarTimes.length} 件，各取前 5） | 代表工委 | — | ${percentile(similarTimes, 50).toFixed(1)} | ${percentile(similarTimes, 95).toFixed(1)} | ${percentile(similarTimes, 99).toFixed(1)} |`;
console.log(similarRow);
rows.push(similarRow);

const cpu = os.cpus()[0]?.model ?? "";
const report = `# 检索基准（${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC）

- 数据：${proposals} 件建议；检索索引 ${indexed} 行（建议、协办意见、答复各一行）
- 机器：${os.cpus().length} 核 ${cpu.trim()}，Node ${process.version}
- 方法：每个查询按列表和公开网站的做法执行（排序后的命中，加第一页的匹配段落），${runs} 次（先预热 10 次），取每次用时的百分位
- 三个字以上用三字索引，一两个字用二字索引（docs/rules.md § "Search"）

| 查询 | 检索者 | 命中（最多 500） | p50 ms | p95 ms | p99 ms |
|---|---|---:|---:|---:|---:|
${rows.join("\n")}
`;
const out = arg("--out");
if (out) fs.writeFileSync(out, report);
console.log(report);
