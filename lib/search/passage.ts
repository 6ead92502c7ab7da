import { charsOf } from "./grams";

/** A piece of text cut into what matched the query and what did not, for <mark>. */
export type Part = { text: string; hit: boolean };

/** Where the query occurs in the text, case-insensitively, by characters (as the index matches). */
function occurrences(lower: string[], q: string[]) {
  const at: number[] = [];
  if (!q.length) return at;
  for (let i = 0; i + q.length <= lower.length; ) {
    if (q.every((c, j) => lower[i + j] === c)) {
      at.push(i);
      i += q.length;
    } else i++;
  }
  return at;
}

/** The text in parts, every occurrence of the query marked. */
export function highlight(text: string, query: string): Part[] {
  const chars = Array.from(text);
  // Lower-case each character alone, so positions stay those of the original text.
  const lower = chars.map((c) => c.toLowerCase());
  const q = charsOf(query.trim());
  const parts: Part[] = [];
  let from = 0;
  for (const i of occurrences(lower, q)) {
    if (i > from) parts.push({ text: chars.slice(from, i).join(""), hit: false });
    parts.push({ text: chars.slice(i, i + q.length).join(""), hit: true });
    from = i + q.length;
  }
  if (from < chars.length) parts.push({ text: chars.slice(from).join(""), hit: false });
  return parts;
}

/** Whether the text contains the query, as the search index matches it. */
export const contains = (text: string, query: string) => occurrences(Array.from(text).map((c) => c.toLowerCase()), charsOf(query.trim())).length > 0;

/** The stretch of text around the first occurrence (about 30 characters before it, 60 after), in parts. */
export function passage(text: string, query: string): Part[] | null {
  const chars = Array.from(text.replace(/\s+/g, " "));
  const q = charsOf(query.trim());
  const [first] = occurrences(chars.map((c) => c.toLowerCase()), q);
  if (first == null) return null;
  const start = Math.max(0, first - 30);
  const end = Math.min(chars.length, first + q.length + 60);
  const parts = highlight(chars.slice(start, end).join(""), query);
  if (start > 0) parts.unshift({ text: "…", hit: false });
  if (end < chars.length) parts.push({ text: "…", hit: false });
  return parts;
}
