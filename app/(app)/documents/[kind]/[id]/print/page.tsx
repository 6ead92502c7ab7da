import Link from "next/link";
import { notFound } from "next/navigation";
import { letterFor } from "@/db/queries/letters";
import { requirePage } from "@/lib/auth/current";
import { NotFound } from "@/lib/errors";
import { PrintButton } from "@/components/print-button";
import { LetterSheet } from "@/components/proposal/letter-sheet";

export const metadata = { title: "打印预览" };

/**
 * The letter laid out as GB/T 9704-2012 asks (components/proposal/letter-sheet.tsx), so the
 * browser's print to PDF gives the same page as the .docx.
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
      <div className="mb-4 flex flex-wrap items-center gap-2 print:hidden">
        <PrintButton />
        <a href={`/api/documents/${kind}/${id}/docx`} className="inline-flex min-h-10 items-center rounded-md border border-stone-300 bg-white px-4 text-sm">下载 Word</a>
        <a href={`/api/documents/${kind}/${id}/pdf`} className="inline-flex min-h-10 items-center rounded-md border border-stone-300 bg-white px-4 text-sm">下载 PDF</a>
        <Link href={`/proposals/${proposalId}`} className="inline-flex min-h-10 items-center px-2 text-sm text-brand-700">返回建议</Link>
      </div>
      <LetterSheet letter={letter} />
    </>
  );
}
