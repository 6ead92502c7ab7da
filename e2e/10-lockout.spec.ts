import { expect, test } from "@playwright/test";
import { PASSWORD, query } from "./helpers";

const LOCKED = "从本机登录该账号失败次数过多，已暂停本机登录 15 分钟，请稍后再试；如忘记密码，请联系安全管理员。";

/** Five wrong passwords lock the name for this address for 15 minutes; then even the right one is refused, with the same words for any name. */
test("连续五次密码错误后锁定 15 分钟，正确密码也不能登录", async ({ page }) => {
  const attempt = async (username: string, password: string) => {
    await page.goto("/login");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    return page.getByRole("alert").filter({ hasText: /。$/ });
  };
  for (let i = 1; i <= 4; i++) await expect(await attempt("qianmh", `wrong-${i}`)).toHaveText("用户名或密码不正确，或账号已停用。");
  await expect(await attempt("qianmh", "wrong-5")).toHaveText(LOCKED);
  await expect(await attempt("qianmh", PASSWORD)).toHaveText(LOCKED);
  await expect(page).toHaveURL(/\/login/);
  expect(query<{ n: number }>("select count(*) n from login_locks where username = 'qianmh'")[0].n).toBe(1);

  // A name that does not exist is treated the same way.
  for (let i = 1; i <= 4; i++) await expect(await attempt("no-such-user", `x${i}`)).toHaveText("用户名或密码不正确，或账号已停用。");
  await expect(await attempt("no-such-user", "x5")).toHaveText(LOCKED);
});
