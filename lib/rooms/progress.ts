import "server-only";
import { getDb } from "../db/client";
import type { RoomWithSettings } from "./get-room-or-throw";
import { withdrawnRatingKeys } from "./restricted-viewers";

/**
 * How far people got, as everyone's room screen shows it ("12 of 200"): their furthest position
 * + 1, or, once cards were withdrawn (a restricted participant may not see them), their swipes on
 * cards still in the deck. The room state and the live progress events use this one definition.
 */
export async function swipedByParticipant(roomId: string, withdrawn: Set<string>): Promise<Map<string, number>> {
  const db = getDb();
  if (!withdrawn.size) {
    const rows = await db.swipe.groupBy({ by: ["participantId"], where: { roomId }, _max: { position: true } });
    return new Map(rows.map((p) => [p.participantId, (p._max.position ?? -1) + 1]));
  }
  const rows = await db.swipe.groupBy({ by: ["participantId"], where: { roomId, ratingKey: { notIn: [...withdrawn] } }, _count: { _all: true } });
  return new Map(rows.map((c) => [c.participantId, c._count._all]));
}

/** One person's figure, given their next position (furthest + 1): what a progress event carries. */
export async function swipedBy(options: { room: RoomWithSettings; participantId: string; next: number }): Promise<number> {
  const withdrawn = await withdrawnRatingKeys(options.room);
  if (!withdrawn.size) return options.next;
  return getDb().swipe.count({ where: { participantId: options.participantId, ratingKey: { notIn: [...withdrawn] } } });
}
