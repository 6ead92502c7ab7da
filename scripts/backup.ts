import path from "node:path";
import { dataDir } from "../db";
import { BackupError, auditLine, backupDatabase, describe, formatBytes } from "../lib/backup";

/**
 * `npm run backup [-- --out FILE] [--without-secret]`: an online backup of the database, its
 * attachments and the generated server secret, safe while the server runs, checked before it is kept.
 */
async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf("--out");
  const out = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !out) throw new BackupError("--out 后面要写备份文件名，如 --out /backup/banli.sqlite");
  const unknown = args.filter((a, i) => a.startsWith("-") && a !== "--out" && a !== "--without-secret" && i !== at + 1);
  if (unknown.length) throw new BackupError(`不认识的参数：${unknown.join(" ")}（可用：--out FILE、--without-secret）`);

  console.log(`正在备份 ${path.join(dataDir(), "banli.sqlite")} …`);
  const r = await backupDatabase({ out, withSecret: !args.includes("--without-secret") });
  console.log(`备份完成：${r.file}`);
  console.log(`  大小 ${formatBytes(r.size)}，用时 ${r.ms} ms`);
  for (const line of describe(r.report)) console.log(`  ${line}`);
  console.log(`  ${auditLine(r.file)}`);
  console.log(`  附件 ${r.files.count} 个（${formatBytes(r.files.bytes)}）：${r.filesDir}`);
  console.log(`  SHA-256 ${r.sha256}（已写入 ${path.basename(r.file)}.sha256）`);
  if (r.secret.included) console.log(`  会话密钥（指纹 ${r.secret.fingerprint}）已一并备份；请像保管服务器一样保管备份。`);
  else if (r.secret.from === "env") console.log(`  会话密钥来自环境变量 NEXTAUTH_SECRET（指纹 ${r.secret.fingerprint}），未写入备份：恢复时须使用同一个值。`);
  else if (r.secret.fingerprint) console.log(`  会话密钥未写入备份（指纹 ${r.secret.fingerprint}）：恢复时须放回原来的 auth-secret。`);
  console.log(`恢复：停止服务后运行 npm run restore -- ${r.file}`);
}

main().catch((error) => {
  console.error(error instanceof BackupError ? `备份失败：${error.message}` : "备份失败：");
  if (!(error instanceof BackupError)) console.error(error);
  process.exit(1);
});
