import { expect, test } from "@playwright/test";
import { PASSWORD, login, query } from "./helpers";

/** The administrator keeps units and accounts without SQL; a disabled account is signed out at once. */
test("管理员新增单位和账号，安全管理员批准后新账号可登录；停用账号后其会话立即失效", async ({ page, browser }) => {
  await login(page, "sysadmin");
  await page.goto("/admin/units");
  const unit = page.getByRole("form", { name: "单位" });
  await unit.getByLabel("单位名称").fill("市文化广电旅游体育局");
  await unit.getByLabel("文号代字").fill("慈文旅");
  await unit.getByRole("button", { name: "新增单位" }).click();
  await expect(page.getByTestId("flash")).toHaveText("单位已保存。");
  await expect(page.getByRole("cell", { name: "市文化广电旅游体育局" })).toBeVisible();

  await page.goto("/admin/users");
  const user = page.getByRole("form", { name: "账号" });
  await user.getByLabel("用户名").fill("wlj_staff");
  await user.getByLabel("姓名").fill("俞晓敏");
  await user.getByLabel("角色").selectOption("unit_staff");
  await user.getByLabel("所属单位（承办人、签发领导）").selectOption({ label: "市文化广电旅游体育局" });
  await user.getByLabel("初始密码").fill("Wenlv#2026pass");
  await user.getByRole("button", { name: "新增账号" }).click();
  await expect(page.getByTestId("flash")).toHaveText("账号已保存。新建的账号和单位、代表关联的变更，经安全管理员审核后生效。");

  // 三员分立: the account waits, disabled, until the security administrator approves it.
  await expect(page.getByRole("row").filter({ hasText: "wlj_staff" }).getByText("待安全管理员审核")).toBeVisible();
  const security = await browser.newPage();
  await login(security, "secadmin");
  await security.goto("/security");
  const pendingRow = security.getByRole("row").filter({ hasText: "wlj_staff" }).filter({ hasText: "新建账号" });
  await expect(pendingRow).toContainText("新建账号");
  await expect(pendingRow).toContainText("市文化广电旅游体育局");
  await security.getByRole("form", { name: "批准 俞晓敏 的账号变更" }).getByRole("button", { name: "批准" }).click();
  await expect(security.getByTestId("flash")).toHaveText("已审核，结果已记入审计日志。");
  await security.close();

  // The new account signs in, must first replace the password the administrator chose, then sees
  // its unit's (empty) desk. Until then every page sends it back to the password form.
  const other = await browser.newPage();
  await login(other, "wlj_staff", "Wenlv#2026pass");
  await expect(other).toHaveURL(/\/account\/password$/);
  await expect(other.getByText("您的密码由管理员设置，请先修改")).toBeVisible();
  await other.goto("/proposals");
  await expect(other).toHaveURL(/\/account\/password$/);
  const change = other.getByRole("form", { name: "修改密码" });
  await change.getByLabel("当前密码").fill("Wenlv#2026pass");
  await change.locator("input[name=next]").fill("wenlv2026");
  await change.getByLabel("再次输入新密码").fill("wenlv2026");
  await change.getByRole("button", { name: "修改密码" }).click();
  await expect(change.locator('[data-field-error="next"]')).toHaveText("密码至少10位");
  await change.getByLabel("当前密码").fill("Wenlv#2026pass");
  await change.locator("input[name=next]").fill("Yu.Xiaomin#2026");
  await change.getByLabel("再次输入新密码").fill("Yu.Xiaomin#2026");
  await change.getByRole("button", { name: "修改密码" }).click();
  await expect(other.getByText("暂无待办理事项。")).toBeVisible();
  expect(query<{ must: number }>("select must_change_password as must from users where username = 'wlj_staff'")[0].must).toBe(0);

  // A deputy is signed in elsewhere; the administrator disables the account.
  const deputy = await browser.newPage();
  await login(deputy, "yexy");
  const id = query<{ id: number }>("select id from users where username = 'yexy'")[0].id;
  await page.goto(`/admin/users?edit=${id}`);
  const edit = page.getByRole("form", { name: "账号" });
  await expect(edit.getByLabel("用户名")).toHaveValue("yexy");
  await edit.getByLabel("启用").uncheck();
  await edit.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByTestId("flash")).toHaveText("账号已保存。新建的账号和单位、代表关联的变更，经安全管理员审核后生效。");
  expect(query<{ active: number }>("select active from users where id = ?", id)[0].active).toBe(0);

  await deputy.goto("/");
  await expect(deputy).toHaveURL(/\/login/);
  await deputy.getByLabel("用户名").fill("yexy");
  await deputy.getByLabel("密码").fill(PASSWORD);
  await deputy.getByRole("button", { name: "登录" }).click();
  await expect(deputy.getByRole("alert").filter({ hasText: "用户名或密码不正确" })).toHaveText("用户名或密码不正确，或账号已停用。");
  await other.close();
  await deputy.close();
});
