import "server-only";
import { AppError } from "../errors";
import { log } from "../log";
import type { RoomWithSettings } from "./get-room-or-throw";
import { listRoomPlayers } from "./list-room-players";

/**
 * The names of the host's Plex players that plex.tv sees online: what a guest is told the host
 * may put a match on ("Olivia can put it on Living Room TV"). Names only, never the players'
 * identifiers or addresses; none when the host's Plex sign-in cannot be used (their SECRET-sealed
 * token unreadable, say) or plex.tv does not answer: the guest is then told only who can put it on.
 */
export async function listHostPlayerNames(room: RoomWithSettings): Promise<string[]> {
  try {
    return (await listRoomPlayers({ userId: room.hostUserId })).map((p) => p.name);
  } catch (error) {
    if (!(error instanceof AppError)) log.warn("could not list the host's Plex players", { error: (error as Error).message });
    return [];
  }
}
