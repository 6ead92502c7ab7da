import path from "node:path";
import { dataDir } from "../db";
import { BackupError, backupDatabase, describe, formatBytes } from "../lib/backup";

/**
 * `npm run backup [-- --out FILE]`: an online backup of the database and its attachments, safe
 * while the server runs, checked before it is kept.
 */
async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf("--out");
  const out = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !out) throw new BackupError("--out 后面要写备份文件名，如 --out /backup/banli.sqlite");
  const unknown = args.filter((a, i) => a.startsWith("-") && a !== "--out" && i !== at + 1);
  if (unknown.length) throw new BackupError(`不认识的参数：${unknown.join(" ")}（可用：--out FILE）`);

  console.log(`正在备份 ${path.join(dataDir(), "banli.sqlite")} …`);
  const r = await backupDatabase({ out });
  console.log(`备份完成：${r.file}`);
  console.log(`  大小 ${formatBytes(r.size)}，用时 ${r.ms} ms`);
  for (const line of describe(r.report)) console.log(`  ${line}`);
  console.log(`  附件 ${r.files.count} 个（${formatBytes(r.files.bytes)}）：${r.filesDir}`);
  console.log(`  SHA-256 ${r.sha256}（已写入 ${path.basename(r.file)}.sha256）`);
  console.log(`恢复：停止服务后运行 npm run restore -- ${r.file}`);
}

main().catch((error) => {
  console.error(error instanceof BackupError ? `备份失败：${error.message}` : "备份失败：");
  if (!(error instanceof BackupError)) console.error(error);
  process.exit(1);
});
