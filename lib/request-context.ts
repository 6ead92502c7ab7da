import { AsyncLocalStorage } from "node:async_hooks";
import { headers } from "next/headers";

/** Who is on the other end of the current request, for the audit log. */
export type RequestInfo = { ip: string; userAgent: string };

const storage = new AsyncLocalStorage<RequestInfo>();

export function withRequest<T>(info: RequestInfo, fn: () => T): T {
  return storage.run(info, fn);
}

export function requestInfo(): RequestInfo {
  return storage.getStore() ?? { ip: "-", userAgent: "" };
}

/** Who sent the request being handled (pages and Server Actions: from Next's headers). */
export async function requestOf(): Promise<RequestInfo> {
  const h = await headers();
  return { ip: clientIp((n) => h.get(n)), userAgent: h.get("user-agent") ?? "" };
}

/** Who sent a route handler's request. */
export function requestInfoOf(request: Request): RequestInfo {
  return { ip: clientIp((name) => request.headers.get(name)), userAgent: (request.headers.get("user-agent") ?? "").slice(0, 300) };
}

/**
 * The client's address. The server (scripts/serve.mjs) replaces X-Forwarded-For with the one
 * address to believe before the app sees the request: the socket's, or what a trusted proxy
 * reported (lib/client-address.mjs). Only the last entry is read, should anything else have
 * passed a list on.
 */
export function clientIp(get: (name: string) => string | null | undefined): string {
  const ip = get("x-forwarded-for")?.split(",").at(-1)?.trim() || "-";
  return ip.replace(/^::ffff:/, "").slice(0, 64);
}
