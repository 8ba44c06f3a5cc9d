import "server-only";

/**
 * Sessions resolved in the last moment, so a burst of requests (a swipe a second) does not read
 * the same session row each time. Entries live 2 s and are dropped whenever this process ends a
 * session (sign-out, revoke, profile switch); another app instance sees a revocation within 2 s.
 */
export const SESSION_CACHE_MS = 2000;

interface Entry {
  user: { id: string; role: string };
  at: number;
}

const globalForSessions = globalThis as unknown as { reelmatchSessionCache?: Map<string, Entry> };
const cache = (globalForSessions.reelmatchSessionCache ??= new Map<string, Entry>());

export function cachedSessionUser<T extends Entry["user"]>(token: string): T | undefined {
  const hit = cache.get(token);
  return hit && Date.now() - hit.at < SESSION_CACHE_MS ? (hit.user as T) : undefined;
}

export function cacheSessionUser(token: string, user: Entry["user"]): void {
  if (cache.size > 5000) cache.clear();
  cache.set(token, { user, at: Date.now() });
}

/** Forgets one ended session. */
export function forgetCachedSession(token: string): void {
  cache.delete(token);
}

/** Forgets every cached session of one person. */
export function forgetCachedSessions(userId: string): void {
  for (const [token, entry] of cache) if (entry.user.id === userId) cache.delete(token);
}
