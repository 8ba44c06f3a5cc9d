import "server-only";
import { createHash } from "node:crypto";
import { type HomeUser } from "../plex/schemas";
import { plexTv } from "./plex";

/**
 * A Plex Home's users as plex.tv lists them for a token, asked once for all the requests that need
 * them at the same moment and kept for a few seconds: a burst of profile switches (someone trying
 * PINs) costs plex.tv one listing, not one per request. At most MAX_TOKENS lists are kept.
 */
const TTL_MS = 15_000;
const MAX_TOKENS = 100;

interface Kept {
  until: number;
  users: Promise<HomeUser[]>;
}

const globalForHome = globalThis as unknown as { reelmatchHomeUsers?: Map<string, Kept> };
const lists = (globalForHome.reelmatchHomeUsers ??= new Map<string, Kept>());

export function sharedHomeUsers(token: string): Promise<HomeUser[]> {
  const key = createHash("sha256").update(token).digest("base64url");
  const now = Date.now();
  const kept = lists.get(key);
  if (kept && kept.until > now) return kept.users;
  if (lists.size >= MAX_TOKENS) for (const [k, v] of lists) if (v.until <= now || lists.size >= MAX_TOKENS) lists.delete(k);
  const users = plexTv().then((client) => client.getHomeUsers(token));
  lists.set(key, { until: now + TTL_MS, users });
  // A failed listing is not kept: the next request asks again.
  void users.catch(() => lists.get(key)?.users === users && lists.delete(key));
  return users;
}
