import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "../errors";
import type { WindowLimit } from "./schedules";
import { limitStore, type WindowHit } from "./store";
import { waitText } from "./wait-text";

/**
 * The limiter key of a client address. The address is whatever clientAddress() made of the
 * request (possibly a header the client wrote, of any length): hashed, so keys have one size and
 * the table holds no addresses.
 */
export function addressKey(limit: WindowLimit, address: string): string {
  return `${limit.name}:${createHash("sha256").update(address).digest("base64url").slice(0, 24)}`;
}

/** Counts one attempt from this address against the limit (in the database, shared by all instances). */
export function hitAddressLimit(options: { limit: WindowLimit; address: string }): Promise<WindowHit> {
  const { limit, address } = options;
  return limitStore().hitWindow({ key: addressKey(limit, address), limit: limit.limit, windowMs: limit.windowMs });
}

/** The 429 for a used-up window: `what` says what was refused, the rest says when to try again. */
export function windowLimitError(hit: WindowHit, what: string, details?: Record<string, unknown>): AppError {
  return new AppError("rate_limited", `${what} Try again in ${waitText(hit.retryAfter)}.`, { retryAfter: hit.retryAfter, details });
}

/** Counts one attempt under `key` (the limit's name comes first); throws the 429, saying when to try again, past the limit. */
export async function assertWithinWindow(options: { limit: WindowLimit; key: string; what: string }): Promise<void> {
  const { limit, key } = options;
  const hit = await limitStore().hitWindow({ key, limit: limit.limit, windowMs: limit.windowMs });
  if (!hit.allowed) throw windowLimitError(hit, options.what);
}

/** Counts one attempt from this address; throws the 429 (with when to try again) past the limit. */
export function assertWithinAddressLimit(options: { limit: WindowLimit; address: string; what: string }): Promise<void> {
  return assertWithinWindow({ limit: options.limit, key: addressKey(options.limit, options.address), what: options.what });
}
