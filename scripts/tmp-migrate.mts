import { openDb } from "../db/index";
import { backfillDeadlines } from "../lib/services/stored-deadlines";
const t0 = Date.now();
const db = openDb(process.argv[2]);
console.log("migrated in", Date.now() - t0, "ms");
const t1 = Date.now();
console.log("backfilled", backfillDeadlines(db), "in", Date.now() - t1, "ms");
console.log(db.$client.prepare("select count(*) n from search_trigram").get());
