/**
 * Repeated identical refusals are folded, so nobody can fill the audit log by repeating one refused
 * request (3,000 anonymous sign-in attempts once made 3,000 entries kept for six months). Per
 * address, kind and object, within 10 minutes: the first refusal is written, then one entry at the
 * 10th, 100th, 1,000th …, each with the count so far and when the run began. Bounded memory: the
 * oldest runs are forgotten first (a forgotten run starts again with a written entry).
 */
const WINDOW_MS = 10 * 60_000;
const MAX_RUNS = 10_000;
const runs = new Map<string, { since: number; count: number }>();

export type Fold = { write: boolean; count: number; since: Date };

export function foldRefusal(key: string, nowMs = Date.now()): Fold {
  let run = runs.get(key);
  if (!run || nowMs - run.since > WINDOW_MS) {
    runs.delete(key);
    run = { since: nowMs, count: 0 };
    runs.set(key, run);
    if (runs.size > MAX_RUNS) runs.delete(runs.keys().next().value!);
  }
  run.count++;
  return { write: run.count === 1 || /^10+$/.test(String(run.count)), count: run.count, since: new Date(run.since) };
}

/**
 * The detail to write for one more refusal under `key`, or null when it is folded into its run:
 * a written repeat carries the count so far and when the run began.
 */
export function foldedDetail(key: string, detail?: Record<string, unknown>): Record<string, unknown> | undefined | null {
  const fold = foldRefusal(key);
  if (!fold.write) return null;
  return fold.count > 1 ? { ...detail, repeated: fold.count, since: fold.since.toISOString() } : detail;
}

/** For tests: forget every run. */
export function resetFolding() {
  runs.clear();
}
