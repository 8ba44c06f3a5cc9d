import "server-only";
import { z } from "zod";
import { getDb } from "../db/client";
import { preparedSql } from "../db/prepared";
import type { RoomWithSettings } from "./get-room-or-throw";
import { withdrawnRatingKeys } from "./restricted-viewers";

/**
 * How far people got, as everyone's room screen shows it ("12 of 200"): the cards they swiped
 * (not their furthest position: an undo of an older swipe leaves a card unswiped before it), only
 * those still in the deck once cards were withdrawn (a restricted participant may not see them).
 * The room state and the live progress events use this one definition.
 */
export async function swipedByParticipant(roomId: string, withdrawn: Set<string>): Promise<Map<string, number>> {
  if (!withdrawn.size) {
    const rows = swipedSchema.array().parse(await preparedSql().rows(SWIPED_SQL, [roomId]));
    return new Map(rows.map((r) => [r.participantId, r.swiped]));
  }
  // Rare (a restricted participant is in the room): one count per participant who swiped.
  const db = getDb();
  const swiped = await db.swipe.findMany({ where: { roomId }, distinct: ["participantId"], select: { participantId: true } });
  const counts = await Promise.all(swiped.map(({ participantId }) => db.swipe.count({ where: { participantId, ratingKey: { notIn: [...withdrawn] } } })));
  return new Map(swiped.map(({ participantId }, i) => [participantId, counts[i] ?? 0]));
}

/** The cards each participant of the room swiped (lib/db's client has no groupBy: see lib/db/models). */
const SWIPED_SQL = `SELECT "participantId", COUNT(*) AS "swiped" FROM "Swipe" WHERE "roomId" = ? GROUP BY "participantId"`;
const swipedSchema = z.object({ participantId: z.string(), swiped: z.coerce.number().int() });

/** One person's figure, given how many cards they swiped in all (the swipe's transaction counted them): what a progress event carries. */
export async function swipedBy(options: { room: RoomWithSettings; participantId: string; swiped: number }): Promise<number> {
  const withdrawn = await withdrawnRatingKeys(options.room);
  if (!withdrawn.size) return options.swiped;
  return getDb().swipe.count({ where: { participantId: options.participantId, ratingKey: { notIn: [...withdrawn] } } });
}
