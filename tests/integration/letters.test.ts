import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDb, type Db } from "@/db";
import { seed } from "@/db/seed";
import { assignments, opinions, proposals, replies, users } from "@/db/schema";
import { letterFor } from "@/db/queries/letters";
import { letterDocx } from "@/lib/documents/docx";
import { docxToPdf } from "@/lib/documents/pdf";
import type { Actor } from "@/lib/auth/actor";
import { signOffReply, submitReply } from "@/lib/services/documents";
import { NotFound } from "@/lib/errors";

/*
 * No. 155's co-handling opinion and a reply rendered to .docx,
 * converted to PDF by LibreOffice and to PNG by pdftoppm; the PDF's text and page count checked.
 * The PNGs are written to test-results/letters/ to be looked at.
 */
const OUT = path.resolve("test-results/letters");
let db: Db;
const actor = (username: string): Actor => {
  const u = db.select().from(users).where(eq(users.username, username)).get()!;
  return { id: u.id, role: u.role, unitId: u.unitId, deputyId: u.deputyId, displayName: u.displayName };
};
const squash = (s: string) => s.replace(/\s+/g, "");

async function render(name: string, kind: "opinion" | "reply", id: number, viewer: Actor) {
  const { letter } = letterFor(viewer, kind, id);
  const pdf = await docxToPdf(await letterDocx(letter));
  fs.mkdirSync(OUT, { recursive: true });
  const pdfFile = path.join(OUT, `${name}.pdf`);
  fs.writeFileSync(pdfFile, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdfFile], { encoding: "utf8" }))![1]);
  const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" });
  const firstPage = execFileSync("pdftotext", ["-layout", "-f", "1", "-l", "1", pdfFile, "-"], { encoding: "utf8" });
  execFileSync("pdftoppm", ["-r", "60", "-png", pdfFile, path.join(OUT, name)]);
  return { letter, pages, text, firstPage };
}

describe("letters in the official layout", () => {
  let p155: number;
  beforeAll(async () => {
    db = openDb(":memory:");
    await seed(db);
    p155 = db.select().from(proposals).where(eq(proposals.number, 155)).get()!.id;
  }, 60_000);

  it("No. 155's co-handling opinion: title, document number, addressee, text, on the 22 × 28 grid", async () => {
    const op = db
      .select({ o: opinions })
      .from(opinions)
      .innerJoin(assignments, eq(assignments.id, opinions.assignmentId))
      .where(eq(assignments.proposalId, p155))
      .get()!.o;
    const { letter, pages, text, firstPage } = await render("155-opinion", "opinion", op.id, actor("jxj_staff"));
    expect(squash(firstPage)).toContain("关于市十八届人大二次会议第155号建议的协办意见");
    expect(letter.titleLines).toEqual(["关于市十八届人大二次会议", "第155号建议的协办意见"]);
    const rows = firstPage.split("\n").map(squash);
    for (const titleLine of letter.titleLines) expect(rows).toContain(titleLine);
    expect(letter.docNumber).toMatch(/^慈商函〔\d{4}〕\d+号$/);
    expect(squash(firstPage)).toContain(squash(letter.docNumber!));
    expect(squash(firstPage)).toContain("市经信局：");
    expect(squash(text)).toContain("小家电也可称为软家电");
    expect(squash(text)).not.toContain("bookmark");
    expect(squash(text)).toContain("市商务局");
    // 22 lines of 28 characters a page: the body alone needs at least this many pages.
    const chars = letter.paragraphs.join("").length;
    const least = Math.ceil(chars / (22 * 28));
    expect(pages).toBeGreaterThanOrEqual(least);
    expect(pages).toBeLessThanOrEqual(least + 2);
    console.log(`No. 155 opinion: ${chars} characters, ${pages} pages (the grid needs at least ${least})`);
  }, 120_000);

  it("a reply: category mark at the top right of page 1, document number, 签发人, addressee, 抄送", async () => {
    // Send 市经信局's draft reply to No. 155 (its co-unit's opinion is in, so no reason is needed).
    const draft = db
      .select({ r: replies })
      .from(replies)
      .innerJoin(assignments, eq(assignments.id, replies.assignmentId))
      .where(eq(assignments.proposalId, p155))
      .get()!.r;
    submitReply(actor("jxj_staff"), { documentId: draft.id, version: draft.version });
    signOffReply(actor("jxj_leader"), { documentId: draft.id, version: draft.version });

    const { letter, pages, firstPage, text } = await render("155-reply", "reply", draft.id, actor("hugf"));
    // The first word on page 1 is the category mark, at the top right (right of the page's middle, above the title).
    const words = [...execFileSync("pdftotext", ["-f", "1", "-l", "1", "-bbox", path.join(OUT, "155-reply.pdf"), "-"], { encoding: "utf8" })
      .matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));
    expect(words[0].text).toBe(letter.category);
    expect(words[0].x).toBeGreaterThan(595 / 2);
    expect(words[0].y).toBeLessThan(Math.min(...words.filter((w) => w.text.includes("答复")).map((w) => w.y)));
    expect(letter.docNumber).toMatch(/^慈经信复〔\d{4}〕\d+号$/);
    expect(squash(firstPage)).toContain(squash(letter.docNumber!));
    expect(squash(firstPage)).toContain("签发人：杨建明");
    expect(squash(firstPage)).toContain("关于市十八届人大二次会议第155号建议的答复");
    // The title in the lines title-lines.ts breaks it into, each a line of its own on the page.
    expect(letter.titleLines).toEqual(["关于市十八届人大二次会议", "第155号建议的答复"]);
    const rows = firstPage.split("\n").map(squash);
    for (const titleLine of letter.titleLines) expect(rows).toContain(titleLine);
    expect(squash(firstPage)).toContain("胡国锋代表：");
    expect(squash(firstPage)).toContain("您提出的《关于古塘街道工业区块改造提升的建议》（第155号）收悉");
    expect(squash(text)).toContain("抄送：市人大常委会代表工委，市政府督查室。");
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
  }, 120_000);

  it("only those who may see a document get its letter", () => {
    const op = db
      .select({ o: opinions })
      .from(opinions)
      .innerJoin(assignments, eq(assignments.id, opinions.assignmentId))
      .where(eq(assignments.proposalId, p155))
      .get()!.o;
    // Deputies never see co-handling opinions; an unrelated unit does not see the proposal.
    // A deputy reads the replies sent to them, never a co-unit's opinion.
    expect(() => letterFor(actor("hugf"), "opinion", op.id)).toThrow(NotFound);
    expect(() => letterFor(actor("jyj_staff"), "opinion", op.id)).toThrow(NotFound);
    expect(() => letterFor(actor("jxj_staff"), "memo", op.id)).toThrow(NotFound);
  });
});
