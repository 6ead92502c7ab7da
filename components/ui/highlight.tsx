import { highlight, type Part } from "@/lib/search/passage";

/** Text with the searched words marked. */
export function Highlight({ text, q }: { text: string; q?: string }) {
  return <Marked parts={q ? highlight(text, q) : [{ text, hit: false }]} />;
}

/** Parts of a text, the matching ones marked. */
export function Marked({ parts }: { parts: Part[] }) {
  return (
    <>
      {parts.map((p, i) => (p.hit ? <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-stone-900">{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
