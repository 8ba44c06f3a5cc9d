import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { normalizeAddress, parseTrustProxy, resolveClientAddress } from "@/lib/api/trust-proxy";

const resolve = (trust: string | undefined, socket: string, forwardedFor: string | null) =>
  resolveClientAddress({ socket, forwardedFor, trust: parseTrustProxy(trust) });

describe("TRUST_PROXY parsing", () => {
  it("is off when unset, empty, false or 0", () => {
    for (const v of [undefined, "", " ", "false", "off", "0"]) expect(parseTrustProxy(v)).toEqual({ kind: "none" });
  });
  it("takes a number of proxies", () => {
    expect(parseTrustProxy("1")).toEqual({ kind: "hops", hops: 1 });
    expect(parseTrustProxy(" 2 ")).toEqual({ kind: "hops", hops: 2 });
    expect(() => parseTrustProxy("21")).toThrow(/from 0 to 20/);
  });
  it("takes addresses and CIDR ranges, IPv4 and IPv6", () => {
    const trust = parseTrustProxy("10.0.0.2, 172.16.0.0/12,fd00::/8, ::1");
    expect(trust.kind).toBe("list");
    expect(trust.kind === "list" && trust.entries).toEqual(["10.0.0.2", "172.16.0.0/12", "fd00::/8", "::1"]);
  });
  it("refuses what is not an address, naming the entry", () => {
    for (const bad of ["proxy.local", "10.0.0.0/33", "10.0.0.1/8/2", "10.0.0.0/x", "fd00::/129", "true", "-1"]) {
      expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
    }
  });
  it("stops start-up with a message naming TRUST_PROXY", () => {
    expect(() => parseConfig({ TRUST_PROXY: "my-proxy", SECRET: "s".repeat(40) })).toThrow(/TRUST_PROXY: "my-proxy" is not an IP address/);
    expect(parseConfig({ SECRET: "s".repeat(40) }).trustProxy).toEqual({ kind: "none" });
  });
});

describe("the client's address", () => {
  it("normalizes IPv4-mapped IPv6, ports and brackets", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress(" 203.0.113.9:5678")).toBe("203.0.113.9");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
  });

  it("with TRUST_PROXY off is the socket address; a made-up X-Forwarded-For is ignored", () => {
    expect(resolve(undefined, "::ffff:192.168.1.20", "203.0.113.9")).toBe("192.168.1.20");
    expect(resolve(undefined, "192.168.1.20", null)).toBe("192.168.1.20");
  });

  it("with TRUST_PROXY=1 is the last hop of X-Forwarded-For (what our one proxy saw)", () => {
    expect(resolve("1", "10.0.0.2", "6.6.6.6, 198.51.100.7")).toBe("198.51.100.7");
    expect(resolve("1", "10.0.0.2", "198.51.100.7")).toBe("198.51.100.7");
    // no header: the proxy did not say, so the socket is all we know
    expect(resolve("1", "10.0.0.2", null)).toBe("10.0.0.2");
  });

  it("with TRUST_PROXY=2 skips two hops, never further left than the list goes", () => {
    expect(resolve("2", "10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.3")).toBe("198.51.100.7");
    expect(resolve("2", "10.0.0.2", "10.0.0.3")).toBe("10.0.0.3");
  });

  it("with a list skips only the listed proxies", () => {
    const trust = "10.0.0.0/8, 2001:db8::/32";
    // the socket is not a listed proxy: X-Forwarded-For is the client's own claim, ignored
    expect(resolve(trust, "192.168.1.20", "6.6.6.6")).toBe("192.168.1.20");
    // the socket is a listed proxy: walk right to left past listed proxies
    expect(resolve(trust, "10.0.0.2", "6.6.6.6, 198.51.100.7, 10.9.9.9")).toBe("198.51.100.7");
    expect(resolve(trust, "::ffff:10.0.0.2", "2001:db8::5, 203.0.113.4")).toBe("203.0.113.4");
    expect(resolve(trust, "2001:db8::1", "203.0.113.4")).toBe("203.0.113.4");
    // every hop trusted: the left-most one is the best we have
    expect(resolve(trust, "10.0.0.2", "10.0.0.3")).toBe("10.0.0.3");
    // junk in X-Forwarded-For is not a listed proxy, so it stops the walk (it is what our proxy saw)
    expect(resolve(trust, "10.0.0.2", "6.6.6.6, not-an-ip")).toBe("not-an-ip");
  });
});
