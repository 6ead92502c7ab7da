/**
 * `npm run audit:verify`: walks the audit log's hash chain and names the first broken entry.
 * `--prune` also removes entries past the retention policy (at least 6 months), and records it.
 * Exits 1 when the chain is broken.
 */
import path from "node:path";
import { dataDir, openDb } from "../db";
import { pruneAudit, verifyAudit } from "../lib/audit";
import { now } from "../lib/clock";

const db = openDb(path.join(dataDir(), "banli.sqlite"));
if (process.argv.includes("--prune")) {
  const { removed } = pruneAudit(db, now());
  console.log(`audit prune: ${removed} entries past retention removed`);
}
const r = verifyAudit(db);
if (r.ok) {
  console.log(`audit log OK: ${r.entries} entries, ids ${r.firstId ?? "-"}..${r.lastId ?? "-"}, chain intact`);
  // Keep this line outside the server (with the backups): a later log must still contain this entry.
  if (r.lastId != null) console.log(`last entry ${r.lastId}: ${r.lastHash}`);
} else {
  console.error(`audit log BROKEN at entry ${r.brokenId} (after ${r.entries} good entries): ${r.reason}`);
  process.exitCode = 1;
}
db.$client.close();
