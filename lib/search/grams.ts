/**
 * Chinese has no spaces between words, so the search index cuts text into overlapping pieces
 * (docs/rules.md § "Search"). SQLite's trigram tokenizer answers any query of three or more
 * characters; one- and two-character queries (路灯, 电商, 5G) are answered by a second index over
 * two-character grams, which the database builds itself (migration 0014, in SQL, so that any
 * connection that writes keeps it right).
 *
 * A gram is the UTF-8 bytes of two neighbouring characters written in hex (the last character of
 * a text stands alone): FTS5's unicode61 tokenizer keeps such a run of hex digits as one token,
 * whatever the characters were, so punctuation, spaces, Latin letters and digits are matched as
 * exactly as Chinese. A two-character query is then one token. A one-character query is a prefix:
 * every occurrence of the character starts a gram, and UTF-8 is prefix-free, so the character's
 * hex digits begin exactly the grams that start with it. The index therefore finds what a substring
 * scan finds. Letters are matched regardless of case (A–Z only, as SQLite's lower() folds them).
 */

/** A text as the index sees it: A–Z folded to a–z (as SQLite's lower()), split into characters. */
export const charsOf = (text: string) => Array.from(text.replace(/[A-Z]/g, (c) => c.toLowerCase()));

const hex = (s: string) => Buffer.from(s, "utf8").toString("hex");

/** The FTS5 query for a one- or two-character query in the grams index. */
export function gramsQuery(q: string): string {
  const cs = charsOf(q);
  if (cs.length === 1) return `${hex(cs[0])}*`;
  if (cs.length === 2) return hex(cs.join(""));
  throw new Error("gramsQuery takes one or two characters");
}

/** The FTS5 query for three or more characters in the trigram index: the text as one phrase. */
export const trigramQuery = (q: string) => `"${q.replace(/"/g, '""')}"`;

/** The longest text the grams index covers in full (bodies are at most 20,000 characters). */
export const GRAM_POSITIONS = 20_000;
