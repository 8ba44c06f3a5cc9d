import "server-only";
import { plexIdentity } from "../auth/plex";
import { getPersonalPlexAccessOrThrow } from "../auth/plex-tokens";
import { pmsForUser } from "../auth/viewer";
import { getConfig } from "../config";

import { PlexError } from "../plex/errors";
import { createWatchlistClient, discoverIdOf } from "../plex/watchlist";
import { processState } from "../process-state";
import type { MatchEntry, WatchlistState, WatchlistStatus } from "../view-models";
import type { RoomWithSettings } from "./get-room-or-throw";
import { listMatches } from "./list-matches";
import { refusal } from "../i18n/api-errors";

/** A server's films as this token sees them; a film it may not see is not there (Plex answers 404 when none is). */
async function moviesVisibleTo(userId: string, ratingKeys: string[]) {
  const pms = await pmsForUser(userId);
  try {
    return await pms.getMovies(ratingKeys);
  } catch (error) {
    if (error instanceof PlexError && error.kind === "not_found") return [];
    throw error;
  }
}

async function watchlistClient() {
  const config = getConfig();
  return createWatchlistClient({ baseUrl: config.plexDiscoverUrl, identity: await plexIdentity(), timeoutMs: config.plexTimeoutMs });
}

const guidKey = (machineIdentifier: string, ratingKey: string) => `${machineIdentifier}:${ratingKey}`;

/**
 * Reads films with the person's own server token and keeps their Plex guids (cached per server
 * and film: they are the server's facts, not permissions). Returns the films the person may see:
 * Plex answers for a film their profile may not see as if it did not exist.
 */
async function readFilms(options: { userId: string; machineIdentifier: string; ratingKeys: string[] }): Promise<Set<string>> {
  if (!options.ratingKeys.length) return new Set();
  const { filmGuids } = processState.caches;
  const movies = await moviesVisibleTo(options.userId, options.ratingKeys);
  for (const movie of movies) filmGuids.set(guidKey(options.machineIdentifier, movie.ratingKey), movie.guid ?? "");
  return new Set(movies.map((m) => m.ratingKey));
}

/** The Plex guids of films, from the cache or else read with the person's own token (a film they may not see has none). */
async function guidsFor(options: { userId: string; machineIdentifier: string; ratingKeys: string[] }): Promise<Map<string, string | undefined>> {
  const { filmGuids } = processState.caches;
  const key = (rk: string) => guidKey(options.machineIdentifier, rk);
  await readFilms({ ...options, ratingKeys: options.ratingKeys.filter((rk) => !filmGuids.has(key(rk))) });
  return new Map(options.ratingKeys.map((rk) => [rk, filmGuids.get(key(rk))]));
}

function watchlistIds(userId: string, plexToken: string): Promise<Set<string>> {
  const { watchlists } = processState.caches;
  let ids = watchlists.get(userId);
  if (!ids) {
    ids = watchlistClient().then((c) => c.listIds(plexToken));
    watchlists.set(userId, ids);
    ids.catch(() => watchlists.get(userId) === ids && watchlists.delete(userId));
  }
  return ids;
}

async function statusOf(options: { userId: string; plexToken: string; machineIdentifier: string; matches: MatchEntry[] }): Promise<Record<string, WatchlistStatus>> {
  const ratingKeys = options.matches.map((m) => m.card.ratingKey);
  const [guids, listed] = await Promise.all([guidsFor({ ...options, ratingKeys }), watchlistIds(options.userId, options.plexToken)]);
  const films: Record<string, WatchlistStatus> = {};
  for (const rk of ratingKeys) {
    const id = discoverIdOf(guids.get(rk));
    films[rk] = !id ? "unavailable" : listed.has(id) ? "listed" : "not_listed";
  }
  return films;
}

/** Where each match of the room stands on the person's own Plex watchlist (read through a short per-person cache). */
export async function getRoomWatchlist(options: { room: RoomWithSettings; userId: string; machineIdentifier: string }): Promise<WatchlistState> {
  const { plexToken } = await getPersonalPlexAccessOrThrow(options.userId);
  const { matches } = await listMatches({ room: options.room, machineIdentifier: options.machineIdentifier, nearMissLimit: 0 });
  return { films: await statusOf({ userId: options.userId, plexToken, machineIdentifier: options.machineIdentifier, matches }) };
}

/**
 * Adds matches of the room to the person's own Plex watchlist, or removes them: one film
 * (`ratingKey`) or every match. A film the person's profile may not see is not found; a film
 * without a Plex guid cannot be listed (one film: 409 saying why; every match: left out and named).
 */
export async function updateRoomWatchlist(options: { room: RoomWithSettings; userId: string; machineIdentifier: string; ratingKey?: string; listed: boolean }): Promise<WatchlistState> {
  const { plexToken } = await getPersonalPlexAccessOrThrow(options.userId);
  const { matches } = await listMatches({ room: options.room, machineIdentifier: options.machineIdentifier, nearMissLimit: 0 });
  const chosen = options.ratingKey === undefined ? matches : matches.filter((m) => m.card.ratingKey === options.ratingKey);
  if (options.ratingKey !== undefined && !chosen.length) throw refusal("not_found", "matchNotFound");
  const ratingKeys = chosen.map((m) => m.card.ratingKey);
  // One read with the person's token answers both: may they see it, and its guid.
  const visible = await readFilms({ userId: options.userId, machineIdentifier: options.machineIdentifier, ratingKeys });
  const guidOf = (rk: string) => processState.caches.filmGuids.get(guidKey(options.machineIdentifier, rk));
  if (options.ratingKey !== undefined && !visible.has(options.ratingKey)) throw refusal("not_found", "mayNotSee");
  const skipped: WatchlistState["skipped"] = [];
  const client = await watchlistClient();
  try {
    for (const match of chosen) {
      const rk = match.card.ratingKey;
      if (!visible.has(rk)) continue;
      const id = discoverIdOf(guidOf(rk));
      if (!id) {
        const reason = "Plex did not identify this film (it has no Plex match), so it cannot go on a Plex watchlist.";
        if (options.ratingKey !== undefined) throw refusal("conflict", "noPlexMatch", { title: match.card.title });
        skipped.push({ ratingKey: rk, title: match.card.title, reason });
        continue;
      }
      if (options.listed) await client.add(plexToken, id);
      else await client.remove(plexToken, id);
    }
  } finally {
    processState.caches.watchlists.delete(options.userId);
  }
  return { films: await statusOf({ userId: options.userId, plexToken, machineIdentifier: options.machineIdentifier, matches }), skipped };
}
