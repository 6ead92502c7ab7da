import { resetFolding } from "./audit-fold";
/**
 * Request rate limits, kept in this process's memory: Banli runs as one `next start` process, so
 * one map sees every request, and a restart forgetting the counts is harmless (the sign-in lockout
 * that must survive restarts lives in the database, lib/auth/lockout.ts).
 *
 * Sliding window log: a key may act `limit` times within any `windowMs`. Each key keeps the times
 * of its accepted requests inside the window (at most `limit` numbers); a refused request is not
 * recorded, so hammering past the limit does not push the end of the wait further out, and
 * `retryAfterSeconds` is exactly when the oldest accepted request leaves the window.
 *
 * Memory is bounded: at most MAX_KEYS keys. When full, keys whose window has passed are dropped
 * first; if that is not enough, the least recently used per-address keys (subject "ip:…"), down to
 * nine tenths of MAX_KEYS so that the sweep does not run again for each of the next new keys. Keys
 * of accounts and of the whole server are never evicted while their window runs: there are only as
 * many as there are accounts, and a flood of new addresses must not reset another person's limits.
 */

export type RateLimitResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export const MAX_KEYS = 10_000;

type Entry = { hits: number[]; windowMs: number };
// On globalThis: Next bundles each route separately, and a module-level map could exist once per
// bundle; the limits must count one account's requests across routes and actions alike.
const store = globalThis as typeof globalThis & { __banliRateLimits?: Map<string, Entry> };
const entries = (store.__banliRateLimits ??= new Map<string, Entry>());

export function rateLimit(key: string, limit: number, windowMs: number, at: number = Date.now()): RateLimitResult {
  const entry = entries.get(key);
  const hits = entry ? entry.hits.filter((t) => t > at - windowMs) : [];
  if (hits.length >= limit) {
    // Keep the pruned log without touching the key's recency: a refused caller is not "in use".
    if (entry) entry.hits = hits;
    const oldest = hits[hits.length - limit];
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - at) / 1000)) };
  }
  hits.push(at);
  // Re-inserting moves the key to the end of the map's order, which is what eviction reads as recency.
  entries.delete(key);
  entries.set(key, { hits, windowMs });
  if (entries.size > MAX_KEYS) evict(at);
  return { ok: true, remaining: limit - hits.length };
}

function evict(at: number) {
  for (const [key, { hits, windowMs }] of entries) if (hits.every((t) => t <= at - windowMs)) entries.delete(key);
  if (entries.size <= MAX_KEYS) return;
  // Map iteration is in insertion order, oldest use first.
  for (const key of entries.keys()) {
    if (entries.size <= MAX_KEYS * 0.9) break;
    if (isAddressKey(key)) entries.delete(key);
  }
}

/** A key counted per client address ("LOGIN:ip:10.0.0.1"), the only kind a flood can evict. */
const isAddressKey = (key: string) => key.includes(":ip:");

/** How many keys are held; for tests. */
export const rateLimitKeys = () => entries.size;

/** Forgets every count; for tests. */
/** For tests: forget every address's counts, and the runs of folded refusals (also per address). */
export const resetRateLimits = () => {
  entries.clear();
  resetFolding();
};

export type RateLimitPreset = { name: string; limit: number; windowMs: number };

/**
 * A named limit, overridable by `BANLI_RATE_<NAME>` = "<count>/<seconds>" (e.g. `BANLI_RATE_EXPORT=60/60`);
 * "off" lifts it. Read once when the server starts.
 */
