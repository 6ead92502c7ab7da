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

/**
 * The client's address. `next start` sets x-forwarded-for to the socket's address when the request
 * has none. Behind the reverse proxy of a deployment, the proxy sets or appends it: the LAST entry is
 * the one our own proxy wrote, so a value the client made up in front of it is not believed. (Served
 * directly, without a proxy, a client could still send its own header: deploy behind the proxy.)
 */
/** Who sent the request being handled (pages and Server Actions: from Next's headers). */
export async function requestOf(): Promise<RequestInfo> {
  const h = await headers();
  return { ip: clientIp((n) => h.get(n)), userAgent: h.get("user-agent") ?? "" };
}

/** Who sent a route handler's request. */
export function requestInfoOf(request: Request): RequestInfo {
  return { ip: clientIp((name) => request.headers.get(name)), userAgent: (request.headers.get("user-agent") ?? "").slice(0, 300) };
}

export function clientIp(get: (name: string) => string | null | undefined): string {
  const forwarded = get("x-forwarded-for")?.split(",").at(-1)?.trim();
  const ip = forwarded || get("x-real-ip")?.trim() || "-";
  return ip.replace(/^::ffff:/, "").slice(0, 64);
}
