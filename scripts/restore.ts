import path from "node:path";
import { dataDir } from "../db";
import { BackupError, auditLine, describe, restoreDatabase } from "../lib/backup";

/**
 * `npm run restore -- FILE [--allow-missing-files] [--ignore-secret]`: puts a backup made by `npm run backup` in
 * place of the database, after checking it. Stop the server first. The current database is kept
 * beside it as banli.sqlite.before-restore-<time>; a refused restore changes nothing.
 */
async function main() {
  const args = process.argv.slice(2);
  const allowMissingFiles = args.includes("--allow-missing-files");
  const ignoreSecret = args.includes("--ignore-secret");
  const files = args.filter((a) => !a.startsWith("--"));
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--allow-missing-files" && a !== "--ignore-secret");
  if (unknown.length) throw new BackupError(`不认识的参数：${unknown.join(" ")}（可用：--allow-missing-files、--ignore-secret）`);
  if (files.length !== 1) throw new BackupError("请指定一个备份文件：npm run restore -- data/backups/banli-YYYYMMDD-HHMMSS.sqlite");

  const target = path.join(dataDir(), "banli.sqlite");
  console.log(`正在用 ${path.resolve(files[0])} 恢复 ${target} …`);
  const r = await restoreDatabase(files[0], { allowMissingFiles, ignoreSecret });
  console.log(`恢复完成：${r.file}（用时 ${r.ms} ms）`);
  console.log(r.previous ? `  原数据库已保留为 ${r.previous}` : "  原来没有数据库，无需保留。");
  console.log(`  备份文件 SHA-256 ${r.sha256}`);
  if (r.migrated > 0) console.log(`  备份来自较早版本，已执行 ${r.migrated} 个新迁移。`);
  console.log(`  附件：从备份复制 ${r.files.copied} 个，已存在 ${r.files.present} 个`);
  console.log(`  ${r.secret.note}`);
  for (const line of describe(r.after)) console.log(`  ${line}`);
  console.log(`  ${auditLine(r.file)}`);
  console.log("现在可以启动服务（npm start）。");
}

main().catch((error) => {
  if (error instanceof BackupError) {
    console.error(`恢复未进行：${error.message}`);
    console.error("数据库未被改动。");
  } else {
    console.error("恢复失败：", error);
    console.error("如原数据库已被替换，它保留在数据目录中的 banli.sqlite.before-restore-* 文件里。");
  }
  process.exit(1);
});
