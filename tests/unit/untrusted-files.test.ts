import { describe, expect, it } from "vitest";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { draftFromDocx } from "@/lib/documents/word-import";
import { docxText, refusalOf, sheetRows, UPLOAD_LIMITS } from "@/lib/documents/untrusted";
import { Invalid } from "@/lib/errors";
import { queue } from "@/lib/queue";
import { manyParagraphsDocx, mergedRangeXlsx, plainDocx, zipBomb } from "@/scripts/hostile-files";

/** What a refused parse says: its limit and message; fails the test when the file was read. */
async function refusal(run: Promise<unknown>) {
  const started = performance.now();
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  // The services' usual refusal, so that every adapter shows its message.
  expect(error?.constructor).toBe(Invalid);
  const refusal = refusalOf(error);
  expect(refusal).toBeDefined();
  return { limit: refusal!.limit, message: (error as Invalid).message, seconds: (performance.now() - started) / 1000 };
}

describe("uploaded files are parsed in a worker thread with limits", () => {
  it("a .docx with 2 million empty paragraphs is refused by its paragraph count, within seconds", async () => {
    const file = await manyParagraphsDocx();
    expect(file.length).toBeLessThan(1024 * 1024);
    const r = await refusal(draftFromDocx(file));
    expect(r.limit).toBe("paragraphs");
    expect(r.message).toContain(`段落数过多（超过 ${UPLOAD_LIMITS.maxParagraphs} 段）`);
    expect(r.seconds).toBeLessThan(10);
  }, 60_000);

  it("an .xlsx declaring the merged range A2:XFD1048576 is refused by that range", async () => {
    const r = await refusal(sheetRows(await mergedRangeXlsx()));
    expect(r.limit).toBe("merged");
    expect(r.message).toContain("A2:XFD1048576");
    expect(r.seconds).toBeLessThan(10);
  }, 60_000);

  it("a zip declaring 1 GB unpacked is refused before anything is inflated; one lying about its size stops when the lie shows", async () => {
    for (const kind of ["docx", "xlsx"] as const) {
      const honest = await zipBomb(kind);
      expect(honest.length).toBeLessThan(2 * 1024 * 1024);
      const r = await refusal(kind === "docx" ? docxText(honest) : sheetRows(honest));
      expect(r.limit).toBe("unpacked");
      expect(r.message).toContain("文件解压后过大（至少 1024 MB，上限 100 MB）");
      expect(r.seconds).toBeLessThan(10);
    }
    // Declared as 1 KB, inflating to 300 MB: the stream fails at byte 1,025.
    const liar = await zipBomb("docx", { size: 300 * 1024 * 1024, lie: true });
    const r = await refusal(docxText(liar));
    expect(r.limit).toBe("lied");
    expect(r.message).toContain("实际大小超过其声明的大小");
  }, 120_000);

  it("a file within every declared limit still cannot pass the thread's heap or time limit", async () => {
    const heavy = await manyParagraphsDocx(300_000);
    const loose = { ...UPLOAD_LIMITS, maxParagraphs: 10_000_000 };
    expect((await refusal(docxText(heavy, { ...loose, heapMb: 24, seconds: 60 }))).limit).toBe("memory");
    expect((await refusal(docxText(heavy, { ...loose, heapMb: 512, seconds: 0.3 }))).limit).toBe("time");
  }, 120_000);

  it("while a worker chews on a file, the server's own event loop stays free", async () => {
    const heavy = await manyParagraphsDocx(300_000);
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const r = await refusal(docxText(heavy, { ...UPLOAD_LIMITS, maxParagraphs: 10_000_000, seconds: 3 }));
    lag.disable();
    expect(["time", "memory"]).toContain(r.limit);
    // mammoth ran for seconds on this file; the event loop of this (the server's) thread never
    // waited more than a fraction of that.
    expect(lag.max / 1e6).toBeLessThan(500);
  }, 60_000);

  it("a good file still reads", async () => {
    expect(await docxText(await plainDocx(["第一段", "第二段"]))).toContain("第一段\n\n第二段");
    const rows = await sheetRows(await mergedRangeXlsx("C1:D1"));
    expect(rows[1]).toEqual({ row: 2, cells: ["155", "关于古塘街道工业区块改造提升的建议", "", "", "", "", "", ""] });
  }, 60_000);
});

describe("queue", () => {
  it("runs at most `running` jobs, keeps at most `waiting` in line, and turns the rest away", async () => {
    const q = queue(2, 1);
    let active = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const job = () =>
      new Promise<number>((resolve) => {
        most = Math.max(most, ++active);
        release.push(() => {
          active--;
          resolve(1);
        });
      });
    const runs = [q(job), q(job), q(job), q(job)];
    expect(runs.map((r) => r !== null)).toEqual([true, true, true, false]);
    expect(release.length).toBe(2);
    release.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    // The first finished: the one in line started, and still no more than two ran.
    expect(release.length).toBe(2);
    release.splice(0).forEach((r) => r());
    expect(await Promise.all(runs.slice(0, 3))).toEqual([1, 1, 1]);
    expect(most).toBe(2);
    // A job that fails frees its place too.
    await expect(q(() => Promise.reject(new Error("x")))!).rejects.toThrow("x");
    expect(q(job)).not.toBeNull();
  });
});
