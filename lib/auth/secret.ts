import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/db";

/**
 * The server secret (NEXTAUTH_SECRET, or the one `npm start` generated into the data folder), and
 * keys derived from it for each use: session signing, sealing TOTP secrets, keying the audit chain.
 * A deployment that sets NEXTAUTH_SECRET in its environment keeps the key off the database's disk.
 */
export function serverSecret(): string {
  const env = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (env) return env;
  const file = path.join(dataDir(), "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  throw new Error("NEXTAUTH_SECRET is not set and no generated secret exists; run `npm start` once or set it");
}

export function derivedKey(purpose: string) {
  return createHash("sha256").update(`banli-${purpose}:${serverSecret()}`).digest();
}
