import { expect, test, type Page } from "@playwright/test";
import { axeViolations, describeViolations } from "./axe";
import { PASSWORD, query } from "./helpers";

/**
 * A reply drafted, sent for sign-off and signed off with the keyboard alone (Tab, Shift+Tab, Enter,
 * typing; no pointer): 市经信局's staff member finds No. 77 (分办 to 市经信局 and 市人力社保局, signed
 * for, no reply yet) by searching, writes the reply and sends it; the leader finds it and signs it
 * off. Every control the focus lands on shows the focus ring, and the page that a control opens is
 * checked by axe-core on the way.
 */

const TITLE = "关于缓解企业招工难问题的建议";
const REPLY = "一、关于劳务协作。我局已会同市人力社保局与四川、贵州等地劳务输出大县签订劳务协作协议。\n二、关于招工补助。对新招用外地员工的规上企业按人给予交通补助。";

type Focus = { tag: string; type: string; label: string; text: string; ring: boolean; onScreen: boolean; focusVisible: boolean; inMain: boolean };

/** What has the focus, and whether it is shown: a ring (outline or box shadow) on an element on screen. */
async function focusOf(page: Page): Promise<Focus | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const field = el as HTMLInputElement;
    const label = el.getAttribute("aria-label") ?? field.labels?.[0]?.textContent ?? "";
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute("type") ?? "",
      label: label.replace(/\s+/g, " ").trim(),
      text: (el.innerText ?? "").replace(/\s+/g, " ").trim(),
      ring: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none",
      onScreen: r.width > 1 && r.height > 1,
      focusVisible: el.matches(":focus-visible"),
      inMain: !!el.closest("main"),
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focus is on what `want` accepts, asserting at every stop that the focus is visible. */
async function tabTo(page: Page, what: string, want: (f: Focus) => boolean, { back = false, max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const f = await focusOf(page);
    if (!f) continue;
    expect(f.focusVisible && f.ring && f.onScreen, `focus visible on <${f.tag}> “${f.label || f.text}” while looking for ${what}`).toBe(true);
    if (want(f)) return f;
  }
  throw new Error(`${what}: not reached with ${max} presses of ${back ? "Shift+Tab" : "Tab"}`);
}

const field = (label: string) => (f: Focus) => f.label.replace(/\*$/, "").trim() === label;
const button = (text: string) => (f: Focus) => f.tag === "button" && f.text === text;
const link = (text: string | RegExp) => (f: Focus) => f.tag === "a" && (typeof text === "string" ? f.text === text : text.test(f.text));

async function noViolations(page: Page, where: string) {
  const violations = await axeViolations(page);
  expect(violations.length, `axe-core violations ${where}:\n${describeViolations(violations)}`).toBe(0);
}

/** Signs in by keyboard: the skip link first, then the two fields, Enter to send. */
async function signIn(page: Page, username: string) {
  await page.goto("/login");
  const skip = await tabTo(page, "the skip link", link("跳到正文"), { max: 1 });
  expect(skip.text).toBe("跳到正文");
  await tabTo(page, "用户名", field("用户名"));
  await page.keyboard.type(username);
  await tabTo(page, "密码", field("密码"));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("whoami")).toBeVisible();
}

/**
 * From the workbench (just loaded) through the header's navigation and the list's keyword search to
 * the proposal's page, and there past the header by the skip link.
 */
async function openBySearch(page: Page, navLabel: string) {
  await tabTo(page, "the skip link", link("跳到正文"), { max: 1 });
  await tabTo(page, `the navigation's ${navLabel}`, link(navLabel));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/proposals$/);
  await tabTo(page, "关键词", (f) => f.tag === "input" && f.type === "search" && f.label.startsWith("关键词"));
  await page.keyboard.type("招工难");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=/);
  await tabTo(page, `the result ${TITLE}`, link(TITLE));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  // A page loaded afresh: the first Tab is the skip link, and Enter on it takes the next Tab into the page.
  await tabTo(page, "the skip link", link("跳到正文"), { max: 1 });
  await page.screenshot({ path: "test-results/keyboard-skip-link.png" });
  await page.keyboard.press("Enter");
  const first = await tabTo(page, "the page's first control", () => true, { max: 1 });
  expect(first.inMain, `after the skip link, the focus is in <main> (on <${first.tag}> “${first.label || first.text}”)`).toBe(true);
}

test.describe.configure({ timeout: 180_000 });

test("只用键盘：承办人检索到第77号建议，起草答复并送签；签发领导只用键盘签发，焦点始终可见", async ({ page }) => {
  const state = () =>
    query<{ a: string; r: string | null }>(
      `select a.state a, (select r.state from replies r where r.assignment_id = a.id order by r.round desc limit 1) r
         from assignments a join units u on u.id = a.unit_id join proposals p on p.id = a.proposal_id
        where p.number = 77 and u.name = '市经信局'`,
    )[0];
  expect(state(), "No. 77 signed for by 市经信局, no reply yet").toEqual({ a: "received", r: null });

  // —— 承办人 ——
  await signIn(page, "jxj_staff");
  await openBySearch(page, "本单位建议");
  await noViolations(page, "on the staff member's proposal page with the reply editor");

  await tabTo(page, "答复类别", field("答复类别"));
  await page.keyboard.type("A");
  await page.screenshot({ path: "test-results/keyboard-focus-category.png" });
  await tabTo(page, "答复正文", field("答复正文"));
  await page.keyboard.type(REPLY);
  const person = await tabTo(page, "联系人", field("联系人"));
  expect(person.tag).toBe("input");
  await tabTo(page, "联系电话", field("联系电话"));
  await page.keyboard.type("0574-63017777");
  // Back to the body to see what was typed is there, then on to the button.
  await tabTo(page, "答复正文 (back)", field("答复正文"), { back: true });
  const form = page.getByRole("form", { name: "答复" });
  await expect(form.getByLabel("答复类别")).toHaveValue("A");
  await expect(form.getByLabel("答复正文")).toHaveValue(REPLY);
  await tabTo(page, "保存并送领导签发", button("保存并送领导签发"));
  await page.keyboard.press("Enter");
  await expect(page.getByText(/第\d+稿已送领导签发，等待签发。/)).toBeVisible();
  expect(state()).toEqual({ a: "received", r: "pending" });

  // Signs out from the header, going back up the page.
  await tabTo(page, "退出", button("退出"), { back: true, max: 400 });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login/);

  // —— 签发领导 ——
  await signIn(page, "jxj_leader");
  await openBySearch(page, "本单位建议");
  await expect(page.getByTestId("signing-document")).toContainText("关于劳务协作");
  await noViolations(page, "on the leader's sign-off page");
  await tabTo(page, "签发", button("签发"));
  await page.keyboard.press("Enter");
  await expect(page.getByText("已签发，答复已送达代表。")).toBeVisible();
  expect(state().r).toBe("sent");
});
