import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxies } from "@/lib/client-address.mjs";

describe("clientAddress: X-Forwarded-For only from a trusted proxy", () => {
  it("served directly, a made-up header is ignored: the socket's address counts", () => {
    const none = trustedProxies("none");
    expect(clientAddress(none, "203.0.113.7", "1.2.3.4")).toBe("203.0.113.7");
    expect(clientAddress(none, "::ffff:203.0.113.7", "1.2.3.4, 5.6.7.8")).toBe("203.0.113.7");
    // By default only the loopback is trusted: a remote client's header is ignored as well.
    expect(clientAddress(trustedProxies(undefined), "203.0.113.7", "1.2.3.4")).toBe("203.0.113.7");
  });

  it("behind a trusted proxy, the address that proxy saw, never what the client wrote in front of it", () => {
    const trusted = trustedProxies("10.0.0.0/8, 192.0.2.1");
    // The client wrote "1.2.3.4"; the proxy 10.0.0.5 appended the address it saw.
    expect(clientAddress(trusted, "10.0.0.5", "1.2.3.4, 198.51.100.9")).toBe("198.51.100.9");
    // Two trusted hops: the outer proxy (192.0.2.1) reported the client to the inner one.
    expect(clientAddress(trusted, "10.0.0.5", "1.2.3.4, 198.51.100.9, 192.0.2.1")).toBe("198.51.100.9");
    // A trusted proxy that sent nothing, or garbage: its own address.
    expect(clientAddress(trusted, "10.0.0.5", undefined)).toBe("10.0.0.5");
    expect(clientAddress(trusted, "10.0.0.5", "<script>")).toBe("10.0.0.5");
    // The loopback default, for a proxy on the same machine.
    expect(clientAddress(trustedProxies(undefined), "127.0.0.1", "198.51.100.9")).toBe("198.51.100.9");
    expect(clientAddress(trustedProxies(undefined), "::1", "2001:db8::1")).toBe("2001:db8::1");
  });

  it("refuses a setting it cannot read, instead of trusting nothing or everything silently", () => {
    expect(() => trustedProxies("10.0.0.0/8, proxy.local")).toThrow(/proxy.local/);
    expect(() => trustedProxies("10.0.0.0/abc")).toThrow(/not an address/);
  });
});
