import "server-only";
import { randomUUID } from "node:crypto";
import { preparedSql } from "../db/prepared";

/**
 * The two writes of the swipe hot path, as prepared statements (see lib/db/prepared for why not
 * Prisma here). Both are single statements that settle a race on the unique keys in the
 * database: two taps of the same swipe, or two last likes completing a match at once.
 */

const UPSERT_SWIPE = `INSERT INTO "Swipe" ("id", "roomId", "participantId", "ratingKey", "position", "liked", "createdAt")
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT ("participantId", "ratingKey") DO UPDATE SET "liked" = excluded."liked" WHERE "Swipe"."liked" <> excluded."liked"
RETURNING "id"`;

const INSERT_MATCH = `INSERT INTO "Match" ("id", "roomId", "ratingKey", "createdAt") VALUES (?, ?, ?, ?)
ON CONFLICT ("roomId", "ratingKey") DO NOTHING
RETURNING "id"`;

/**
 * Records a like or a nope of a participant. Returns false when the very same swipe was already
 * recorded (nothing changed); swiping the same film the other way changes the stored swipe.
 */
export async function writeSwipe(options: { roomId: string; participantId: string; ratingKey: string; position: number; liked: boolean }): Promise<boolean> {
  const { roomId, participantId, ratingKey, position, liked } = options;
  const rows = await preparedSql().rows(UPSERT_SWIPE, [randomUUID(), roomId, participantId, ratingKey, position, liked, new Date()]);
  return rows.length > 0;
}

/** Stores a room's match of a film; false when the film had matched already. */
export async function writeMatch(options: { roomId: string; ratingKey: string }): Promise<boolean> {
  const rows = await preparedSql().rows(INSERT_MATCH, [randomUUID(), options.roomId, options.ratingKey, new Date()]);
  return rows.length > 0;
}
