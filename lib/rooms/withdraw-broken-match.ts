import "server-only";
import { getDb } from "../db/client";
import { getRoomEventBus } from "../realtime/event-bus";
import { evaluateMatch } from "./evaluate-match";
import type { RoomWithSettings } from "./get-room-or-throw";

/**
 * After someone took back a like (an undo, or the same film swiped the other way): when the room's
 * rule no longer holds for the film, its match is withdrawn and everyone is told.
 */
export async function withdrawBrokenMatch(options: { room: RoomWithSettings; ratingKey: string }): Promise<void> {
  const { room, ratingKey } = options;
  const verdict = await evaluateMatch({ room, ratingKey });
  if (verdict.matched) return;
  const removed = await getDb().match.deleteMany({ where: { roomId: room.id, ratingKey } });
  if (removed.count > 0) await getRoomEventBus().publish({ roomId: room.id, type: "match_removed", data: { ratingKey } });
}
