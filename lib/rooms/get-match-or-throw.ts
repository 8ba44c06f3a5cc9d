import "server-only";
import { getDb } from "../db/client";

import { countLikes } from "./evaluate-match";
import { getDeckCardOrThrow } from "./get-deck-card-or-throw";
import type { RoomWithSettings } from "./get-room-or-throw";
import { toMatchEntry } from "./list-matches";
import { likesNeeded } from "./match-rule";
import { toMatchRule } from "./settings";
import type { MatchEntry } from "../view-models";
import { refusal } from "../i18n/api-errors";

/**
 * One match of the room by film. A film that did not match, is not in the deck, was withdrawn or
 * does not exist is the same not_found.
 */
export async function getMatchOrThrow(options: { room: RoomWithSettings; ratingKey: string; machineIdentifier: string }): Promise<MatchEntry> {
  const { room, ratingKey } = options;
  const match = await getDb().match.findUnique({ where: { roomId_ratingKey: { roomId: room.id, ratingKey } } });
  if (!match) throw refusal("not_found", "matchNotFound");
  const { position, card } = await getDeckCardOrThrow({ room, ratingKey, what: "This match" });
  const { likes, participants } = await countLikes({ roomId: room.id, ratingKey });
  return toMatchEntry({ room, card, position, likes, participants, needed: likesNeeded({ rule: toMatchRule(room), participants }), matchedAt: match.createdAt, machineIdentifier: options.machineIdentifier });
}
