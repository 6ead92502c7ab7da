import { expect, test, type APIResponse, type Page } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { login, PASSWORD, query } from "./helpers";

/**
 * Security headers (ASVS 14.4 / 等保 2.0 三级): a per-request nonce CSP that the pages really run
 * under, no framing, HSTS only over HTTPS; session cookies HttpOnly and SameSite=Lax; Server Actions
 * refused from a foreign origin; exports limited with 429 and a sentence in Chinese.
 */

const SAME_ON_EVERY_RESPONSE = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
};

function expectCommonHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers).toMatchObject(SAME_ON_EVERY_RESPONSE);
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  expect(headers["strict-transport-security"], "no HSTS over plain http").toBeUndefined();
}

/** The page policy's directives, by name. */
function pagePolicy(response: APIResponse) {
  const csp = response.headers()["content-security-policy"];
  expect(csp).toBeTruthy();
  const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  const script = directives.get("script-src")!;
  const nonce = script.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, "a nonce in script-src").toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(script).toContain("'strict-dynamic'");
  expect(script).not.toContain("'unsafe-eval'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(directives.get("base-uri")).toEqual(["'none'"]);
  expect(directives.get("form-action")).toEqual(["'self'"]);
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  expect(directives.get("default-src")).toEqual(["'self'"]);
  return { csp, nonce: nonce!, directives };
}

/** Collects every CSP or Permissions-Policy complaint the browser makes. */
function watchViolations(page: Page) {
  const found: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Permissions-Policy|Permissions policy/i.test(m.text())) found.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => found.push(`pageerror: ${e.message}`));
  return found;
}

test("登录页：CSP 含每次不同的 nonce 与 strict-dynamic，页面脚本带同一 nonce，并有其他安全头", async ({ request }) => {
  const first = await request.get("/login");
  expect(first.status()).toBe(200);
  expectCommonHeaders(first);
  const { nonce } = pagePolicy(first);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const second = await request.get("/login");
  expect(pagePolicy(second).nonce).not.toBe(nonce);
});

test("HSTS 仅在 HTTPS 下发送：明文 http 没有，经反向代理 x-forwarded-proto: https 时有", async ({ request }) => {
  const plain = await request.get("/login");
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  expect(plain.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");

  const proxied = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(proxied.headers()["strict-transport-security"]).toMatch(/^max-age=(\d{8,}); includeSubDomains$/);
  expect(Number(/max-age=(\d+)/.exec(proxied.headers()["strict-transport-security"])![1])).toBeGreaterThanOrEqual(31536000);
  expect(proxied.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("未登录访问、next-auth 接口与路由处理程序同样带安全头；下载类接口的 CSP 禁止一切执行", async ({ request, page }) => {
  // The redirect of a signed-out visitor.
  const redirect = await request.get("/proposals", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers()["location"]).toMatch(/^\/login\?callbackUrl=/);
  expectCommonHeaders(redirect);
  pagePolicy(redirect);

  for (const path of ["/api/auth/csrf", "/api/auth/session", "/api/auth/providers"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expectCommonHeaders(response);
    pagePolicy(response);
  }

  await login(page, "jxj_staff");
  // A download, and a refusal (only the congress office imports proposals).
  for (const [path, status] of [["/api/export/proposals", 200], ["/api/import/template", 403]] as const) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(status);
    expectCommonHeaders(response);
    const csp = response.headers()["content-security-policy"];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("sandbox");
    expect(csp).toContain("frame-ancestors 'none'");
  }
});

test("登录后的页面在 CSP 下正常渲染，登录、导航和 404 页都没有 CSP 违规", async ({ page }) => {
  const violations = watchViolations(page);
  // The sign-in form itself is a client component: signing in proves its script ran.
  await login(page, "jxj_staff");

  // The app page after sign-in carries the headers, with a fresh nonce.
  const home = await page.request.get("/");
  expect(home.status()).toBe(200);
  expectCommonHeaders(home);
  pagePolicy(home);

  // Client-side navigation: the router's scripts, loaded under 'strict-dynamic'.
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "本单位建议" }).click();
  await expect(page).toHaveURL(/\/proposals/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const row = page.locator("a[href^='/proposals/']").first();
  await row.click();
  await expect(page).toHaveURL(/\/proposals\/\d+/);
  await expect(page.getByTestId("whoami")).toBeVisible();

  // The notifications page, reached by a link in the header, and back with the browser.
  await page.getByRole("link", { name: /消息提醒/ }).click();
  await expect(page.getByRole("heading", { name: "消息提醒" })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/proposals\/\d+/);

  // An address that matches no page: the not-found page is rendered per request, with the nonce.
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "未找到该页面" })).toBeVisible();
  await page.getByRole("link", { name: "返回工作台" }).click();
  await expect(page).toHaveURL(/\/$/);

  expect(violations).toEqual([]);
});

test("督办统计图表与公文打印预览在 CSP 下正常显示，无违规", async ({ page }) => {
  const violations = watchViolations(page);
  await login(page, "dcs");
  await page.goto("/supervision");
  await expect(page.getByTestId("rate-chart")).toBeVisible();
  // Its bars carry their figures in words (role="img" with a label).
  await expect(page.getByTestId("rate-chart").getByRole("img").first()).toHaveAttribute("aria-label", /^按时办复率 /);
  // The demo holds 市商务局's signed-off opinion on No. 155: the print view must be exercised, not skipped.
  const sent = query<{ id: number }>("select id from opinions where state = 'sent' limit 1")[0];
  expect(sent, "a signed-off opinion to print").toBeDefined();
  await page.goto(`/documents/opinion/${sent.id}/print`);
  await expect(page.getByTestId("print-letter")).toBeVisible();
  // The print view's own <style> applied (A4 sheet width).
  expect(await page.getByTestId("print-letter").evaluate((el) => getComputedStyle(el).fontSize)).not.toBe("16px");
  expect(violations).toEqual([]);
});

