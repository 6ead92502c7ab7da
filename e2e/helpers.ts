import { expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import fs from "node:fs";
import { execFileSync } from "node:child_process";

export const PASSWORD = process.env.BANLI_DEMO_PASSWORD ?? "Banli@2026";

export async function login(page: Page, username: string) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("whoami")).toBeVisible();
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
