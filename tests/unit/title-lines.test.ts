import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import JSZip from "jszip";
import { TITLE_CHARS_PER_LINE, shapeCost, titleLines, titleWidth } from "@/lib/documents/title-lines";
import { letterOf, type Letter } from "@/lib/documents/letter";
import { letterDocx } from "@/lib/documents/docx";
import { LetterSheet } from "@/components/proposal/letter-sheet";
import { SESSION_NAME } from "@/db/seed";
import { demoProposals } from "@/db/demo-data";

/*
 * A letter's title broken into lines (docs/rules.md § "Documents"): words whole, every line within
 * the width of the type area, fewest lines, the lines in a trapezoid or diamond. The same lines in
 * the .docx and on the print view's sheet.
 */
const MAX = TITLE_CHARS_PER_LINE;
const p155 = demoProposals.find((p) => p.number === 155)!;

const letterOf155 = (kind: "opinion" | "reply"): Letter =>
  letterOf({
    kind,
    sessionName: SESSION_NAME,
    number: 155,
    proposalTitle: p155.title,
    leadDeputy: "胡国锋",
    leadUnitName: "市经信局",
    unitName: kind === "reply" ? "市经信局" : "市商务局",
    doc: { body: "正文。", docNumber: null, sentAt: null, updatedAt: new Date("2026-11-20T10:00:00+08:00"), contactPerson: "张三", contactPhone: "63000000" },
  });

/** The titles and the lines each is set in. */
const CASES: [string, string[]][] = [
  // No. 155's two letters, as the app titles them.
  [letterOf155("reply").title, ["关于市十八届人大二次会议", "第155号建议的答复"]],
  [letterOf155("opinion").title, ["关于市十八届人大二次会议", "第155号建议的协办意见"]],
  // Longer titles of the kind offices write.
  [
    "关于市十八届人大二次会议第155号《关于古塘街道工业区块改造提升的建议》的答复",
    // Two lines cannot hold the book title whole; it breaks after its first word, not inside one.
    ["关于市十八届人大二次会议第155号《关于", "古塘街道工业区块改造提升的建议》的答复"],
  ],
  ["关于加快推进老旧小区加装电梯工作的建议的答复", ["关于加快推进老旧小区", "加装电梯工作的建议的答复"]],
  ["关于进一步优化营商环境支持民营经济高质量发展的建议的答复", ["关于进一步优化营商环境", "支持民营经济高质量发展的建议的答复"]],
  ["关于市十八届人大二次会议第230号建议并入第91号建议办理的说明", ["关于市十八届人大二次会议第230号建议", "并入第91号建议办理的说明"]],
  ["关于加强中小学生课后服务和心理健康教育的建议的协办意见", ["关于加强中小学生课后服务", "和心理健康教育的建议的协办意见"]],
  ["关于在全市范围内推广垃圾分类智能回收设施并建立长效管理机制的建议的答复", ["关于在全市范围内推广垃圾分类智能回收设施", "并建立长效管理机制的建议的答复"]],
];

/** Stretches that are one unit of meaning and are never parted: session names, numbers with their measure words. */
const WHOLE = [/市十八届人大二次会议/g, /人大二次会议/g, /十八届/g, /第\d+号/g];

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const breaksOf = (lines: string[]) => lines.slice(0, -1).map((_, i) => lines.slice(0, i + 1).join("").length);

