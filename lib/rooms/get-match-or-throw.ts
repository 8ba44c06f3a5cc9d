import "server-only";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { countLikes } from "./evaluate-match";
import { getDeckCardOrThrow } from "./get-deck-card-or-throw";
import type { RoomWithSettings } from "./get-room-or-throw";
import { toMatchEntry, type MatchEntry } from "./list-matches";
import { likesNeeded } from "./match-rule";
import { toMatchRule } from "./settings";

/**
 * One match of the room by film. A film that did not match, is not in the deck, was withdrawn or
 * does not exist is the same not_found.
 */
export async function getMatchOrThrow(options: { room: RoomWithSettings; ratingKey: string; machineIdentifier: string }): Promise<MatchEntry> {
  const { room, ratingKey } = options;
  const notFound = () => new AppError("not_found", "This match was not found.");
  const db = getDb();
  const match = await db.match.findUnique({ where: { roomId_ratingKey: { roomId: room.id, ratingKey } } });
  if (!match) throw notFound();
  const { position, card } = await getDeckCardOrThrow({ room, ratingKey }).catch((error: unknown) => {
    throw error instanceof AppError && error.code === "not_found" ? notFound() : error;
  });
  const { likes, participants } = await countLikes({ roomId: room.id, ratingKey });
  return toMatchEntry({ room, card, position, likes, participants, needed: likesNeeded({ rule: toMatchRule(room), participants }), matchedAt: match.createdAt, machineIdentifier: options.machineIdentifier });
}