test("注入的内联脚本不会执行：CSP 拦截并报告", async ({ page }) => {
  await page.goto("/login");
  const blocked = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective), { once: true });
        // What an HTML injection would try: an inline event handler. The empty image fails to load in
        // current Chromium (older ones loaded it): either handler would run, so either is reported.
        document.body.insertAdjacentHTML("beforeend", `<img src="data:," onload="window.__injected = true" onerror="window.__injected = true">`);
        setTimeout(() => resolve("none"), 5000);
      }),
  );
  expect(blocked).toMatch(/^script-src/);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("页面不能被其他站点用 iframe 嵌入（frame-ancestors 'none'、X-Frame-Options: DENY）", async ({ page, baseURL }) => {
  const violations = watchViolations(page);
  // Another origin, served from this machine (Chromium lets no public page frame a loopback address,
  // which would hide what our headers do).
  const framing = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><iframe id="f" src="${baseURL}/login"></iframe>`);
  });
  await new Promise<void>((resolve) => framing.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://127.0.0.1:${(framing.address() as AddressInfo).port}/`);
    await expect.poll(() => violations.some((v) => v.includes("frame-ancestors"))).toBe(true);
    await expect(page.frameLocator("#f").getByLabel("用户名")).toHaveCount(0);
  } finally {
    await new Promise((resolve) => framing.close(resolve));
  }
});

test("登录 Cookie：HttpOnly、SameSite=Lax，http 下不带 Secure", async ({ request }) => {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, username: "jxj_staff", password: PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBe(200);
  const cookies = [...csrf.headersArray(), ...signIn.headersArray()].filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
  const session = cookies.find((c) => c.startsWith("next-auth.session-token="));
  expect(session, "a session cookie is set").toBeTruthy();
  for (const cookie of cookies) {
    const attributes = cookie.split(";").slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes, cookie.split("=")[0]).toContain("httponly");
    expect(attributes, cookie.split("=")[0]).toContain("samesite=lax");
    // Secure (and the __Secure-/__Host- names) only when NEXTAUTH_URL is https; this server is http.
    expect(attributes, cookie.split("=")[0]).not.toContain("secure");
  }
  // The session works.
  expect(((await (await request.get("/api/auth/session")).json()) as { user?: { name?: string } }).user?.name).toBeTruthy();
});

test("来自其他站点 Origin 的 Server Action 请求被拒绝且数据不变，同源的相同请求才生效", async ({ page, baseURL }) => {
  const username = "rsj_staff";
  const unread = () =>
    query<{ n: number }>("select count(*) n from notifications n join users u on u.id = n.user_id where u.username = ? and n.read_at is null", username)[0].n;
  const before = unread();
  expect(before, `${username} has unread notifications in the journey data`).toBeGreaterThan(0);

  await login(page, username);
  await page.goto("/notifications");
  // Capture the action request the browser would send, and stop it.
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route("**/notifications", async (route) => {
    const req = route.request();
    if (req.method() === "POST" && (await req.headerValue("next-action"))) {
      captured = { url: req.url(), headers: await req.allHeaders(), body: req.postDataBuffer()! };
      await route.abort();
    } else await route.continue();
  });
  await page.getByRole("form", { name: "全部标为已读" }).getByRole("button", { name: "全部标为已读" }).click();
  await expect.poll(() => captured).toBeTruthy();
  await page.unroute("**/notifications");
  expect(captured!.headers["origin"]).toBe(baseURL);

  const replay = (origin: string) =>
    page.request.post(captured!.url, {
      headers: {
        accept: captured!.headers["accept"] ?? "text/x-component",
        "content-type": captured!.headers["content-type"],
        "next-action": captured!.headers["next-action"],
        "next-router-state-tree": captured!.headers["next-router-state-tree"] ?? "",
        origin,
      },
      data: captured!.body,
      maxRedirects: 0,
    });

  const foreign = await replay("https://evil.example");
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  expect(await foreign.text()).not.toContain("已全部标为已读");
  expect(unread()).toBe(before);

  // The very same request from our own origin is carried out: the origin alone made the difference.
  const own = await replay(baseURL!);
  expect(own.status()).toBe(200);
  expect(await own.text()).toContain("已全部标为已读");
  expect(unread()).toBe(0);
});

test("频繁导出超过限额：429、Retry-After 与中文提示，其他账号不受影响", async ({ page, browser }) => {
  await login(page, "czj_staff");
  const statuses: number[] = [];
  let refused: APIResponse | undefined;
  // The export limit is 20 a minute per account (BANLI_RATE_EXPORT); stop at the first refusal.
  for (let i = 0; i < 60 && !refused; i++) {
    const response = await page.request.get("/api/export/proposals");
    statuses.push(response.status());
    if (response.status() === 429) refused = response;
  }
  expect(refused, `refused after ${statuses.length} exports`).toBeTruthy();
  expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
  expect(statuses.length).toBeGreaterThan(5);
  const retryAfter = Number(refused!.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(await refused!.text()).toBe(`操作过于频繁，请 ${retryAfter} 秒后再试。`);
  expect(refused!.headers()["content-type"]).toContain("text/plain");
  expectCommonHeaders(refused!);
  // Still refused on the next try.
  expect((await page.request.get("/api/export/proposals")).status()).toBe(429);

  // Another account has its own allowance.
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await login(otherPage, "sthj_staff");
    expect((await otherPage.request.get("/api/export/proposals")).status()).toBe(200);
  } finally {
    await other.close();
  }
});
