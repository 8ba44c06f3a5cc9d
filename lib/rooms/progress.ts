import "server-only";
import { getDb } from "../db/client";
import type { RoomWithSettings } from "./get-room-or-throw";
import { withdrawnRatingKeys } from "./restricted-viewers";

/**
 * How far people got, as everyone's room screen shows it ("12 of 200"): the cards they swiped
 * (not their furthest position: an undo of an older swipe leaves a card unswiped before it), only
 * those still in the deck once cards were withdrawn (a restricted participant may not see them).
 * The room state and the live progress events use this one definition.
 */
export async function swipedByParticipant(roomId: string, withdrawn: Set<string>): Promise<Map<string, number>> {
  const where = withdrawn.size ? { roomId, ratingKey: { notIn: [...withdrawn] } } : { roomId };
  const rows = await getDb().swipe.groupBy({ by: ["participantId"], where, _count: { _all: true } });
  return new Map(rows.map((c) => [c.participantId, c._count._all]));
}

/** One person's figure, given how many cards they swiped in all (the swipe's transaction counted them): what a progress event carries. */
export async function swipedBy(options: { room: RoomWithSettings; participantId: string; swiped: number }): Promise<number> {
  const withdrawn = await withdrawnRatingKeys(options.room);
  if (!withdrawn.size) return options.swiped;
  return getDb().swipe.count({ where: { participantId: options.participantId, ratingKey: { notIn: [...withdrawn] } } });
}