describe("title lines", () => {
  it("Node's word segmenter knows Chinese words", () => {
    expect([...segmenter.segment("关于市十八届人大二次会议第155号建议的答复")].map((s) => s.segment)).toEqual(
      expect.arrayContaining(["关于", "人大", "会议", "155", "建议", "答复"]),
    );
  });

  it("二号 characters in the 156 mm type area: 20 a line", () => {
    const mmPerChar = (22 / 72) * 25.4;
    expect(MAX).toBe(Math.floor(156 / mmPerChar));
  });

  it.each(CASES)("%s", (title, expected) => {
    const lines = titleLines(title, MAX);
    expect(lines).toEqual(expected);
    expect(lines.join("")).toBe(title);

    // Every line fits the type area, and there are as few lines as the width allows.
    const widths = lines.map(titleWidth);
    for (const w of widths) expect(w).toBeLessThanOrEqual(MAX);
    expect(lines.length).toBe(Math.ceil(titleWidth(title) / MAX));

    // Breaks fall where a word ends, never inside a session's name or a number with its measure word.
    const wordEnds = new Set([...segmenter.segment(title)].map((s) => s.index));
    for (const at of breaksOf(lines)) {
      expect(wordEnds, `break at ${at}: ${title.slice(0, at)}|${title.slice(at)}`).toContain(at);
      for (const re of WHOLE) for (const m of title.matchAll(re)) expect(at <= m.index || at >= m.index + m[0].length, `${m[0]} split`).toBe(true);
    }
    for (const line of lines) {
      expect(line).not.toMatch(/^[）》」”，。、；：？！]/);
      expect(line).not.toMatch(/[（《「“]$/);
      expect(line).not.toMatch(/^的/);
    }

    // The shape: no line shorter than both its neighbours (no hourglass) and none shorter than half
    // the longest (no lonely short line).
    const longest = Math.max(...widths);
    for (let i = 1; i < widths.length - 1; i++) expect(widths[i] >= widths[i - 1] || widths[i] >= widths[i + 1]).toBe(true);
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(longest / 2);
  });

  it("a title that fits one line stays one line", () => {
    expect(titleLines("关于市十八届人大二次会议第7号建议的答复", MAX)).toEqual(["关于市十八届人大二次会议第7号建议的答复"]);
  });

  it("a long title runs to more lines, each within the width, with no hourglass", () => {
    const title = "关于进一步优化营商环境支持民营经济高质量发展加快推进老旧小区加装电梯工作加强中小学生课后服务的建议的答复";
    const lines = titleLines(title, MAX);
    expect(lines.join("")).toBe(title);
    expect(lines.length).toBe(3);
    const widths = lines.map(titleWidth);
    for (const w of widths) expect(w).toBeLessThanOrEqual(MAX);
    expect(widths[1] >= widths[0] || widths[1] >= widths[2]).toBe(true);
  });

  it("the shape cost ranks an hourglass and a lonely last line below a trapezoid or a diamond", () => {
    expect(shapeCost([18, 12, 18])).toBeGreaterThan(shapeCost([12, 18, 12]));
    expect(shapeCost([18, 12, 18])).toBeGreaterThan(shapeCost([18, 16, 12]));
    expect(shapeCost([19, 3])).toBeGreaterThan(shapeCost([12, 10]));
  });

  it("the letter carries the lines, and the .docx sets them with line breaks in one title paragraph", async () => {
    const letter = letterOf155("reply");
    expect(letter.titleLines).toEqual(["关于市十八届人大二次会议", "第155号建议的答复"]);
    const zip = await JSZip.loadAsync(await letterDocx(letter));
    const xml = await zip.file("word/document.xml")!.async("string");
    const paragraph = [...xml.matchAll(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs)].map((m) => m[0]).find((p) => p.includes("方正小标宋简体"))!;
    expect(paragraph).toBeDefined();
    // Runs in order: text, break, text.
    const pieces = [...paragraph.matchAll(/<w:br\/>|<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => (m[0] === "<w:br/>" ? "\n" : m[1]));
    expect(pieces.join("")).toBe("关于市十八届人大二次会议\n第155号建议的答复");
  });

  it("the print view's sheet sets the same lines", () => {
    const letter = letterOf155("opinion");
    const html = renderToStaticMarkup(createElement(LetterSheet, { letter }));
    const h1 = /<h1[^>]*>(.*?)<\/h1>/s.exec(html)![1];
    expect([...h1.matchAll(/<span class="title-line">([^<]*)<\/span>/g)].map((m) => m[1])).toEqual(["关于市十八届人大二次会议", "第155号建议的协办意见"]);
  });
});
