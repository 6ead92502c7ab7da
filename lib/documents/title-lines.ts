/*
 * How a letter's title is broken into lines (docs/rules.md § "Documents"): breaks only where a word
 * ends, never inside a number with its measure word or a session's name, as few lines as the width
 * allows, and the line lengths in a trapezoid or diamond, never an hourglass or a lonely short line.
 * Pure, so the .docx and the print view get the same lines from the same title.
 */

/**
 * 二号 is 22 pt = 7.76 mm a character; GB/T 9704's type area is 156 mm wide: 156 / 7.76 = 20.1, so
 * 20 full-width characters a line.
 */
export const TITLE_CHARS_PER_LINE = 20;

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** Width in full-width characters: Latin letters, digits and half-width forms count one half. */
export function titleWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += c <= 0x024f || (c >= 0xff61 && c <= 0xffdc) ? 0.5 : 1;
  }
  return w;
}

const OPENING = "（《「『【〔“‘([";
const CLOSING = "）》」』】〕”’)]，。、；：？！…—·,.;:?!%％";
const PAIRS: [string, string][] = [["《", "》"], ["（", "）"], ["(", ")"], ["“", "”"], ["「", "」"], ["【", "】"], ["〔", "〕"]];

/** Particles that lean on the word before them: never the first word of a line if avoidable. */
const PARTICLES = new Set(["的", "之", "地", "得", "了", "着", "过", "们", "等"]);
/** Prepositions and conjunctions belong with what follows them: a line should not end on one. */
const LEANING_FORWARD = new Set(["关于", "对于", "对", "在", "为", "把", "将", "向", "从", "按", "由", "和", "与", "及", "以及", "并", "或", "及其"]);
/**
 * Words that open a phrase in a proposal's title: a break just before one falls between phrases,
 * a break just after one parts a verb from its object.
 */
const PHRASE_OPENERS = new Set([
  "关于", "进一步", "加快", "推进", "加强", "强化", "优化", "支持", "完善", "促进", "推动", "建立", "健全", "规范",
  "保障", "解决", "落实", "深化", "实施", "打造", "做好", "改善", "提高", "扩大", "增加", "设立", "开展", "引导",
  "鼓励", "出台", "制定", "整治", "推广", "加装", "增设", "新建", "改建", "扩建", "并入", "和", "与", "及", "以及", "并", "或",
]);
const VERBS = new Set([...PHRASE_OPENERS].filter((w) => !LEANING_FORWARD.has(w) && w !== "进一步"));
/** Single characters that stand as words of their own; any other lone character is part of a longer word. */
const FREE_CHARACTERS = new Set([...PARTICLES, ...LEANING_FORWARD, "市", "县", "区", "省", "镇", "乡", "村", "街", "号", "第", "届", "次", "年"]);

const CN_NUM = "〇零一二三四五六七八九十百千万两";
/** Spans that are one unit of meaning: a session's name, a number with its measure word. */
const GLUED: RegExp[] = [
  new RegExp(`[省市县区州旗]?[${CN_NUM}]+届(?:人大|人民代表大会)(?:常委会)?(?:第?[${CN_NUM}]+次(?:会议)?)?`, "g"),
  /第?[0-9０-９]+(?:[.．][0-9０-９]+)?[号条项次届年月日个件份批期户家所名位%％]?/g,
  new RegExp(`第?[${CN_NUM}]+[号条项次届个件份批期户家所名位]`, "g"),
];

type Boundary = { at: number; penalty: number };

const isHan = (s: string) => /^\p{Script=Han}$/u.test(s);

/**
 * Where the title may break, each with what breaking there costs. `level` relaxes the rules when a
 * title cannot be set otherwise: 0 all rules, 1 words only, 2 any character but punctuation's, 3 any.
 */
function boundaries(title: string, level: number): Boundary[] {
  const segs = [...segmenter.segment(title)].map((s) => ({ text: s.segment, at: s.index }));
  const starts = level >= 2 ? Array.from({ length: title.length - 1 }, (_, i) => i + 1) : segs.slice(1).map((s) => s.at);
  const segAt = new Map(segs.map((s, i) => [s.at, i]));
  const forbidden = new Set<number>();
  // A character the dictionary left on its own is usually part of a word it did not know.
  const lone = (i: number) => i >= 0 && i < segs.length && isHan(segs[i].text) && !FREE_CHARACTERS.has(segs[i].text);
  if (level === 0) {
    for (const re of GLUED) for (const m of title.matchAll(re)) for (let i = m.index + 1; i < m.index + m[0].length; i++) forbidden.add(i);
    // So a run of such characters (古|塘, 营|商) is kept as one word.
    for (let i = 1; i < segs.length; i++) if (lone(i - 1) && lone(i)) forbidden.add(segs[i].at);
  }
  // Bracketed spans: kept whole where the width allows.
  const inside = new Set<number>();
  for (const [open, close] of PAIRS) {
    let from = 0;
    for (;;) {
      const a = title.indexOf(open, from);
      const b = a < 0 ? -1 : title.indexOf(close, a + 1);
      if (b < 0) break;
      for (let i = a + 1; i <= b; i++) inside.add(i);
      from = b + 1;
    }
  }
  const result: Boundary[] = [];
  for (const at of starts) {
    // Never between the two halves of a character outside the Basic Multilingual Plane.
    if (forbidden.has(at) || /[\uDC00-\uDFFF]/.test(title[at])) continue;
    if (level < 3 && (OPENING.includes(title[at - 1]) || CLOSING.includes(title[at]))) continue;
    const i = segAt.get(at);
    const before = i !== undefined ? segs[i - 1].text : title[at - 1];
    const after = i !== undefined ? segs[i].text : title[at];
    // A listed word made of whole segments right after (or before) the break.
    const opens = (words: Set<string>) => [...words].some((w) => title.startsWith(w, at) && (at + w.length === title.length || segAt.has(at + w.length)));
    const closes = (words: Set<string>) => [...words].some((w) => title.slice(0, at).endsWith(w) && (at === w.length || segAt.has(at - w.length)));
    let penalty = 15;
    if (opens(PHRASE_OPENERS) || before === "的" || CLOSING.includes(before.at(-1)!) || OPENING.includes(after[0])) penalty = 0;
    if (i === undefined) penalty += 60;
    if (PARTICLES.has(after)) penalty += 40;
    if (closes(LEANING_FORWARD)) penalty += 25;
    if (closes(VERBS)) penalty += 25;
    if (/第[0-9０-９]+号$/.test(title.slice(0, at)) && /^(建议|议案|提案|意见)/.test(title.slice(at))) penalty += 20;
    if (i !== undefined && ((lone(i - 1) && !lone(i - 2)) || (lone(i) && !lone(i + 1)))) penalty += 15;
    if (inside.has(at)) penalty += 30;
    result.push({ at, penalty });
  }
  return result;
}

