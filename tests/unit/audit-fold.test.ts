import { beforeEach, describe, expect, it } from "vitest";
import { foldRefusal, resetFolding } from "@/lib/audit-fold";

/* Repeated identical refusals: the 1st, 10th, 100th … of a 10-minute run are written, with the count. */

beforeEach(() => resetFolding());

describe("foldRefusal", () => {
  it("writes the 1st, 10th, 100th and 1000th of a run, and counts every one", () => {
    const t0 = Date.UTC(2026, 11, 2, 2, 0);
    const written: number[] = [];
    for (let i = 1; i <= 1500; i++) {
      const f = foldRefusal("10.0.0.1|login.rate_limited|", t0 + i);
      expect(f.count).toBe(i);
      expect(f.since.getTime()).toBe(t0 + 1);
      if (f.write) written.push(f.count);
    }
    expect(written).toEqual([1, 10, 100, 1000]);
  });

  it("starts a new run after 10 minutes, and keeps other keys apart", () => {
    const t0 = Date.UTC(2026, 11, 2, 2, 0);
    expect(foldRefusal("a", t0).write).toBe(true);
    expect(foldRefusal("a", t0 + 1000).write).toBe(false);
    expect(foldRefusal("b", t0 + 1000).write).toBe(true);
    expect(foldRefusal("a", t0 + 10 * 60_000 + 1)).toMatchObject({ write: true, count: 1 });
  });

  it("forgets the oldest runs first when many addresses come: memory stays bounded, a forgotten run writes again", () => {
    const t0 = Date.UTC(2026, 11, 2, 2, 0);
    foldRefusal("first", t0);
    for (let i = 0; i < 10_000; i++) foldRefusal(`key${i}`, t0 + 1);
    expect(foldRefusal("first", t0 + 2)).toMatchObject({ write: true, count: 1 });
    expect(foldRefusal("key9999", t0 + 2)).toMatchObject({ write: false, count: 2 });
  });
});
