import path from "node:path";

/**
 * The server's JavaScript heap ceiling. Left alone, V8 sizes the heap from the machine's memory and
 * lets garbage pile up: the server reached 0.9–1 GB resident at 100,000 proposals. With a ceiling it
 * collects sooner; measured at 100,000 proposals (bench/results), the largest allowed export (20,000
 * rows) and every page fit well under it. `BANLI_HEAP_MB` overrides it.
 */
export const DEFAULT_HEAP_MB = 384;

export function serverNodeArgs(): string[] {
  const mb = Number(process.env.BANLI_HEAP_MB ?? DEFAULT_HEAP_MB);
  return [`--max-old-space-size=${Number.isInteger(mb) && mb >= 128 ? mb : DEFAULT_HEAP_MB}`];
}

/**
 * How the server is started, by `npm start` and by the test harness alike: Node with the heap
 * ceiling (and any further Node options), then scripts/serve.mjs on the port and host.
 */
export function serverCommand(port: string | number, host?: string, nodeArgs: string[] = []): string[] {
  return [...serverNodeArgs(), ...nodeArgs, path.join(process.cwd(), "scripts", "serve.mjs"), "-p", String(port), ...(host ? ["-H", host] : [])];
}
