import "server-only";
import { getConfig } from "../config";
import { log } from "../log";
import { resolveClientAddress, SOCKET_ADDRESS_HEADER } from "./trust-proxy";

let warned = false;

/**
 * The client's address, for rate limits: the TCP peer as scripts/server.mjs stamped it, or, when
 * TRUST_PROXY says that peer is a proxy of ours, the address that proxy put in X-Forwarded-For.
 * Served by anything but scripts/server.mjs the stamp is missing and every client looks alike.
 */
export function clientAddress(headers: Headers): string {
  const socket = headers.get(SOCKET_ADDRESS_HEADER);
  if (!socket && !warned) {
    warned = true;
    log.warn("requests arrive without the socket address: start Reelmatch with `npm start` (scripts/server.mjs), not `next start`, or rate limits cannot tell clients apart");
  }
  return resolveClientAddress({ socket: socket || "unknown", forwardedFor: headers.get("x-forwarded-for"), trust: getConfig().trustProxy });
}
