import { AppError } from "../errors";

/**
 * Failed joins (unknown codes) per address, in memory: at most FAILED_JOIN_LIMIT in a window of
 * FAILED_JOIN_WINDOW_MS; after that every lookup from that address is refused until the window ends.
 */
export const FAILED_JOIN_LIMIT = 20;
export const FAILED_JOIN_WINDOW_MS = 10 * 60_000;

interface Entry {
  count: number;
  windowStart: number;
}

const globalForLimits = globalThis as unknown as { reelmatchFailedJoins?: Map<string, Entry>; reelmatchAllFailedJoins?: Entry };
const failures = (globalForLimits.reelmatchFailedJoins ??= new Map<string, Entry>());

function current(address: string, now: number): Entry | undefined {
  const entry = failures.get(address);
  if (entry && now - entry.windowStart > FAILED_JOIN_WINDOW_MS) {
    failures.delete(address);
    return undefined;
  }
  return entry;
}

/** Throws rate_limited when this address has failed too often lately. */
export function assertJoinAllowed(options: { address: string; now?: number }): void {
  const now = options.now ?? Date.now();
  const entry = current(options.address, now);
  if (entry && entry.count >= FAILED_JOIN_LIMIT) {
    const retryAfter = Math.max(1, Math.ceil((entry.windowStart + FAILED_JOIN_WINDOW_MS - now) / 1000));
    throw new AppError("rate_limited", "Too many wrong room codes from this address. Wait a few minutes and try again.", { retryAfter });
  }
}

/**
 * Failed lookups across all addresses. The address of a request is what the proxy in front (or the
 * client itself, when there is none) puts in X-Forwarded-For, so someone guessing codes can give
 * each request another address. Past this many failures in a window, people who are neither in the
 * room nor signed in get the same 429 for every code, existing or not, until the window ends: no
 * guess can tell a room from no room, while everyone already in a room swipes on. 200 per 10
 * minutes is far beyond typos, and leaves 31^8 codes about a million years of guessing per room.
 */
export const STRANGER_FAILED_JOIN_LIMIT = 200;

const globalWindow = (globalForLimits.reelmatchAllFailedJoins ??= { count: 0, windowStart: 0 });

function globalCount(now: number): number {
  if (now - globalWindow.windowStart > FAILED_JOIN_WINDOW_MS) {
    globalWindow.count = 0;
    globalWindow.windowStart = now;
  }
  return globalWindow.count;
}

/** Counts one failed join (an unknown or malformed code) for this address, and for all. */
export function recordFailedJoin(options: { address: string; now?: number }): void {
  const now = options.now ?? Date.now();
  if (failures.size > 10_000) failures.clear();
  const entry = current(options.address, now);
  if (entry) entry.count++;
  else failures.set(options.address, { count: 1, windowStart: now });
  globalCount(now);
  globalWindow.count++;
}

/** Throws rate_limited for strangers (not in the room, not signed in) while codes are being guessed. */
export function assertStrangerLookupAllowed(options: { now?: number } = {}): void {
  const now = options.now ?? Date.now();
  if (globalCount(now) < STRANGER_FAILED_JOIN_LIMIT) return;
  const retryAfter = Math.max(1, Math.ceil((globalWindow.windowStart + FAILED_JOIN_WINDOW_MS - now) / 1000));
  throw new AppError("rate_limited", "Too many wrong room codes were tried on this server lately, so joining is paused for a few minutes. Wait and try again, or ask the host to let you in with their link later.", { retryAfter });
}

/** The client's address (lib/api/client-address.ts; TRUST_PROXY decides whether X-Forwarded-For counts). */
export { clientAddress } from "../api/client-address";
