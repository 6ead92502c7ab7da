// @ts-check
/**
 * Whose request is it: the address of the socket, unless that socket is a proxy this deployment
 * trusts (`BANLI_TRUSTED_PROXIES`), in which case the proxy's X-Forwarded-For is read from the
 * right, past every trusted hop, to the first address that is not one. Anything a client wrote
 * into the header in front of the trusted proxies is never reached. Served directly, the header is
 * ignored altogether.
 *
 * `BANLI_TRUSTED_PROXIES`: addresses and CIDR ranges, comma-separated ("127.0.0.1, 10.0.0.0/8,
 * ::1"). Unset: the loopback addresses (a reverse proxy on the same machine). "none": nothing.
 *
 * Plain JavaScript because the server (scripts/serve.mjs) uses it before Next's bundle runs.
 */
import { BlockList, isIP } from "node:net";

/** "::ffff:10.0.0.1" → "10.0.0.1"; anything else as written. */
export function plainAddress(/** @type {string | undefined | null} */ address) {
  return (address ?? "").trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
}

/** The trusted proxies from their setting; throws on an entry that is not an address or range. */
export function trustedProxies(/** @type {string | undefined} */ setting) {
  const list = new BlockList();
  const entries = setting === undefined ? ["127.0.0.1/8", "::1"] : setting.trim() === "none" ? [] : setting.split(",").map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const family = isIP(address);
    if (!family || (bits !== undefined && !/^\d{1,3}$/.test(bits))) throw new Error(`BANLI_TRUSTED_PROXIES: "${entry}" is not an address or a CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/** Is this address one of the trusted proxies? */
export function isTrusted(/** @type {BlockList} */ trusted, /** @type {string} */ address) {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address for a request that arrived on a socket from `socketAddress` carrying
 * `forwardedFor` (the X-Forwarded-For header, possibly several joined by commas).
 */
export function clientAddress(/** @type {BlockList} */ trusted, /** @type {string | undefined} */ socketAddress, /** @type {string | string[] | undefined} */ forwardedFor) {
  let address = plainAddress(socketAddress);
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map(plainAddress).filter(Boolean);
  while (isTrusted(trusted, address) && chain.length) {
    const next = /** @type {string} */ (chain.pop());
    if (!isIP(next)) break;
    address = next;
  }
  return address || "-";
}
