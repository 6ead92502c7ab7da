import { describe, expect, it } from "vitest";
import mammoth from "mammoth";
import { letterDocx } from "@/lib/documents/docx";
import { SaveReplyInput, parse } from "@/lib/validation";
import { xmlSafe } from "@/lib/xml-safe";

/*
 * Text a letter cannot hold (issue: U+FFFE saved in a reply made its .docx invalid XML and its PDF a
 * 500). Forms drop such characters; the letter drops them again for text saved before.
 */

const UNSAFE = ["\u0000", "\u0007", "\u000B", "\u000C", "\u001F", "\uFFFE", "\uFFFF", "\uD800", "\uDFFF"];

describe("xmlSafe", () => {
  it("drops every character XML 1.0 cannot hold", () => {
    for (const c of UNSAFE) expect(xmlSafe(`答${c}复`), JSON.stringify(c)).toBe("答复");
  });

  it("keeps tabs, line breaks, Chinese punctuation, private-use characters and emoji (whole surrogate pairs)", () => {
    const kept = "第一段\t《关于古塘街道工业区块改造提升的建议》\r\n第二段：“软家电”，5G、2025年 \uE000 😀 𠀀";
    expect(xmlSafe(kept)).toBe(kept);
  });
});

describe("form text", () => {
  it("drops them on save, so the stored text is what the letter prints", () => {
    const input = parse(SaveReplyInput, {
      assignmentId: "1",
      body: "经研究\uFFFE，现答复\u0007如下。\uD800",
      category: "B",
      contactPerson: "王\uFFFF明",
      contactPhone: "0574-63010000",
      cc: "",
      outstandingReason: "",
    });
    expect(input.body).toBe("经研究，现答复如下。");
    expect(input.contactPerson).toBe("王明");
  });
});

describe("the letter", () => {
  it("drops them from text saved before, and the .docx reads back", async () => {
    const buffer = await letterDocx({
      kind: "reply",
      category: "B",
      docNumber: "慈经信复〔2026〕1号",
      title: "对市十八届人大二次会议第155号建议的答复",
      titleLines: ["对市十八届人大二次会议", "第155号建议的答复"],
      addressee: "胡国锋代表：",
      paragraphs: ["您提出的建议\uFFFE收悉。\u0001现答复如下。"],
      unitName: "市经济和信息化局",
      date: "2026年11月27日",
      contact: "联系人：王明，电话：0574-63010000",
      signer: null,
      cc: null,
    });
    const { value } = await mammoth.extractRawText({ buffer });
    expect(value).toContain("您提出的建议收悉。现答复如下。");
    for (const c of UNSAFE) expect(value.includes(c), JSON.stringify(c)).toBe(false);
  });
});