export function preset(name: string, limit: number, windowSeconds: number, env: Record<string, string | undefined> = process.env): RateLimitPreset {
  const raw = env[`BANLI_RATE_${name}`]?.trim();
  if (raw === "off") return { name, limit: Number.POSITIVE_INFINITY, windowMs: windowSeconds * 1000 };
  const m = raw ? /^(\d+)\s*\/\s*(\d+)$/.exec(raw) : null;
  if (raw && (!m || Number(m[1]) < 1 || Number(m[2]) < 1)) {
    console.warn(`BANLI_RATE_${name}="${raw}" is not "<count>/<seconds>"; using ${limit}/${windowSeconds}`);
    return { name, limit, windowMs: windowSeconds * 1000 };
  }
  return m ? { name, limit: Number(m[1]), windowMs: Number(m[2]) * 1000 } : { name, limit, windowMs: windowSeconds * 1000 };
}

/** `rateLimit` under a preset, for one subject (an account, an address, or the whole server). */
export function limitBy(p: RateLimitPreset, subject: string, at?: number): RateLimitResult {
  if (p.limit === Number.POSITIVE_INFINITY) return { ok: true, remaining: Number.POSITIVE_INFINITY };
  return rateLimit(`${p.name}:${subject}`, p.limit, p.windowMs, at);
}

/*
 * The presets. Per account unless named otherwise; generous enough that a person working quickly
 * never meets them, tight enough that a script cannot tie up the two cores.
 */

/**
 * Sign-in attempts from one client address (every attempt counts, successful or not). For
 * `authorize` in auth.ts: check it first, before the database and the password hash, and refuse
 * with the RATE_LIMITED error when `ok` is false. Generous because an office behind one NAT address
 * signs in together in the morning; guessing one account's password is stopped by the per-name
 * lockout in the database, this stops spraying many names from one address.
 */
export const LOGIN = preset("LOGIN", 30, 5 * 60);
/** The same preset, named for what it counts. */
export const LOGIN_PER_IP = LOGIN;
/** Excel exports of lists and dashboard tables (all pages, built in memory). */
export const EXPORT = preset("EXPORT", 20, 60);
/** A letter as .docx. */
export const DOCUMENT = preset("DOCUMENT", 30, 60);
/** A letter as PDF: each one starts a LibreOffice process (seconds of CPU, hundreds of MB). */
export const DOCUMENT_RENDER = preset("DOCUMENT_RENDER", 6, 60);
/** PDF conversions by everyone together, so that many accounts cannot saturate the server either. */
export const DOCUMENT_RENDER_SERVER = preset("DOCUMENT_RENDER_SERVER", 30, 60);
/** Spreadsheet import: the template download, and previews and imports (for the import actions). */
export const IMPORT = preset("IMPORT", 20, 60);
/** Attachment and Word uploads (for the upload actions): each stores or parses up to 20 MB. */
export const UPLOAD = preset("UPLOAD", 30, 5 * 60);
/** Attachment downloads: cheap streams, so only a guard against scripted bulk downloading. */
export const ATTACHMENT = preset("ATTACHMENT", 120, 60);

/** The sentence a person sees when refused. */
export const tooManyMessage = (retryAfterSeconds: number) => `操作过于频繁，请 ${retryAfterSeconds} 秒后再试。`;
export const serverBusyMessage = (retryAfterSeconds: number) => `系统繁忙，请 ${retryAfterSeconds} 秒后再试。`;

/**
 * For a route handler: null when the subject may go on (the request is counted), else the 429 to
 * return. Route handlers key by account (`user:<id>`), after the sign-in check.
 */
export function overLimit(p: RateLimitPreset, subject: string, message: (retryAfterSeconds: number) => string = tooManyMessage): Response | null {
  const result = limitBy(p, subject);
  return result.ok ? null : tooManyRequests(result.retryAfterSeconds, message(result.retryAfterSeconds));
}

/** HTTP 429 for a route handler, with Retry-After (RFC 9110 §10.2.3) and the sentence. */
export function tooManyRequests(retryAfterSeconds: number, message = tooManyMessage(retryAfterSeconds)): Response {
  return new Response(message, {
    status: 429,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "retry-after": String(retryAfterSeconds),
      "cache-control": "no-store",
    },
  });
}
