import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import { PASSWORD, enrolAuthenticator, lockBySignIn, login, nextCode, query, setClock, withoutAuthenticator } from "./helpers";

/**
 * Accounts and audit in the browser: administrators cannot work before enrolling an
 * authenticator and then sign in with a code; an idle session ends; the security administrator
 * lifts a lock; the audit administrator reads and verifies the log, and the log shows tampering.
 */
test.afterEach(() => setClock(null));

test("管理员须绑定验证器后才能工作，此后登录须输入动态验证码", async ({ page }) => {
  // As the demo ships it: secadmin has not enrolled yet (another file may have enrolled it first).
  withoutAuthenticator("secadmin");
  await page.goto("/login");
  await page.getByLabel("用户名").fill("secadmin");
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByText("管理员账号须启用双因素认证后才能开始工作。")).toBeVisible();
  // Nothing else opens until then.
  await page.goto("/security");
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await page.getByLabel("动态验证码").fill("000000");
  await page.getByRole("button", { name: "启用" }).click();
  await expect(page.locator('[data-field-error="code"]')).toHaveText("验证码不正确");
  await enrolAuthenticator(page, "secadmin");
  await expect(page).toHaveURL(/\/security$/);
  await expect(page.getByRole("heading", { name: "安全管理" })).toBeVisible();
  const stored = query<{ s: string }>("select totp_secret s from users where username = 'secadmin'")[0].s;
  expect(stored).toMatch(/^v1\./); // sealed, not the secret itself

  // Signing in again: the password alone is not enough, a wrong code is refused, the right one works.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("用户名").fill("secadmin");
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("请输入手机验证器上显示的6位动态验证码。");
  await page.getByLabel("动态验证码").fill("123456");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("动态验证码不正确或已使用过，请输入验证器上最新的验证码。");
  await page.getByLabel("动态验证码").fill(await nextCode("secadmin"));
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("whoami")).toContainText("安全管理员");
  const events = query<{ action: string; result: string }>("select action, result from audit_log where object_id = 'secadmin' order by id");
  expect(events.map((e) => `${e.action}:${e.result}`)).toEqual(
    expect.arrayContaining(["login.ok:ok", "login.totp_failed:refused"]),
  );
});

test("无操作超过 30 分钟自动退出，需重新登录", async ({ page }) => {
  await login(page, "dcs");
  await page.goto("/proposals");
  await expect(page.getByRole("heading", { name: "建议总览" })).toBeVisible();
  setClock(new Date(Date.now() + 29 * 60_000).toISOString());
  await page.goto("/");
  await expect(page.getByTestId("whoami")).toBeVisible();
  setClock(new Date(Date.now() + 29 * 60_000 + 31 * 60_000).toISOString());
  await page.goto("/proposals");
  await expect(page).toHaveURL(/\/login\?ended=idle/);
  await expect(page.getByRole("status").filter({ hasText: "长时间未操作，已自动退出" })).toBeVisible();
  expect(query<{ r: string }>("select end_reason r from auth_sessions s join users u on u.id = s.user_id where u.username = 'dcs' order by s.created_at desc limit 1")[0].r).toBe("idle");
});

test("安全管理员解除登录锁定；安全审计员只能查阅和校验审计日志，日志被改动时校验能指出", async ({ page }) => {
  // This file's own locked account (e2e/10 locks another one).
  await lockBySignIn(page, "luozm");
  await login(page, "secadmin");
  const locks = page.getByRole("table").filter({ hasText: "luozm" }).first();
  await expect(locks).toBeVisible();
  await page.getByRole("form", { name: "解除锁定 luozm" }).getByRole("button", { name: "解除锁定" }).click();
  await expect(page.getByTestId("flash")).toHaveText("已解除锁定。");
  await login(page, "luozm");
  await expect(page.getByTestId("whoami")).toBeVisible();

  await login(page, "auditor");
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("cell", { name: "account.unlock" }).first()).toBeVisible();
  for (const url of ["/admin/users", "/security", "/proposals", "/supervision"]) {
    const res = await page.request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(404);
  }
  await page.getByRole("button", { name: "校验完整性" }).click();
  await expect(page.getByText(/^校验通过：/)).toBeVisible();

  // Someone with access to the database file edits one entry: the next check names it.
  const file = path.resolve("e2e/.data/banli.sqlite");
  const conn = new Database(file);
  const victim = conn.prepare("select id, actor_name from audit_log where action = 'account.unlock' order by id desc limit 1").get() as { id: number; actor_name: string };
  const trigger = (conn.prepare("select sql from sqlite_master where type = 'trigger' and name = 'audit_log_no_update'").get() as { sql: string }).sql;
  conn.exec("drop trigger audit_log_no_update");
  try {
    conn.prepare("update audit_log set actor_name = '某人' where id = ?").run(victim.id);
    await page.getByRole("button", { name: "校验完整性" }).click();
    await expect(page.getByText(/^校验未通过：/)).toContainText(`第 ${victim.id} 号记录`);
  } finally {
    // Put it back as it was (and the trigger, as the migration wrote it), whatever happened above,
    // so the rest of the suite runs on an intact, append-only log.
    conn.prepare("update audit_log set actor_name = ? where id = ?").run(victim.actor_name, victim.id);
    conn.exec(trigger);
  }
  expect(() => conn.prepare("delete from audit_log where id = ?").run(victim.id)).toThrow(/removed only by the retention prune/);
  conn.close();
  await page.getByRole("button", { name: "校验完整性" }).click();
  await expect(page.getByText(/^校验通过：/)).toBeVisible();
});
