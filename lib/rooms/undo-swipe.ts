import "server-only";
import type { Participant } from ".prisma/sqlite";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { getRoomEventBus } from "../realtime/event-bus";
import { assertRoomOpen, type RoomWithSettings } from "./get-room-or-throw";
import { applyLike } from "./like-tally";
import { swipedBy } from "./progress";
import { forgetFurthest, touchRoom } from "./record-swipe";
import { withdrawBrokenMatch } from "./withdraw-broken-match";

/**
 * Takes back the participant's last swipe (the furthest one in the deck). If that like had made a
 * match the rule no longer meets, the match is withdrawn and everyone is told.
 */
export async function undoSwipe(options: { room: RoomWithSettings; participant: Participant }): Promise<{ ratingKey: string; position: number; next: number }> {
  const { room, participant } = options;
  assertRoomOpen(room);
  const db = getDb();
  // The last swipe, and the one before it (whose position + 1 is the next card after the undo).
  const [last, before] = await db.swipe.findMany({ where: { participantId: participant.id }, orderBy: { position: "desc" }, take: 2 });
  if (!last) throw new AppError("conflict", "There is no swipe to undo. Swipe a card first.");
  await db.swipe.delete({ where: { id: last.id } });
  forgetFurthest(participant.id);
  if (last.liked) {
    const { likes } = await applyLike({ roomId: room.id, ratingKey: last.ratingKey, participantId: participant.id, liked: false });
    await withdrawBrokenMatch({ room, ratingKey: last.ratingKey, likes });
  }
  const next = before ? before.position + 1 : 0;
  const swiped = await swipedBy({ room, participantId: participant.id, next });
  await getRoomEventBus().publish({ roomId: room.id, type: "progress", data: { participantId: participant.id, swiped }, transient: true });
  await touchRoom(room.id);
  return { ratingKey: last.ratingKey, position: last.position, next };
}
