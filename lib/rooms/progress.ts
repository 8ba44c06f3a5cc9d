import "server-only";
import { z } from "zod";
import { getDb } from "../db/client";
import { preparedSql } from "../db/prepared";
import type { RoomWithSettings } from "./get-room-or-throw";
import { withdrawnRatingKeys } from "./restricted-viewers";

/**
 * How far people got, as everyone's room screen shows it ("12 of 200"): their furthest position
 * + 1, or, once cards were withdrawn (a restricted participant may not see them), their swipes on
 * cards still in the deck. The room state and the live progress events use this one definition.
 */
export async function swipedByParticipant(roomId: string, withdrawn: Set<string>): Promise<Map<string, number>> {
  if (!withdrawn.size) {
    const rows = furthestSchema.array().parse(await preparedSql().rows(FURTHEST_SQL, [roomId]));
    return new Map(rows.map((r) => [r.participantId, r.furthest + 1]));
  }
  // Rare (a restricted participant is in the room): one count per participant who swiped.
  const db = getDb();
  const swiped = await db.swipe.findMany({ where: { roomId }, distinct: ["participantId"], select: { participantId: true } });
  const counts = await Promise.all(swiped.map(({ participantId }) => db.swipe.count({ where: { participantId, ratingKey: { notIn: [...withdrawn] } } })));
  return new Map(swiped.map(({ participantId }, i) => [participantId, counts[i] ?? 0]));
}

/** Each participant's furthest position in the room (lib/db's client has no groupBy: see lib/db/models). */
const FURTHEST_SQL = `SELECT "participantId", MAX("position") AS "furthest" FROM "Swipe" WHERE "roomId" = ? GROUP BY "participantId"`;
const furthestSchema = z.object({ participantId: z.string(), furthest: z.coerce.number().int() });

/** One person's figure, given their next position (furthest + 1): what a progress event carries. */
export async function swipedBy(options: { room: RoomWithSettings; participantId: string; next: number }): Promise<number> {
  const withdrawn = await withdrawnRatingKeys(options.room);
  if (!withdrawn.size) return options.next;
  return getDb().swipe.count({ where: { participantId: options.participantId, ratingKey: { notIn: [...withdrawn] } } });
}
