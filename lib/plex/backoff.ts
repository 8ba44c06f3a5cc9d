import { PlexError } from "./errors";

/**
 * plex.tv answers 429 (code 1003 "API rate limit exceeded") to bursts; the reference asks for a
 * jittered back-off (PLEX_API.md 8). A rate-limited call is tried again after Retry-After when
 * plex.tv sends one, else after an exponential delay, each with up to +50% random jitter, at most
 * `attempts` times in all and never waiting longer than `maxWaitMs` at once: a longer Retry-After
 * is passed on to the caller at once rather than holding a sign-in open.
 */
export interface BackoffOptions {
  attempts: number;
  baseMs: number;
  maxWaitMs: number;
  /** Injected by tests; Math.random otherwise. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const PLEX_TV_BACKOFF: BackoffOptions = { attempts: 4, baseMs: 500, maxWaitMs: 8_000 };

/** How long to wait before try number `attempt + 1` (attempt counts from 1), or undefined to give up. */
export function backoffDelay(attempt: number, retryAfterSeconds: number | undefined, opts: BackoffOptions): number | undefined {
  if (attempt >= opts.attempts) return undefined;
  const base = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : opts.baseMs * 2 ** (attempt - 1);
  const wait = base * (1 + 0.5 * (opts.random ?? Math.random)());
  return wait > opts.maxWaitMs ? (base <= opts.maxWaitMs ? opts.maxWaitMs : undefined) : Math.round(wait);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `call`, again after a back-off whenever it fails with PlexError "rate_limited". */
export async function withBackoff<T>(call: () => Promise<T>, opts: BackoffOptions = PLEX_TV_BACKOFF): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof PlexError) || error.kind !== "rate_limited") throw error;
      const delay = backoffDelay(attempt, error.info.retryAfter, opts);
      if (delay === undefined) throw error;
      await (opts.sleep ?? pause)(delay);
    }
  }
}
