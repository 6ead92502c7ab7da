import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { Bookmark, Document, Packer, Paragraph, TextRun } from "docx";
import { draftFromDocx, looksLikeDocx, MAX_DOCX_BYTES } from "@/lib/documents/word-import";
import { Invalid } from "@/lib/errors";

/** Word in: a .docx fills a draft, paragraphs kept, editing artefacts and the letter's own title dropped. */
async function docx(paragraphs: (string | Paragraph)[]) {
  const doc = new Document({
    sections: [{ children: paragraphs.map((p) => (typeof p === "string" ? new Paragraph({ children: [new TextRun(p)] }) : p)) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// The sample as the co-unit's Word file held it: title over two lines, a blank line, the bookmark artefact before the addressee.
const sample = fs.readFileSync(path.resolve("db/samples/155-co-handling-opinion.txt"), "utf8").trim().split("\n");

describe("draftFromDocx", () => {
  it("the No. 155 opinion from its Word file: body paragraphs only, in order, no artefact", async () => {
    const file = await docx([
      " 关于市十八届人大二次会议",
      "第155号建议的协办意见",
      "",
      "[bookmark: _GoBack]市经信局：",
      ...sample.flatMap((p) => [p, ""]),
      // A real Word bookmark (not text) is ignored too.
      new Paragraph({ children: [new Bookmark({ id: "_GoBack", children: [new TextRun("")] })] }),
    ]);
    const body = await draftFromDocx(file);
    expect(body.split("\n")).toEqual(sample);
    expect(body).not.toMatch(/bookmark|_GoBack/);
    expect(body.startsWith("市十八届人大二次会议胡国锋等代表")).toBe(true);
  });

  it("keeps a body that has no title or addressee as it is", async () => {
    const body = await draftFromDocx(await docx(["一、关于整体规划。", "", "二、关于先行试点。"]));
    expect(body).toBe("一、关于整体规划。\n二、关于先行试点。");
  });

  it("refuses a renamed executable, a plain zip, an empty document and an oversize file, with a message on the file field", async () => {
    const refused = async (bytes: Uint8Array, message: string) => {
      const e = await draftFromDocx(bytes).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(Invalid);
      expect((e as Invalid).fieldErrors.file).toEqual([message]);
    };
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, ...new Array(200).fill(0)]);
    await refused(exe, "请选择 Word 文档（.docx）；.doc 等其他格式请先在 Word 中另存为 .docx");
    expect(looksLikeDocx(exe)).toBe(false);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Buffer.from("not a word file")]);
    await refused(zip, "请选择 Word 文档（.docx）；.doc 等其他格式请先在 Word 中另存为 .docx");
    await refused(await docx(["", "  "]), "该 Word 文档中没有可导入的正文");
    await refused(new Uint8Array(MAX_DOCX_BYTES + 1), "Word 文件不能超过 10 MB");
  });
});
