import { dayOf } from "../deadlines";
import { TITLE_CHARS_PER_LINE, titleLines } from "./title-lines";

/**
 * The letter a co-handling opinion or a reply becomes (docs/rules.md § "Documents"), as plain data:
 * the .docx, the print view and the PDF are all drawn from this one shape.
 */
export type Letter = {
  kind: "opinion" | "reply";
  /** 答复类别 printed at the top right of a reply's first page. */
  category: string | null;
  docNumber: string | null;
  title: string;
  /** The title as it is set on the page, one string a line (both the .docx and the print view). */
  titleLines: string[];
  addressee: string;
  paragraphs: string[];
  unitName: string;
  /** 成文日期, e.g. "2026年11月27日" (GB/T 9704-2012 uses Arabic numerals). */
  date: string;
  contact: string;
  signer: string | null;
  cc: string | null;
};

export function chineseDate(d: Date) {
  const [y, m, day] = dayOf(d).split("-").map(Number);
  return `${y}年${m}月${day}日`;
}

type Source = {
  kind: "opinion" | "reply";
  sessionName: string;
  number: number;
  proposalTitle: string;
  leadDeputy: string;
  leadUnitName: string;
  unitName: string;
  doc: {
    body: string;
    docNumber: string | null;
    sentAt: Date | null;
    updatedAt: Date;
    contactPerson: string;
    contactPhone: string;
    signerName?: string | null;
    category?: string | null;
    cc?: string | null;
  };
};

export function letterOf(s: Source): Letter {
  const body = s.doc.body.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  const title = `关于${s.sessionName}第${s.number}号建议的${s.kind === "opinion" ? "协办意见" : "答复"}`;
  const paragraphs =
    s.kind === "reply"
      ? [`您提出的《${s.proposalTitle.replace(/^《|》$/g, "")}》（第${s.number}号）收悉，现答复如下：`, ...body, "感谢您对我单位工作的关心和支持。"]
      : body;
  return {
    kind: s.kind,
    category: s.kind === "reply" ? (s.doc.category ?? null) : null,
    docNumber: s.doc.docNumber,
    title,
    titleLines: titleLines(title, TITLE_CHARS_PER_LINE),
    addressee: s.kind === "opinion" ? s.leadUnitName : `${s.leadDeputy}代表`,
    paragraphs,
    unitName: s.unitName,
    date: chineseDate(s.doc.sentAt ?? s.doc.updatedAt),
    contact: `联系人：${s.doc.contactPerson || "—"}　联系电话：${s.doc.contactPhone || "—"}`,
    signer: s.doc.signerName ?? null,
    cc: s.kind === "reply" && s.doc.cc ? s.doc.cc : null,
  };
}
