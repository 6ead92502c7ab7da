import { Invalid } from "../errors";
import { docxText, refusalOf } from "./untrusted";

export const MAX_DOCX_BYTES = 10 * 1024 * 1024;

/** A .docx is a zip whose first entry names its content types; checked by content, not by name. */
export function looksLikeDocx(bytes: Uint8Array) {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return false;
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024))).toString("latin1");
  return head.includes("[Content_Types].xml") && head.includes("word/");
}

/** Editing artefacts that text conversions of Word files leave behind. */
const ARTEFACT = /\[(?:bookmark|_GoBack|comment|footnote)[^\]]*\]/gi;

/**
 * The body of a draft from a Word file: paragraphs kept, empty ones and editing artefacts
 * (bookmarks such as `[bookmark: _GoBack]`) dropped, and the letter's own title and addressee
 * (which the system prints itself) left out when the file starts with them.
 */
export async function draftFromDocx(bytes: Uint8Array): Promise<string> {
  if (bytes.length > MAX_DOCX_BYTES) throw new Invalid("文件过大。", { file: [`Word 文件不能超过 ${MAX_DOCX_BYTES / 1024 / 1024} MB`] });
  if (!looksLikeDocx(bytes)) throw new Invalid("文件格式不正确。", { file: ["请选择 Word 文档（.docx）；.doc 等其他格式请先在 Word 中另存为 .docx"] });
  let raw: string;
  try {
    raw = await docxText(bytes);
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal && refusal.limit !== "format") throw error;
    throw new Invalid("无法读取该文件。", { file: ["无法读取该 Word 文档，文件可能已损坏"] });
  }
  const lines = raw
    .split(/\r?\n/)
    .map((l) => l.replace(ARTEFACT, "").replace(/[\u00a0\u3000 ]+$/g, "").replace(/^[ \u00a0]+/g, "").trim())
    .filter((l) => l.length > 0);
  // Leading title lines ("关于……建议的协办意见/答复", possibly split over two lines) and the addressee ("市经信局：").
  let start = 0;
  const title = lines.slice(0, 3).join("");
  const titleMatch = /^关于.{0,80}?(协办意见|答复)/.exec(title);
  if (titleMatch) {
    let taken = "";
    while (start < lines.length && taken.length < titleMatch[0].length) taken += lines[start++];
  }
  if (start < lines.length && /^.{1,30}[:：]$/.test(lines[start])) start++;
  const body = lines.slice(start).join("\n");
  if (!body) throw new Invalid("文件中没有正文。", { file: ["该 Word 文档中没有可导入的正文"] });
  return body;
}
