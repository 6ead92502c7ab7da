import fc from "fast-check";

/*
 * Hostile input for the service fuzz tests (tests/integration/fuzz.test.ts): what a tampered form,
 * a script or a copy-paste can post. Every field arbitrary mixes well-shaped values (so calls get
 * past validation and reach the database) with hostile ones of the right type and of wrong types.
 */

/** A field left out of the posted object altogether. */
export const OMIT = Symbol("omit");

/** The well-shaped part of each field arbitrary, for runs where only one field (or none) is hostile. */
const validParts = new WeakMap<fc.Arbitrary<unknown>, fc.Arbitrary<unknown>>();
function withValid<T>(any: fc.Arbitrary<T>, valid: fc.Arbitrary<T>): fc.Arbitrary<T> {
  validParts.set(any as fc.Arbitrary<unknown>, valid as fc.Arbitrary<unknown>);
  return any;
}
export const validPart = (a: fc.Arbitrary<unknown>) => validParts.get(a) ?? a;

/**
 * Classic hostile values for a kind of field (a list past SQLite's parameter limit, a megabyte of
 * text…), tried one field at a time on an otherwise well-shaped object before the random runs:
 * a random run rarely combines ten valid fields with the one bad value that matters.
 */
const classicParts = new WeakMap<fc.Arbitrary<unknown>, unknown[]>();
function withClassics<T>(a: fc.Arbitrary<T>, values: unknown[]): fc.Arbitrary<T> {
  classicParts.set(a as fc.Arbitrary<unknown>, values);
  return a;
}
const examplesOf = new WeakMap<fc.Arbitrary<unknown>, (seed: number) => unknown[]>();
/**
 * The one-field-at-a-time examples of an arbitrary built by `rawObject` (or mapped from one with
 * `mapExamples`): first the well-shaped object drawn with `seed`, then that object with each field
 * in turn replaced by each of its classic hostile values.
 */
export const examples = (a: fc.Arbitrary<unknown>, seed = 42) => examplesOf.get(a)?.(seed) ?? [];
export function mapExamples<A, B>(from: fc.Arbitrary<A>, to: fc.Arbitrary<B>, f: (a: A) => B): fc.Arbitrary<B> {
  examplesOf.set(to as fc.Arbitrary<unknown>, (seed) => examples(from as fc.Arbitrary<unknown>, seed).map((x) => f(x as A)));
  return to;
}

export const HTML_PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)></iframe>",
  "</textarea><script>alert(2)</script>",
  '<a href="javascript:alert(3)">点我</a>',
  "<b>加粗</b>",
] as const;

/** Pieces of the payloads whose escaped form must appear wherever the stored text is shown. */
export const HTML_MARKERS = ["<script", "<img", "<svg", "<iframe", "</textarea", "<a href", "<b>"] as const;

export const SQL_PAYLOADS = [
  "'; drop table proposals; --",
  '" or "1"="1',
  "1 or 1=1",
  "'); delete from users where ('1'='1",
  "' union select password_hash from users --",
  "%",
  "_",
  "\\",
  "%' escape '\\",
] as const;

export const ODD_TEXT = [
  "\u0000",
  "\u0007",
  "\u001b[31m红\u001b[0m",
  "\r\n",
  "\t",
  "\u000b\u000c",
  "\u202e", // right-to-left override
  "\u200f", // right-to-left mark
  "\u200b",
  "\ufeff",
  "\ud800", // lone surrogates
  "\udfff",
  "a\ud83d",
  "\ud83d\ude00",
  "𠀀",
  "\u3000",
  "\u00a0",
  "NaN",
  "undefined",
  "null",
  "__proto__",
  "constructor",
  "toString",
  "[object Object]",
  "١٢٣",
  "１２３",
  "e\u0301",
] as const;

const controlChars = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 6,
});

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<string>(...HTML_PAYLOADS, ...SQL_PAYLOADS, ...ODD_TEXT) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  { weight: 1, arbitrary: controlChars },
);

/** A short string built from hostile pieces. */
export const hostileText = fc.array(fragment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(""));

const repeatTo = (piece: string, n: number) => piece.repeat(Math.ceil(n / piece.length)).slice(0, n);
const fillers = ["字", "a", "𠀀", ...HTML_PAYLOADS] as const;

/** 10k to 1M characters. */
export const hugeText = fc
  .tuple(fc.integer({ min: 10_000, max: 1_000_000 }), fc.constantFrom<string>(...fillers, "\u0000", " "))
  .map(([n, f]) => repeatTo(f, n));

export const blankText = fc.constantFrom("", " ", "   ", "\t\n", "\u3000", "\u00a0", "\u200b", "\ufeff");

/** Just under, at and just over a length limit. */
const atLimit = (max: number) =>
  fc.tuple(fc.constantFrom(max - 1, max, max + 1), fc.constantFrom<string>(...fillers)).map(([n, f]) => repeatTo(f, Math.max(0, n)));

/**
 * Text for a field of at most `max` characters: mostly a realistic value with markup, SQL and
 * control characters in it, cut to the limit (so it is stored and shown); sometimes too long,
 * huge, blank or padded.
 */
