import "server-only";
import { getDb } from "../db/client";
import { getRoomEventBus } from "../realtime/event-bus";
import { countParticipants } from "./evaluate-match";
import type { RoomWithSettings } from "./get-room-or-throw";
import { isMatch } from "./match-rule";
import { toMatchRule } from "./settings";

/**
 * After someone took back a like (an undo, or the same film swiped the other way), with the film's
 * likes now (from the like tally): when the room's rule no longer holds, its match is withdrawn
 * and everyone is told.
 */
export async function withdrawBrokenMatch(options: { room: RoomWithSettings; ratingKey: string; likes: number }): Promise<void> {
  const { room, ratingKey, likes } = options;
  const participants = await countParticipants({ roomId: room.id });
  if (isMatch({ rule: toMatchRule(room), likes, participants })) return;
  const removed = await getDb().match.deleteMany({ where: { roomId: room.id, ratingKey } });
  if (removed.count > 0) await getRoomEventBus().publish({ roomId: room.id, type: "match_removed", data: { ratingKey } });
}
