import "server-only";
import { CACHE_LIMITS, processState } from "../process-state";
import type { UserRow } from "./viewer";

/**
 * Sessions resolved in the last moment, so a burst of requests (a swipe a second) does not read
 * the same session row each time. Entries live 2 s (lib/process-state: bounded) and are dropped
 * whenever this process ends a session (sign-out, revoke, profile switch); another app instance
 * sees a revocation within 2 s.
 */
export const SESSION_CACHE_MS = CACHE_LIMITS.sessions.ttlMs;

const cache = processState.caches.sessions;

export function cachedSessionUser(token: string): UserRow | undefined {
  return cache.get(token);
}

export function cacheSessionUser(token: string, user: UserRow): void {
  cache.set(token, user);
}

/** Forgets one ended session. */
export function forgetCachedSession(token: string): void {
  cache.delete(token);
}

/** Forgets every cached session of one person. */
export function forgetCachedSessions(userId: string): void {
  for (const [token, user] of [...cache.entries()]) if (user.id === userId) cache.delete(token);
}
