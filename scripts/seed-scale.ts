import path from "node:path";
import { dataDir, openDb } from "../db";
import { addScaleData } from "./scale-data";
import { prepare } from "./prepare";

/**
 * National-scale data on top of the demo (its accounts and No. 155 stay):
 *
 *   BANLI_DATA_DIR=/tmp/banli-100k npm run seed:scale -- --proposals 100000 [--sessions 10] [--units 200] [--deputies 3000]
 *
 * Sessions going back a year each (the older ones finished), units with staff and leader
 * accounts, deputies with accounts, and proposals in every state with 1 lead and 0–2 co-units (or
 * parallel units), co-signers, extensions, opinions, contact logs, replies, sign-offs and ratings.
 * A few hundred proposals per session are driven through the services the interface uses; the rest
 * are copies of their rows with their own numbers, topics, deputies and units (scripts/scale-data.ts;
 * tests/integration/scale-data.test.ts replays copies through the services and compares every row).
 */
function arg(name: string, fallback: number) {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} 应为非负整数`);
  return v;
}

async function main() {
  const proposals = arg("--proposals", 100_000);
  const sessions = Math.max(1, arg("--sessions", 10));
  const units = arg("--units", 200);
  const deputies = arg("--deputies", 3000);
  const templates = arg("--templates", 200);
  await prepare({});
  const db = openDb(path.join(dataDir(), "banli.sqlite"));
  const started = Date.now();
  console.log(`在 ${dataDir()} 上增加 ${proposals} 件建议（${sessions} 个届次，${units} 个单位，${deputies} 名代表），每个届次 ${templates} 件经业务服务办理，其余按其复制……`);
  try {
    const { ms } = await addScaleData(db, {
      proposals,
      templatesPerSession: templates,
      units,
      deputies,
      earlierSessions: sessions - 1,
      progress: (done, total) => {
        const s = (Date.now() - started) / 1000;
        const left = (s / done) * (total - done);
        console.log(`  ${done} / ${total}（${Math.round((100 * done) / total)}%），已用 ${Math.round(s)} s，预计还需 ${Math.round(left)} s`);
      },
    });
    db.$client.pragma("optimize");
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    console.log(`完成：${proposals} 件建议，用时 ${(ms / 1000).toFixed(0)} s。`);
  } finally {
    db.$client.close();
  }
}

main().catch((error) => {
  console.error("生成数据失败：", error);
  process.exitCode = 1;
});
