import { diffArrays } from "diff";

/*
 * Two versions of a draft compared in Chinese: cut into words (the ICU word segmenter Node ships,
 * which knows Chinese), then the shortest edit between the two word lists (jsdiff's Myers diff).
 * A draft may be 20,000 characters; the edit is bounded, and past the bound the versions are
 * reported as too different to compare word by word (each is still readable whole).
 */

export type Part = { kind: "same" | "added" | "removed"; text: string };
export type Comparison = { parts: Part[]; added: number; removed: number } | null;

/** Edits beyond this many words are not worth marking: the two texts are read whole instead. */
export const MAX_EDITS = 2000;
/** And the comparison never holds the server longer than this (ms), whatever the texts. */
export const MAX_MS = 250;

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const wordsOf = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);

export function compareTexts(before: string, after: string): Comparison {
  const changes = diffArrays(wordsOf(before), wordsOf(after), { maxEditLength: MAX_EDITS, timeout: MAX_MS });
  if (!changes) return null;
  const parts: Part[] = [];
  let added = 0;
  let removed = 0;
  for (const c of changes) {
    const text = c.value.join("");
    const kind = c.added ? "added" : c.removed ? "removed" : "same";
    if (kind === "added") added += [...text].length;
    if (kind === "removed") removed += [...text].length;
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  }
  return { parts, added, removed };
}
