import { afterEach, describe, expect, it, vi } from "vitest";
import { limitBy, MAX_KEYS, preset, rateLimit, rateLimitKeys, resetRateLimits, tooManyMessage, tooManyRequests } from "@/lib/rate-limit";

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;

afterEach(() => resetRateLimits());

describe("rateLimit: sliding window", () => {
  it("accepts `limit` requests within the window and refuses the next", () => {
    for (let i = 0; i < 3; i++) expect(rateLimit("k", 3, 60_000, s(i))).toEqual({ ok: true, remaining: 2 - i });
    expect(rateLimit("k", 3, 60_000, s(10))).toEqual({ ok: false, retryAfterSeconds: 50 });
  });

  it("frees a slot when the oldest request leaves the window, not when a fixed window restarts", () => {
    rateLimit("k", 2, 60_000, s(0));
    rateLimit("k", 2, 60_000, s(30));
    expect(rateLimit("k", 2, 60_000, s(59)).ok).toBe(false);
    // 60 s after the first request only that one has left: one slot, not two.
    expect(rateLimit("k", 2, 60_000, s(60)).ok).toBe(true);
    expect(rateLimit("k", 2, 60_000, s(61))).toEqual({ ok: false, retryAfterSeconds: 29 });
    expect(rateLimit("k", 2, 60_000, s(90)).ok).toBe(true);
  });

  it("retry-after counts down to the moment a request is accepted again, and never says 0", () => {
    rateLimit("k", 1, 10_000, s(0));
    expect(rateLimit("k", 1, 10_000, s(1))).toEqual({ ok: false, retryAfterSeconds: 9 });
    expect(rateLimit("k", 1, 10_000, s(9.5))).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(rateLimit("k", 1, 10_000, s(9.999))).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(rateLimit("k", 1, 10_000, s(10)).ok).toBe(true);
  });

  it("does not count refused requests, so hammering does not extend the wait", () => {
    rateLimit("k", 1, 60_000, s(0));
    for (let i = 1; i < 60; i++) expect(rateLimit("k", 1, 60_000, s(i)).ok).toBe(false);
    expect(rateLimit("k", 1, 60_000, s(60)).ok).toBe(true);
  });

  it("keeps keys independent", () => {
    expect(rateLimit("user:1", 1, 60_000, s(0)).ok).toBe(true);
    expect(rateLimit("user:1", 1, 60_000, s(1)).ok).toBe(false);
    expect(rateLimit("user:2", 1, 60_000, s(1)).ok).toBe(true);
    expect(limitBy({ name: "EXPORT", limit: 1, windowMs: 60_000 }, "user:1", s(1)).ok).toBe(true);
    expect(limitBy({ name: "DOCUMENT", limit: 1, windowMs: 60_000 }, "user:1", s(1)).ok).toBe(true);
  });
});

describe("rateLimit: memory", () => {
  it("holds at most MAX_KEYS keys, dropping those whose window has passed before any live one", () => {
    for (let i = 0; i < MAX_KEYS - 1; i++) rateLimit(`ip:${i}`, 5, 1_000, s(0));
    rateLimit("live", 1, 3_600_000, s(0));
    expect(rateLimitKeys()).toBe(MAX_KEYS);
    // Ten seconds on, the short windows have passed; the next new key sweeps them out.
    rateLimit("new", 5, 1_000, s(10));
    expect(rateLimitKeys()).toBe(2);
    expect(rateLimit("live", 1, 3_600_000, s(11))).toEqual({ ok: false, retryAfterSeconds: 3589 });
  });

  it("evicts the least recently used per-address keys when none has expired; a flood of addresses never resets an account's limit", () => {
    rateLimit("UPLOAD:user:7", 1, 3_600_000, s(0));
    rateLimit("LOGIN:ip:10.9.9.9", 1, 3_600_000, s(0));
    for (let i = 0; i < MAX_KEYS + 500; i++) rateLimit(`LOGIN:ip:10.20.${i}`, 1, 3_600_000, s(1));
    expect(rateLimitKeys()).toBeLessThanOrEqual(MAX_KEYS);
    // The oldest address was dropped, so it may act again; the most recent still remembers its request.
    expect(rateLimit("LOGIN:ip:10.9.9.9", 1, 3_600_000, s(2)).ok).toBe(true);
    expect(rateLimit(`LOGIN:ip:10.20.${MAX_KEYS + 499}`, 1, 3_600_000, s(2)).ok).toBe(false);
    // The account's upload limit, older than all of them, is still counted.
    expect(rateLimit("UPLOAD:user:7", 1, 3_600_000, s(2)).ok).toBe(false);
  });

  it("keeps no more than `limit` times per key", () => {
    for (let i = 0; i < 1000; i++) rateLimit("k", 3, 60_000, s(i / 100));
    expect(rateLimitKeys()).toBe(1);
    expect(rateLimit("k", 3, 60_000, s(10))).toEqual({ ok: false, retryAfterSeconds: 50 });
  });
});

describe("presets", () => {
  it("take their defaults, or BANLI_RATE_<NAME> as <count>/<seconds>", () => {
    expect(preset("EXPORT", 20, 60, {})).toEqual({ name: "EXPORT", limit: 20, windowMs: 60_000 });
    expect(preset("EXPORT", 20, 60, { BANLI_RATE_EXPORT: "5/10" })).toEqual({ name: "EXPORT", limit: 5, windowMs: 10_000 });
    expect(preset("EXPORT", 20, 60, { BANLI_RATE_EXPORT: " 5 / 10 " })).toEqual({ name: "EXPORT", limit: 5, windowMs: 10_000 });
  });

  it("ignore a malformed setting (with a warning), and lift the limit with off", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    for (const bad of ["five", "0/60", "5/0", "5", "-1/60"])
      expect(preset("EXPORT", 20, 60, { BANLI_RATE_EXPORT: bad })).toEqual({ name: "EXPORT", limit: 20, windowMs: 60_000 });
    expect(warn).toHaveBeenCalledTimes(5);
    warn.mockRestore();
    const off = preset("EXPORT", 20, 60, { BANLI_RATE_EXPORT: "off" });
    for (let i = 0; i < 100; i++) expect(limitBy(off, "user:1", s(0)).ok).toBe(true);
    expect(rateLimitKeys()).toBe(0);
  });
});

describe("tooManyRequests", () => {
  it("answers 429 with Retry-After and a sentence in Chinese", async () => {
    const response = tooManyRequests(42);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect(await response.text()).toBe("操作过于频繁，请 42 秒后再试。");
    expect(tooManyMessage(1)).toBe("操作过于频繁，请 1 秒后再试。");
  });
});
