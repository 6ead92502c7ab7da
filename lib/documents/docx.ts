import { xmlSafe } from "../xml-safe";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  convertMillimetersToTwip as mm,
} from "docx";
import type { Letter } from "./letter";

/*
 * GB/T 9704-2012 (党政机关公文格式): A4; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right,
 * so a 156 mm × 225 mm type area holding 22 lines of 28 characters of 三号 (16 pt) 仿宋; the title
 * in 二号 (22 pt) 小标宋, centred; page numbers in 四号 (14 pt) half-width "— 1 —" below the type
 * area, odd pages right and even pages left, each one character in from the edge.
 */
const TITLE_FONT = "方正小标宋简体";
const BODY_FONT = "仿宋_GB2312";
const HEI_FONT = "黑体";
const SONG_FONT = "宋体";
const BODY_PT = 16;
const TITLE_PT = 22;
// 225 mm / 22 lines: an exact line pitch of about 28.9 pt.
const LINE_TWIPS = Math.round(mm(225) / 22);
// 156 mm / 28 characters: the character grid the body font is set on.
const CHAR_TWIPS = Math.round(mm(156) / 28);

const run = (text: string, opts: { font?: string; size?: number; bold?: boolean; breakBefore?: boolean } = {}) =>
  new TextRun({
    break: opts.breakBefore ? 1 : undefined,
    // Text saved before forms dropped what XML cannot hold would make the file invalid.
    text: xmlSafe(text),
    font: { eastAsia: opts.font ?? BODY_FONT, ascii: opts.font ?? BODY_FONT, hAnsi: opts.font ?? BODY_FONT },
    size: (opts.size ?? BODY_PT) * 2,
    bold: opts.bold,
  });

const line = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

const para = (children: TextRun[], opts: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; firstLineChars?: number; rightChars?: number; spacing?: object } = {}) =>
  new Paragraph({
    children,
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: { ...line, ...(opts.spacing ?? {}) },
    indent: {
      firstLine: opts.firstLineChars ? opts.firstLineChars * CHAR_TWIPS : undefined,
      right: opts.rightChars ? opts.rightChars * CHAR_TWIPS : undefined,
    },
  });

const blank = () => para([run("")]);

function pageNumberFooter(align: "left" | "right") {
  const dash = (t: string) => new TextRun({ text: t, font: SONG_FONT, size: 28 });
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === "right" ? { right: CHAR_TWIPS } : { left: CHAR_TWIPS },
        children: [dash("— "), new TextRun({ children: [PageNumber.CURRENT], font: SONG_FONT, size: 28 }), dash(" —")],
      }),
    ],
  });
}

export async function letterDocx(letter: Letter): Promise<Buffer> {
  const top: Paragraph[] = [];
  if (letter.category)
    top.push(para([run(letter.category, { font: HEI_FONT })], { align: AlignmentType.RIGHT, rightChars: 1 }));
  if (letter.docNumber) top.push(para([run(letter.docNumber)], { align: AlignmentType.RIGHT, rightChars: 1 }));
  if (letter.signer && letter.kind === "reply")
    top.push(para([run("签发人："), run(letter.signer, { font: "楷体_GB2312" })], { align: AlignmentType.RIGHT, rightChars: 1 }));

  const children = [
    ...top,
    blank(),
    // The title keeps its own line pitch so two lines of 二号 sit well; its lines are broken where
    // the title's words allow (title-lines.ts), the same lines as the print view's.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(LINE_TWIPS * 1.2), lineRule: LineRuleType.EXACT },
      children: letter.titleLines.map((l, i) => run(l, { font: TITLE_FONT, size: TITLE_PT, breakBefore: i > 0 })),
    }),
    blank(),
    para([run(`${letter.addressee}：`)]),
    ...letter.paragraphs.map((p) => para([run(p)], { firstLineChars: 2 })),
    blank(),
    para([run(letter.unitName)], { align: AlignmentType.RIGHT, rightChars: 4 }),
    para([run(letter.date)], { align: AlignmentType.RIGHT, rightChars: 4 }),
    para([run(`（${letter.contact}）`)], { firstLineChars: 2 }),
  ];
  if (letter.cc) {
    children.push(
      blank(),
      new Paragraph({
        spacing: line,
        border: {
          top: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 },
          bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 },
        },
        indent: { left: CHAR_TWIPS, right: CHAR_TWIPS },
        children: [run(`抄送：${letter.cc}。`, { size: 14 })],
      }),
    );
  }

  const doc = new Document({
    evenAndOddHeaderAndFooters: true,
    title: letter.title,
    creator: letter.unitName,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_PT * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(22) },
          },
        },
        footers: { default: pageNumberFooter("right"), even: pageNumberFooter("left") },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
