import { expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { Secret, TOTP } from "otpauth";

export const PASSWORD = process.env.BANLI_DEMO_PASSWORD ?? "Banli@2026";

/**
 * Signs in through the login form. Administrators (三员) use two-factor sign-in: at their first
 * sign-in the helper enrols an "authenticator" from the secret the page shows, and afterwards types
 * the current code, as a person with the app on their phone would.
 */
export async function login(page: Page, username: string, password = PASSWORD) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  // Signed in (whoami in the header), or the sign-in form asks for the code (its field has id "code").
  const code = page.locator("#code");
  await expect(page.getByTestId("whoami").or(code).first()).toBeVisible();
  if (await code.isVisible()) {
    await code.fill(await nextCode(username));
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByTestId("whoami")).toBeVisible();
  }
  if (page.url().includes("/account/two-factor")) await enrolAuthenticator(page, username);
}

const TOTP_DIR = path.resolve("e2e/.data");
const totpFile = (username: string) => path.join(TOTP_DIR, `totp-${username}.json`);

/** Enrols the authenticator on the two-factor page, keeping its secret for later sign-ins. */
export async function enrolAuthenticator(page: Page, username: string) {
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  fs.writeFileSync(totpFile(username), JSON.stringify({ secret, lastStep: 0 }));
  await page.getByLabel("动态验证码").fill(await nextCode(username));
  await page.getByRole("button", { name: "启用" }).click();
  await expect(page).not.toHaveURL(/two-factor/);
}

/** A code the server has not seen: this step's, the next step's, or after waiting for a fresh step. */
export async function nextCode(username: string) {
  const state = JSON.parse(fs.readFileSync(totpFile(username), "utf8")) as { secret: string; lastStep: number };
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(state.secret) });
  let step = Math.floor(Date.now() / 30_000);
  if (step <= state.lastStep) step = state.lastStep + 1;
  // The server accepts one step of drift; further ahead, wait for the clock.
  while (step > Math.floor(Date.now() / 30_000) + 1) await new Promise((r) => setTimeout(r, 1000));
  fs.writeFileSync(totpFile(username), JSON.stringify({ ...state, lastStep: step }));
  return totp.generate({ timestamp: step * 30_000 });
}

/**
 * Test set-up only: takes an account back to "no authenticator enrolled" (as a fresh demo has it),
 * whatever an earlier file did, so a file that walks through enrolment runs alone and in any order.
 */
export function withoutAuthenticator(username: string) {
  const conn = new Database(path.resolve("e2e/.data/banli.sqlite"));
  try {
    conn.prepare("update users set totp_secret = null, totp_last_step = null where username = ?").run(username);
  } finally {
    conn.close();
  }
  fs.rmSync(totpFile(username), { force: true });
}

/** Five wrong passwords through the sign-in form: the account is then locked (lib/services/lockout). */
export async function lockBySignIn(page: Page, username: string) {
  await page.context().clearCookies();
  for (let i = 1; i <= 5; i++) {
    await page.goto("/login");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /。$/ })).toBeVisible();
  }
  expect(query<{ n: number }>("select count(*) n from login_locks where username = ?", username)[0].n).toBe(1);
}

/** A minimal valid one-page PDF, for uploads. */
export const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** Uploads a PDF to a proposal's page through its form, as the signed-in user; returns the attachment's id. */
export async function uploadToProposal(page: Page, number: number, name: string) {
  await page.goto(`/proposals/${proposalId(number)}`);
  const form = page.getByRole("form", { name: "上传附件" });
  await form.locator('input[type="file"]').setInputFiles({ name, mimeType: "application/pdf", buffer: PDF });
  await form.getByRole("button", { name: "上传" }).click();
  await expect(page.getByTestId("flash")).toHaveText("附件已上传。");
  return query<{ id: number }>("select id from attachments where file_name = ? order by id desc limit 1", name)[0].id;
}

/** The test database, opened read-only beside the running server. */
export function db() {
  return new Database(path.resolve("e2e/.data/banli.sqlite"), { readonly: true, fileMustExist: true });
}

export function query<T>(sql: string, ...params: unknown[]): T[] {
  const conn = db();
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}

/** Every business table's rows, to prove a refused action changed nothing. */
export function snapshot() {
  const tables = ["proposals", "proposal_cosigners", "assignments", "contact_logs", "opinions", "replies", "ratings", "history", "doc_sequences", "users"];
  const conn = db();
  try {
    return Object.fromEntries(tables.map((t) => [t, conn.prepare(`select * from ${t} order by rowid`).all()]));
  } finally {
    conn.close();
  }
}

export function proposalId(number: number) {
  return query<{ id: number }>("select id from proposals where number = ?", number)[0].id;
}

export function assignmentId(number: number, unitName: string) {
  return query<{ id: number }>(
    "select a.id from assignments a join proposals p on p.id = a.proposal_id join units u on u.id = a.unit_id where p.number = ? and u.name = ?",
    number,
    unitName,
  )[0].id;
}

export const CLOCK_FILE = path.resolve("e2e/.data/test-clock");

/** Moves the running server's clock (and the reminder command's) to an instant; null restores real time. */
export function setClock(iso: string | null) {
  if (iso) fs.writeFileSync(CLOCK_FILE, iso);
  else fs.rmSync(CLOCK_FILE, { force: true });
}

/** Runs the daily reminder job as the command does, against the test database and clock. */
export function runReminderJob() {
  return execFileSync("npx", ["tsx", "scripts/reminders.ts"], {
    env: { ...process.env, BANLI_DATA_DIR: "e2e/.data", BANLI_TEST_CLOCK_FILE: CLOCK_FILE },
    encoding: "utf8",
  });
}
