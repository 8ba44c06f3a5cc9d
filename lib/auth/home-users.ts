import "server-only";
import { createHash } from "node:crypto";
import { type HomeUser } from "../plex/schemas";
import { processState } from "../process-state";
import { plexTv } from "./plex";

/**
 * A Plex Home's users as plex.tv lists them for a token, asked once for all the requests that need
 * them at the same moment and kept for a few seconds (lib/process-state: bounded): a burst of
 * profile switches (someone trying PINs) costs plex.tv one listing, not one per request.
 */
const lists = processState.caches.homeUsers;

export function sharedHomeUsers(token: string): Promise<HomeUser[]> {
  const key = createHash("sha256").update(token).digest("base64url");
  const kept = lists.get(key);
  if (kept) return kept;
  const users = plexTv().then((client) => client.getHomeUsers(token));
  lists.set(key, users);
  // A failed listing is not kept: the next request asks again.
  void users.catch(() => lists.get(key) === users && lists.delete(key));
  return users;
}
