import { formatDate } from "@/lib/labels";

/**
 * A co-handling opinion or reply laid out as the letter it becomes (DOMAIN.md "Documents"):
 * title, addressee, opening, body, unit and date, contact, and for a reply its category and 抄送.
 */
export function DocumentView({
  kind,
  sessionName,
  number,
  proposalTitle,
  addressee,
  unitName,
  doc,
}: {
  kind: "opinion" | "reply";
  sessionName: string;
  number: number;
  proposalTitle: string;
  addressee: string;
  unitName: string;
  doc: {
    body: string;
    docNumber: string | null;
    sentAt: Date | null;
    updatedAt: Date;
    contactPerson: string;
    contactPhone: string;
    signerName?: string | null;
    category?: string;
    cc?: string;
  };
}) {
  const title = `关于${sessionName}第${number}号建议的${kind === "opinion" ? "协办意见" : "答复"}`;
  const opening =
    kind === "opinion"
      ? null
      : `您提出的《${proposalTitle.replace(/^《|》$/g, "")}》（第${number}号）收悉，现答复如下：`;
  return (
    <article className="relative rounded-md border border-stone-200 bg-[#fffdf8] px-4 py-5 font-serif text-[15px] leading-8 text-stone-900 sm:px-10">
      {kind === "reply" && doc.category && (
        <div className="absolute right-4 top-3 font-sans text-sm font-semibold text-brand-700 sm:right-8" aria-label="答复类别">
          {doc.category}
        </div>
      )}
      {doc.docNumber && <p className="text-center font-sans text-sm text-stone-600">{doc.docNumber}</p>}
      <h3 className="mx-auto my-3 max-w-md text-center text-lg font-bold leading-8">{title}</h3>
      <p>{addressee}：</p>
      {opening && <p className="indent-8">{opening}</p>}
      {doc.body.split(/\n+/).map((para, i) => (
        <p key={i} className="indent-8">
          {para}
        </p>
      ))}
      {kind === "reply" && <p className="indent-8">感谢您对我单位工作的关心和支持。</p>}
      <div className="mt-4 text-right">
        <p>{unitName}</p>
        <p>{doc.sentAt ? formatDate(doc.sentAt) : `（草稿，${formatDate(doc.updatedAt)}）`}</p>
      </div>
      <p className="mt-3 font-sans text-sm text-stone-600">
        联系人：{doc.contactPerson || "—"}　联系电话：{doc.contactPhone || "—"}
        {doc.signerName && <>　签发人：{doc.signerName}</>}
      </p>
      {kind === "reply" && doc.cc && <p className="border-t border-stone-300 pt-1 font-sans text-sm text-stone-600">抄送：{doc.cc}</p>}
    </article>
  );
}
