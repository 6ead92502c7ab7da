import { describe, expect, it } from "vitest";
import { compareTexts, MAX_EDITS, MAX_MS } from "@/lib/documents/compare";

/** Two versions of a draft compared word by word, in Chinese, with bounded work. */
describe("compareTexts", () => {
  it("marks whole Chinese words added and removed, and counts characters", () => {
    const r = compareTexts("我局将于年内启动改造。", "我局将于今年六月启动改造提升。")!;
    expect(r.parts).toEqual([
      { kind: "same", text: "我局将于" },
      { kind: "removed", text: "年内" },
      { kind: "added", text: "今年六月" },
      { kind: "same", text: "启动改造" },
      { kind: "added", text: "提升" },
      { kind: "same", text: "。" },
    ]);
    expect([r.added, r.removed]).toEqual([6, 2]);
  });

  it("reads the same text as the same, and keeps every character of both sides", () => {
    const before = "一、关于古塘街道工业区块改造。\n二、关于配套道路。";
    const after = "一、关于古塘街道工业区块改造提升。\n三、关于人才公寓。";
    expect(compareTexts(before, before)).toEqual({ parts: [{ kind: "same", text: before }], added: 0, removed: 0 });
    const r = compareTexts(before, after)!;
    expect(r.parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe(before);
    expect(r.parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(after);
  });

  it("gives up on two long texts with nothing in common instead of working without bound", () => {
    const a = "古塘街道工业区块改造提升".repeat(1700);
    const b = "老旧小区加装电梯资金补助".repeat(1700);
    const started = performance.now();
    expect(compareTexts(a, b)).toBeNull();
    // Stopped by its bounds (edits, then time), well before the unbounded diff's seconds.
    expect(MAX_EDITS).toBeLessThan(a.length);
    expect(performance.now() - started).toBeLessThan(MAX_MS * 4);
  });
});