/** What a layout's line widths cost: hourglass and lonely short lines far more than raggedness. */
export function shapeCost(widths: number[]): number {
  const longest = Math.max(...widths);
  let cost = 0;
  for (const w of widths) cost += ((longest - w) * (longest - w)) / 4;
  for (let i = 1; i < widths.length - 1; i++) if (widths[i] < widths[i - 1] && widths[i] < widths[i + 1]) cost += 1000;
  for (const w of widths) if (w < longest / 2) cost += 100;
  // Of two lines, the longer one above is a little better.
  if (widths.length === 2 && widths[1] > widths[0]) cost += (widths[1] - widths[0]) / 2;
  return cost;
}

/** The title's lines: fewest lines within `maxPerLine`, then the best shape and the best breaks. */
export function titleLines(title: string, maxPerLine: number = TITLE_CHARS_PER_LINE): string[] {
  const text = title.trim();
  if (titleWidth(text) <= maxPerLine) return [text];
  for (let level = 0; level <= 3; level++) {
    const bounds = boundaries(text, level);
    const fewest = fewestLines(text, bounds, maxPerLine);
    if (fewest === null) continue;
    // Beyond three lines (a title no letter has) trying every layout would take too long.
    if (fewest > 3) return cut(text, balanced(text, bounds, maxPerLine, fewest));
    let best: { cost: number; breaks: Boundary[] } | null = null;
    // One more line than the fewest is taken only when the fewest can make no acceptable shape.
    for (const lines of [fewest, fewest + 1]) {
      for (const breaks of layouts(text, bounds, maxPerLine, lines)) {
        const widths = cut(text, breaks).map(titleWidth);
        const cost = shapeCost(widths) + breaks.reduce((s, b) => s + b.penalty, 0) + 200 * (lines - fewest);
        if (!best || cost < best.cost) best = { cost, breaks };
      }
    }
    if (best) return cut(text, best.breaks);
  }
  return [text];
}

function cut(text: string, breaks: Boundary[]): string[] {
  const at = [0, ...breaks.map((b) => b.at), text.length];
  return at.slice(1).map((end, i) => text.slice(at[i], end));
}

/** Greedy filling gives the fewest lines; null if some unbreakable stretch is wider than a line. */
function fewestLines(text: string, bounds: Boundary[], max: number): number | null {
  let start = 0;
  let lines = 1;
  while (titleWidth(text.slice(start)) > max) {
    const fits = bounds.filter((b) => b.at > start && titleWidth(text.slice(start, b.at)) <= max);
    if (fits.length === 0) return null;
    start = fits[fits.length - 1].at;
    lines++;
  }
  return lines;
}

/** Every way to set the title in exactly `lines` lines of at most `max`; titles are short, so few. */
function* layouts(text: string, bounds: Boundary[], max: number, lines: number, start = 0): Generator<Boundary[]> {
  const rest = titleWidth(text.slice(start));
  if (lines === 1) {
    if (rest <= max) yield [];
    return;
  }
  if (rest > max * lines) return;
  for (const b of bounds) {
    if (b.at <= start) continue;
    if (titleWidth(text.slice(start, b.at)) > max) break;
    for (const tail of layouts(text, bounds, max, lines - 1, b.at)) yield [b, ...tail];
  }
}

/** The layout in `lines` lines closest to lines of equal width, by dynamic programming. */
function balanced(text: string, bounds: Boundary[], max: number, lines: number): Boundary[] {
  const target = titleWidth(text) / lines;
  const ends = [{ at: 0, penalty: 0 }, ...bounds, { at: text.length, penalty: 0 }];
  // best[k][j]: the cheapest way to set text up to ends[j] in k lines.
  const best: { cost: number; from: number }[][] = [ends.map((_, j) => ({ cost: j === 0 ? 0 : Infinity, from: -1 }))];
  for (let k = 1; k <= lines; k++) {
    best.push(
      ends.map((e, j) => {
        let pick = { cost: Infinity, from: -1 };
        for (let i = j - 1; i >= 0; i--) {
          const w = titleWidth(text.slice(ends[i].at, e.at));
          if (w > max) break;
          const cost = best[k - 1][i].cost + ((target - w) * (target - w)) / 4 + e.penalty;
          if (cost < pick.cost) pick = { cost, from: i };
        }
        return pick;
      }),
    );
  }
  const breaks: Boundary[] = [];
  for (let k = lines, j = ends.length - 1; k > 1; k--) {
    j = best[k][j].from;
    breaks.unshift(ends[j]);
  }
  return breaks;
}