export function text(max: number, samples: readonly [string, ...string[]]) {
  const fitting = fc
    .tuple(fc.constantFrom(...samples), fc.constantFrom<string>(...HTML_PAYLOADS), hostileText, fc.boolean())
    .map(([s, p, h, payloadFirst]) => {
      const v = payloadFirst ? `${p}${s}${h}` : `${s}${p}${h}`;
      return v.length > max ? v.slice(0, max) : v;
    });
  const valid = fc.oneof(
    { weight: 10, arbitrary: fitting },
    { weight: 2, arbitrary: fc.constantFrom(...samples) },
    { weight: 1, arbitrary: fitting.map((v) => ` \u3000${v}\t `) },
  );
  return withClassics(
    withValid(
      fc.oneof(
        { weight: 13, arbitrary: valid },
        { weight: 2, arbitrary: hostileText },
        { weight: 1, arbitrary: atLimit(max) },
        { weight: 1, arbitrary: hugeText },
        { weight: 1, arbitrary: blankText },
      ),
      valid,
    ),
    [repeatTo(HTML_PAYLOADS[0], max + 1), repeatTo("字", 1_000_000), "\u0000\ud800\u202e", " \u3000 "],
  );
}

const protoPollution = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"toString": "x", "valueOf": "y", "hasOwnProperty": 1}'),
);

/** Values of the wrong type for any field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      null,
      undefined,
      true,
      false,
      0,
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      2 ** 31,
      2 ** 53,
      Number.MAX_VALUE,
      10n,
      [],
      {},
      [[]],
      ["1"],
      ["1", "2"],
      [null],
      new Date(Number.NaN),
      new Date(0),
      Object.create(null),
    ),
  },
  { weight: 1, arbitrary: protoPollution },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 2,
      maxKeys: 4,
      withBigInt: true,
      withDate: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
    }),
  },
);

/** Ids that are not positive whole numbers, or not in the database, or written oddly. */
export const hostileId: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      0, -1, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 31, 2 ** 31 + 1, 2 ** 53, 2 ** 53 + 2, 1e21,
      Number.MAX_VALUE, Number.MIN_VALUE, "0", "-1", "1.0", "1e2", "0x1F", "", " ", "1 OR 1=1", "1; drop table proposals", "١", "１",
      "9999999999", "99999999999", "00000000001", "+1", "1_000", "Infinity", "NaN", "1\n", "\u00a01", true, [1], ["1"], null,
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 + 10 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double() },
);

/** A field: mostly `valid`, sometimes `hostile`, a wrong type, or left out. */
export function field(valid: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<unknown> = hostileText, validWeight = 10) {
  const arb = withValid(
    fc.oneof(
      { weight: validWeight, arbitrary: valid },
      { weight: 2, arbitrary: hostile },
      { weight: 1, arbitrary: wrongType },
      { weight: 1, arbitrary: fc.constant<unknown>(OMIT) },
    ),
    validPart(valid),
  );
  return withClassics(arb, [...(classicParts.get(valid) ?? []), null, Number.NaN, [], {}, JSON.parse('{"__proto__": {"polluted": "yes"}}')]);
}

/** An id from the database (as a number, as a form posts it, or padded), or a hostile one. */
export function idFrom(pool: readonly number[]) {
  const known = fc
    .tuple(fc.constantFrom(...pool), fc.constantFrom(0, 1, 2))
    .map(([n, how]): unknown => (how === 0 ? n : how === 1 ? String(n) : ` ${n} `));
  return field(known, hostileId);
}

/** A list of ids: a set from the pool, duplicates and hostile items, a huge list, or a wrong type. */
const manyIds = (n: number, from: number) => Array.from({ length: n }, (_, i) => String(from + i));

export function idListFrom(pool: readonly number[]) {
  const valid = fc.subarray([...new Set(pool)]).map((ids): unknown => ids.map(String));
  const arb = withValid(fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...pool), hostileId), { maxLength: 5 }) },
    // Around SQLite's limit of 32766 bound parameters per statement: from 1 (so the list holds the
    // fixture's own ids too) or from far above them (so it holds only unknown ones).
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 30_000, max: 40_000 }), fc.constantFrom(1, 1_000_000))
        .map(([n, from]) => manyIds(n, from)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...pool).map((n) => [n, n]) },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant<unknown>(OMIT) },
  ), valid);
  return withClassics(arb, [manyIds(32_766, 1_000_000), manyIds(40_000, 1), [pool[0], pool[0]], "1", [["1"]]]);
}

/** One of the allowed codes, or a near miss, or a prototype key. */
export function choiceOf(values: readonly [string, ...string[]]) {
  const near = fc.constantFrom<unknown>(
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    values[0].toUpperCase(),
    ` ${values[0]}`,
    `${values[0]}\u0000`,
    "",
    [values[0]],
  );
  return field(fc.constantFrom(...values), near);
}

/** A checkbox as forms post it, and what an API caller may send instead. */
export const flag = field(fc.constantFrom<unknown>(true, false, "on", "true", "false", ""), fc.constantFrom<unknown>("off", "yes", "ON", 1, 0, "1"));

