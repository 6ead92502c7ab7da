import Link from "next/link";
import { notFound } from "next/navigation";
import { letterFor } from "@/db/queries/letters";
import { requirePage } from "@/lib/auth/current";
import { NotFound } from "@/lib/errors";
import { PrintButton } from "@/components/print-button";

export const metadata = { title: "打印预览" };

/**
 * The letter laid out as GB/T 9704-2012 asks (A4; margins 37/35/28/26 mm; 三号仿宋 body on a
 * 28-character, 22-line grid; 二号小标宋 title), so the browser's print to PDF gives the same page.
 */
export default async function PrintPage({ params }: { params: Promise<{ kind: string; id: string }> }) {
  const { kind, id } = await params;
  const actor = await requirePage("document.print");
  if (!/^\d{1,9}$/.test(id)) notFound();
  let result;
  try {
    result = letterFor(actor, kind, Number(id));
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
  const { letter, proposalId } = result;
  return (
    <>
      <style>{`
        @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
        .gbt { width: 156mm; font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 10.227mm; }
        .gbt p { margin: 0; text-align: justify; }
        .gbt .indent { text-indent: 2em; }
        .gbt h1 { text-wrap: balance; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "Noto Serif CJK SC", serif; font-size: 22pt; line-height: 12.3mm; text-align: center; font-weight: normal; margin: 10.227mm 0; }
        @media screen { .sheet { background: white; padding: 37mm 26mm 35mm 28mm; width: 210mm; min-height: 297mm; box-shadow: 0 1px 4px rgb(0 0 0 / .15); margin: 0 auto; } }
        @media print { body { background: white; } }
      `}</style>
      <div className="mb-4 flex flex-wrap items-center gap-2 print:hidden">
        <PrintButton />
        <a href={`/api/documents/${kind}/${id}/docx`} className="inline-flex min-h-10 items-center rounded-md border border-stone-300 bg-white px-4 text-sm">下载 Word</a>
        <a href={`/api/documents/${kind}/${id}/pdf`} className="inline-flex min-h-10 items-center rounded-md border border-stone-300 bg-white px-4 text-sm">下载 PDF</a>
        <Link href={`/proposals/${proposalId}`} className="inline-flex min-h-10 items-center px-2 text-sm text-brand-700">返回建议</Link>
      </div>
      <div className="overflow-x-auto print:overflow-visible">
        <article className="sheet gbt" data-testid="print-letter">
          {letter.category && <p style={{ textAlign: "right", fontFamily: "SimHei, 黑体, sans-serif", paddingRight: "1em" }}>{letter.category}</p>}
          {letter.docNumber && <p style={{ textAlign: "right", paddingRight: "1em" }}>{letter.docNumber}</p>}
          {letter.signer && letter.kind === "reply" && <p style={{ textAlign: "right", paddingRight: "1em" }}>签发人：{letter.signer}</p>}
          <h1>{letter.title}</h1>
          <p>{letter.addressee}：</p>
          {letter.paragraphs.map((p, i) => (
            <p key={i} className="indent">{p}</p>
          ))}
          <p>&nbsp;</p>
          <p style={{ textAlign: "right", paddingRight: "4em" }}>{letter.unitName}</p>
          <p style={{ textAlign: "right", paddingRight: "4em" }}>{letter.date}</p>
          <p className="indent">（{letter.contact}）</p>
          {letter.cc && (
            <p style={{ marginTop: "10.227mm", borderTop: "1px solid #000", borderBottom: "1px solid #000", padding: "0 1em", fontSize: "14pt" }}>抄送：{letter.cc}。</p>
          )}
        </article>
      </div>
    </>
  );
}
