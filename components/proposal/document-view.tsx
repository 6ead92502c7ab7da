import type { Letter } from "@/lib/documents/letter";

/**
 * A co-handling opinion or reply on screen, drawn from the same `Letter` as its print view and
 * .docx: category mark, 文号, title, addressee, body, unit and date, contact, 签发人, 抄送.
 */
export function DocumentView({ letter, draft }: { letter: Letter; draft?: boolean }) {
  return (
    <article className="@container relative rounded-md border border-stone-200 bg-[#fffdf8] px-4 py-5 font-serif text-[15px] leading-8 text-stone-900 sm:px-10">
      {letter.category && (
        <div className="absolute right-4 top-3 font-sans text-sm font-semibold text-brand-700 sm:right-8" aria-label="答复类别">
          {letter.category}
        </div>
      )}
      {letter.docNumber && <p className="text-center font-sans text-sm text-stone-600">{letter.docNumber}</p>}
      {/* The title's lines are the letter's own (lib/documents/title-lines.ts); on a narrow screen the
          type shrinks so that a line of 20 characters still fits whole, never breaking a word. */}
      <h3 aria-label={letter.title} className="mx-auto my-3 text-center text-[min(1.125rem,calc(100cqw/20.5))] font-bold leading-8">
        {letter.titleLines.map((line, i) => (
          <span key={i} className="block whitespace-nowrap">
            {line}
          </span>
        ))}
      </h3>
      <p>{letter.addressee}：</p>
      {letter.paragraphs.map((para, i) => (
        <p key={i} className="indent-8">
          {para}
        </p>
      ))}
      <div className="mt-4 text-right">
        <p>{letter.unitName}</p>
        <p>{draft ? `（草稿，${letter.date}）` : letter.date}</p>
      </div>
      <p className="mt-3 font-sans text-sm text-stone-600">
        {letter.contact}
        {letter.signer && <>　签发人：{letter.signer}</>}
      </p>
      {letter.cc && <p className="border-t border-stone-300 pt-1 font-sans text-sm text-stone-600">抄送：{letter.cc}</p>}
    </article>
  );
}
