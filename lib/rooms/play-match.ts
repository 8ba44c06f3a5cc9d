import "server-only";
import { plexIdentity } from "../auth/plex";
import { getPersonalPlexAccessOrThrow } from "../auth/plex-tokens";
import { getResources } from "../auth/resources";
import { pmsForUser } from "../auth/viewer";

import { PlexError } from "../plex/errors";
import { listPlayers } from "../plex/players";
import { sendPlayMedia } from "../plex/remote-control";
import { processState } from "../process-state";
import { getMatchOrThrow } from "./get-match-or-throw";
import type { RoomWithSettings } from "./get-room-or-throw";
import { refusal } from "../i18n/api-errors";

/** How long a player gets to answer, per address: on a LAN a player answers at once or not at all. */
export const PLAYER_TIMEOUT_MS = 4_000;

/**
 * Starts a match on one of the person's Plex players: a play queue of the film on the server with
 * their own server token (Plex refuses a film they may not see), then the remote-control playMedia
 * to the player. A player that does not answer is an error carrying the film's Open in Plex links.
 */
export async function playMatch(options: { room: RoomWithSettings; userId: string; ratingKey: string; playerId: string; machineIdentifier: string }): Promise<{ player: { id: string; name: string } }> {
  const match = await getMatchOrThrow({ room: options.room, ratingKey: options.ratingKey, machineIdentifier: options.machineIdentifier });
  const access = await getPersonalPlexAccessOrThrow(options.userId);
  const player = listPlayers(await getResources(access.plexToken)).find((p) => p.id === options.playerId);
  if (!player) throw refusal("not_found", "playerOffline", undefined, { details: { fallback: match.plex } });
  const pms = await pmsForUser(options.userId);
  let queue;
  try {
    queue = await pms.createPlayQueue({ machineIdentifier: options.machineIdentifier, ratingKey: options.ratingKey });
  } catch (error) {
    if (error instanceof PlexError && error.kind === "not_found") throw refusal("not_found", "mayNotPlay");
    throw error;
  }
  processState.playerCommandId = (processState.playerCommandId ?? 0) + 1;
  try {
    await sendPlayMedia({
      player,
      identity: await plexIdentity(),
      timeoutMs: PLAYER_TIMEOUT_MS,
      server: { machineIdentifier: options.machineIdentifier, uri: pms.baseUrl, token: access.serverToken },
      ratingKey: options.ratingKey,
      playQueueId: queue.id,
      commandId: processState.playerCommandId,
    });
  } catch (error) {
    if (!(error instanceof PlexError)) throw error;
    // Players often do not take remote control (Plex Web and Desktop stopped in 2022; PLEX_API.md 7.10).
    const details = { fallback: match.plex };
    if (error.kind === "unreachable" && error.info.status === undefined) throw refusal("plex_unreachable", "playerNoAnswer", { player: player.name }, { details });
    throw refusal("plex_unreachable", "playerRefused", { player: player.name, reason: error.info.status ? `HTTP ${error.info.status}` : error.message }, { details });
  }
  return { player: { id: player.id, name: player.name } };
}
