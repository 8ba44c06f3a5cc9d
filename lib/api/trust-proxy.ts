import { BlockList, isIP } from "node:net";

/**
 * Which proxies in front of Reelmatch may tell it the client's address (TRUST_PROXY), and how the
 * client's address is worked out from the socket and X-Forwarded-For. Pure: no configuration read.
 */
export type TrustProxy =
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "list"; entries: string[]; list: BlockList };

/**
 * The header scripts/server.mjs sets on every request to the address of the TCP peer, overwriting
 * anything a client sent under that name (keep the two spellings equal).
 */
export const SOCKET_ADDRESS_HEADER = "x-reelmatch-socket-address";

/** "::ffff:10.0.0.1" -> "10.0.0.1", "[::1]:80" -> "::1", "10.0.0.1:5678" -> "10.0.0.1"; else trimmed. */
export function normalizeAddress(raw: string): string {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  return a.toLowerCase();
}

/**
 * Parses TRUST_PROXY: empty, "false" or "0" trusts nobody (the socket address is the client);
 * a whole number N trusts the N proxies nearest to the app (TRUST_PROXY=1: one proxy in front);
 * otherwise a comma-separated list of proxy addresses and CIDR ranges. Throws an Error whose
 * message says what is wrong.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "false" || v === "off" || v === "no" || v === "0") return { kind: "none" };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 20) throw new Error(`TRUST_PROXY must be a number of proxies from 0 to 20, or a list of proxy addresses (got ${JSON.stringify(value)})`);
    return { kind: "hops", hops };
  }
  const list = new BlockList();
  const entries = v.split(",").map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(normalizeAddress(address));
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!family || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128) || (prefix !== undefined && !/^\d+$/.test(prefix))) {
      throw new Error(`TRUST_PROXY: "${entry}" is not an IP address or CIDR range; use a number of proxies (such as 1) or addresses such as 10.0.0.2,172.16.0.0/12`);
    }
    list.addSubnet(normalizeAddress(address), bits, family === 4 ? "ipv4" : "ipv6");
  }
  return { kind: "list", entries, list };
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Whether the socket's peer is a proxy of ours (so headers it adds, such as X-Request-Id, are believed). */
export function isTrustedProxy(socket: string, trust: TrustProxy): boolean {
  if (trust.kind === "none") return false;
  if (trust.kind === "hops") return trust.hops > 0;
  return isTrusted(trust.list, normalizeAddress(socket));
}

/**
 * The client's address: the socket's peer unless it is a trusted proxy, in which case the
 * X-Forwarded-For entries are walked from the right (each one added by the proxy nearer to us)
 * past trusted proxies. A client can put anything at the left of X-Forwarded-For, so nothing to the
 * left of the first untrusted hop is ever used.
 */
export function resolveClientAddress(options: { socket: string; forwardedFor: string | null; trust: TrustProxy }): string {
  const socket = normalizeAddress(options.socket);
  const { trust } = options;
  if (trust.kind === "none") return socket;
  const forwarded = (options.forwardedFor ?? "").split(",").map(normalizeAddress).filter(Boolean);
  const hops = [...forwarded, socket];
  if (trust.kind === "hops") return hops[Math.max(0, hops.length - 1 - trust.hops)]!;
  for (let i = hops.length - 1; i > 0; i--) if (!isTrusted(trust.list, hops[i]!)) return hops[i]!;
  return hops[0]!;
}