const hostileDay = fc.constantFrom<unknown>(
  "2026-02-30", "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "9999-12-31", "2026-3-1", " 2026-03-01 ",
  "2026-03-01T00:00:00Z", "+002026-03-01", "２０２６-03-01", "2026/03/01", "20260301", "", "1970-01-01", "2026-03-01\n",
  "2026-03-01\u0000", "2026-03-01' or '1'='1",
);

/** A YYYY-MM-DD day between `from` and `to`, or a hostile one. */
export function dayBetween(from: string, to: string) {
  const valid = fc
    .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  // Real days at the ends of what the format allows, and days that do not exist.
  const day = field(valid, hostileDay);
  return withClassics(day, ["9999-12-31", "0000-01-01", "1900-01-01", "2026-02-30", "2026-13-01", "２０２６-03-01", ...(classicParts.get(day) ?? [])]);
}

export const phone = field(
  fc.constantFrom<unknown>("0574-63012345", "13800000000", "+86 138 0000 0000", "（0574）6301234", "(0574) 6301"),
  fc.oneof(hostileText, fc.constantFrom<unknown>("1".repeat(31), "138-0000<script>", "13800000000\n", "１３８")),
);

/**
 * The posted object: every field well-shaped, or all but one, or each field hostile at random, or
 * not an object at all. Extra keys (`__proto__` included) are own properties, never the prototype.
 */
export function rawObject(fields: Record<string, fc.Arbitrary<unknown>>) {
  const keys = Object.keys(fields);
  const clean = Object.fromEntries(keys.map((k) => [k, validPart(fields[k])]));
  const extraKey = fc.constantFrom("__proto__", "constructor", "prototype", "id", "unitId", "userId", "actorId", "role", "state", "deputyId", "hasOwnProperty");
  const extras = fc.oneof({ weight: 3, arbitrary: fc.constant<[string, unknown][]>([]) }, { weight: 1, arbitrary: fc.array(fc.tuple(extraKey, fc.oneof(wrongType, hostileId)), { maxLength: 3 }) });
  const build = ([values, extra]: [Record<string, unknown>, [string, unknown][]]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) if (v !== OMIT) out[k] = v;
    for (const [k, v] of extra) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out as unknown;
  };
  const allValid = fc.tuple(fc.record(clean), extras).map(build);
  const oneHostile = keys.length
    ? fc.constantFrom(...keys).chain((bad) => fc.tuple(fc.record({ ...clean, [bad]: fields[bad] }), extras).map(build))
    : allValid;
  const anyHostile = fc.tuple(fc.record(fields), extras).map(build);
  const arb = fc.oneof(
    { weight: 5, arbitrary: allValid },
    { weight: 5, arbitrary: oneHostile },
    { weight: 5, arbitrary: anyHostile },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: hostileText },
  );
  examplesOf.set(arb, (seed) => {
    const [base] = fc.sample(fc.record(clean), { numRuns: 1, seed });
    const out: unknown[] = [build([base, []]), null, "", [], JSON.parse('{"__proto__": {"polluted": "yes"}}')];
    for (const k of keys) for (const v of classicParts.get(fields[k]) ?? []) out.push(build([{ ...base, [k]: v }, []]));
    return out;
  });
  return arb;
}

/** A short, readable rendering of a counterexample (huge strings and lists abbreviated). */
export function show(v: unknown, depth = 0): string {
  if (typeof v === "string") return v.length > 160 ? `${JSON.stringify(v.slice(0, 80))}…(${v.length} chars)` : JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (v === undefined || v === null || typeof v === "boolean" || typeof v === "symbol" || typeof v === "function") return String(v);
  if (depth > 3) return "…";
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? "Invalid" : v.toISOString()})`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as Uint8Array).length ?? "?"})`;
  if (Array.isArray(v))
    return v.length > 12 ? `[${v.slice(0, 6).map((x) => show(x, depth + 1)).join(", ")}, …(${v.length} items)]` : `[${v.map((x) => show(x, depth + 1)).join(", ")}]`;
  if (v instanceof Map) return `Map(${v.size})`;
  if (v instanceof Set) return `Set(${v.size})`;
  const proto = Object.getPrototypeOf(v);
  const kind = proto === null ? "[null prototype] " : proto !== Object.prototype ? `${proto.constructor?.name ?? "?"} ` : "";
  const entries = Reflect.ownKeys(v as object).map((k) => `${String(k)}: ${show((v as Record<PropertyKey, unknown>)[k], depth + 1)}`);
  return `${kind}{${entries.join(", ")}}`;
}

/** A field that may also be posted empty (or left out): `alternative` counts as well-shaped. */
export function orElse(arb: fc.Arbitrary<unknown>, alternative: unknown) {
  const either = withValid(
    fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(alternative) }),
    fc.oneof({ weight: 3, arbitrary: validPart(arb) }, { weight: 1, arbitrary: fc.constant(alternative) }),
  );
  return withClassics(either, classicParts.get(arb) ?? []);
}
