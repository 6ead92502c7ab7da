import { charsOf, gramsQuery } from "./grams";

/*
 * How two proposals are alike (docs/rules.md § "Search", similar proposals). The search index
 * proposes candidates: the proposals whose titles share the most, and the rarest, two-character
 * words with this one's title (BM25 over the grams index: 电梯, 跨境, 古塘). They are ranked by how
 * much of their title and opening text they share (the overlap coefficient of the two sets of
 * trigrams), and explained by the words they share: the
 * longest runs of text found in both.
 */

/** Words every title has, which say nothing about the matter. */
const FORMULAIC = /^关于|的建议$|建议$/gm;

/** A word character: Chinese, Latin letters and digits (punctuation and spaces part runs). */
const WORD = /[\p{Script=Han}\p{L}\p{N}]/u;

/** The distinct n-character pieces of the text's runs of word characters, in order of first occurrence. */
function piecesOf(text: string, n: number, max: number, keep: (piece: string) => boolean = () => true): string[] {
  const out = new Set<string>();
  for (const run of charsOf(text.replace(FORMULAIC, " ")).join("").split(/[^\p{Script=Han}\p{L}\p{N}]+/u)) {
    const cs = Array.from(run);
    for (let i = 0; i + n <= cs.length && out.size < max; i++) {
      const piece = cs.slice(i, i + n).join("");
      if (keep(piece)) out.add(piece);
    }
  }
  return [...out];
}

/** The distinct trigrams of the text's runs of word characters, in order of first occurrence. */
export const trigramsOf = (text: string, max = 80) => piecesOf(text, 3, max);

/**
 * Words that half of all titles have (关于加快推进……工作的建议): they say what is asked, not about
 * what, and would make every proposal a candidate.
 */
const COMMON = new Set(["加快", "推进", "推动", "加强", "完善", "提升", "发展", "工作", "问题", "支持", "进一步", "建设", "实施", "提高", "促进", "强化", "优化", "做好", "落实", "有关"]);

/** The distinct two-character words (bigrams) of the text's runs of word characters, common ones left out. */
export const bigramsOf = (text: string, max = 40) => piecesOf(text, 2, max, (w) => !COMMON.has(w));

/** The FTS5 query, in the grams index, for texts sharing any of the bigrams (BM25 ranks by how many, and how rare). */
export const anyOf = (bigrams: string[]) => bigrams.map(gramsQuery).join(" OR ");

/**
 * What two texts share, as words: maximal runs of at least two characters found in both, longest
 * first, none inside another, formulaic words left out.
 */
export function sharedWords(a: string, b: string, max = 6): string[] {
  const x = charsOf(a.replace(FORMULAIC, " "));
  const y = charsOf(b.replace(FORMULAIC, " ")).join("");
  const found: string[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!WORD.test(x[i])) continue;
    let len = 0;
    while (i + len < x.length && WORD.test(x[i + len]) && y.includes(x.slice(i, i + len + 1).join(""))) len++;
    if (len >= 2) found.push(x.slice(i, i + len).join(""));
  }
  const longest = [...new Set(found)].filter((w) => w !== "建议" && !COMMON.has(w)).sort((p, q) => q.length - p.length);
  return longest.filter((w, i) => !longest.slice(0, i).some((l) => l.includes(w))).slice(0, max);
}

/**
 * The overlap coefficient (Szymkiewicz–Simpson) of two texts' trigram sets: the share of the
 * smaller set found in the other, 1 when one text's matter is wholly in the other, 0 when nothing is
 * shared. A short row of an import sheet is thereby compared fairly with a long registered text.
 */
export function overlap(a: string, b: string): number {
  const x = new Set(trigramsOf(a, 400));
  const y = new Set(trigramsOf(b, 400));
  if (!x.size || !y.size) return 0;
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return both / Math.min(x.size, y.size);
}
