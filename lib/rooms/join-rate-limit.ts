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

const globalForLimits = globalThis as unknown as { reelmatchFailedJoins?: Map<string, Entry> };
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

/** Counts one failed join (an unknown or malformed code) for this address. */
export function recordFailedJoin(options: { address: string; now?: number }): void {
  const now = options.now ?? Date.now();
  if (failures.size > 10_000) failures.clear();
  const entry = current(options.address, now);
  if (entry) entry.count++;
  else failures.set(options.address, { count: 1, windowStart: now });
}

/** The client's address as the proxy in front reports it (X-Forwarded-For, X-Real-IP), else "direct". */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "direct";
}
