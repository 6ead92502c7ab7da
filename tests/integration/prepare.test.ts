import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { prepare } from "../../scripts/prepare";

describe("first start", () => {
  const saved = { dir: process.env.BANLI_DATA_DIR, secret: process.env.NEXTAUTH_SECRET, auth: process.env.AUTH_SECRET };
  afterEach(() => {
    for (const [k, v] of [["BANLI_DATA_DIR", saved.dir], ["NEXTAUTH_SECRET", saved.secret], ["AUTH_SECRET", saved.auth]] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });

  it("creates the data folder, an owner-only secret kept across starts, the migrated database and demo data once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "banli-"));
    process.env.BANLI_DATA_DIR = path.join(dir, "data");
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.AUTH_SECRET;

    await prepare();
    const secretFile = path.join(dir, "data", "auth-secret");
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = fs.readFileSync(secretFile, "utf8");
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(process.env.NEXTAUTH_SECRET).toBe(secret);

    const count = () => {
      const db = new Database(path.join(dir, "data", "banli.sqlite"), { readonly: true });
      try {
        return (db.prepare("select count(*) n from proposals").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const first = count();
    expect(first).toBeGreaterThan(40);

    // A second start keeps the secret and adds nothing.
    delete process.env.NEXTAUTH_SECRET;
    await prepare();
    expect(fs.readFileSync(secretFile, "utf8")).toBe(secret);
    expect(count()).toBe(first);
  }, 60_000);

  it("uses a secret given in the environment and writes none", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "banli-"));
    process.env.BANLI_DATA_DIR = dir;
    process.env.NEXTAUTH_SECRET = "given-by-the-operator";
    await prepare();
    expect(fs.existsSync(path.join(dir, "auth-secret"))).toBe(false);
  }, 60_000);
});
