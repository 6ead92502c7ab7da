import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * `next build` when the sources changed since the last build, and only then.
 *
 * `npm start` and `npm test` both need a production build; building twice costs a minute and a
 * half on two cores. The build writes a fingerprint of everything that goes into it (the app's
 * sources, its configuration and the lockfile) beside `.next/BUILD_ID`; a later call with the same
 * fingerprint reuses the build. Tests, scripts and documents are not part of the build.
 */

const ROOT = process.cwd();
const STAMP = path.join(ROOT, ".next", "banli-source-hash");
/** Folders that never go into the built app. */
const SKIP = new Set(["node_modules", "data", "e2e", "tests", "scripts", "docs", "test-results", "playwright-report"]);

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue; // .next, .git, .ci, .env files
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (dir === ROOT && SKIP.has(entry.name)) continue;
      yield* sourceFiles(full);
    } else if (entry.isFile() && !entry.name.endsWith(".md") && !entry.name.endsWith(".tsbuildinfo") && entry.name !== "next-env.d.ts") {
      yield full;
    }
  }
}

/** SHA-256 over every build input's path and content, plus the Node version that builds it. */
export function sourceHash(): string {
  const hash = crypto.createHash("sha256").update(process.version);
  for (const file of sourceFiles(ROOT)) {
    hash.update(path.relative(ROOT, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** Builds unless `.next` already holds a build of these very sources. Returns whether it built. */
export function ensureFreshBuild(): boolean {
  const wanted = sourceHash();
  const have = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) && fs.existsSync(STAMP) ? fs.readFileSync(STAMP, "utf8").trim() : "";
  if (have === wanted) {
    console.log("生产构建与源代码一致，沿用 .next（源代码指纹 " + wanted.slice(0, 12) + "）");
    return false;
  }
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status ?? r.signal})`);
  fs.writeFileSync(STAMP, wanted + "\n");
  return true;
}

if (require.main === module) {
  try {
    ensureFreshBuild();
  } catch (error) {
    console.error("构建失败：", error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
