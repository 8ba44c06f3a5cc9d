import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Participant } from "../../db/models";
import { preparedSql } from "../../db/prepared";

import { getRoomEventBus, storeRoomEvent } from "../../realtime/event-bus";
import { assertRoomOpen, type RoomWithSettings } from "../get-room-or-throw";
import { touchRoom } from "../record-swipe";
import { lockOpenRoom } from "../room-sql";
import { latestRound, shownFilms } from "./round-sql";
import { refusal } from "../../i18n/api-errors";

/** Whether this participant is the room's host (signed in as the person who opened it). */
export function isRoomHost(room: RoomWithSettings, participant: Participant): boolean {
  return !!participant.userId && participant.userId === room.hostUserId;
}

/**
 * Starts a final round among the room's matches (only its host may, and only with two matches or
 * more), as one transaction with its final_round_started event: the round's films are the matches
 * still in the deck now, and its draw's seed is drawn and stored here.
 */
export async function startFinalRound(options: { room: RoomWithSettings; participant: Participant }): Promise<{ roundId: string; films: number }> {
  const { room, participant } = options;
  if (!isRoomHost(room, participant)) throw refusal("forbidden", "onlyHostStartsFinal");
  assertRoomOpen(room);
  const outcome = await preparedSql().transaction(function* (tx) {
    yield* lockOpenRoom(tx, room.id);
    const current = yield* latestRound(tx, room.id);
    if (current?.status === "voting") throw refusal("conflict", "finalRoundGoing");
    const matches = yield* tx.rows<{ ratingKey: string }>(`SELECT "ratingKey" FROM "Match" WHERE "roomId" = ? ORDER BY "createdAt", "ratingKey"`, [room.id]);
    const films = yield* shownFilms(tx, room.id, matches.map((m) => m.ratingKey));
    if (films.length < 2) throw refusal("conflict", "finalRoundNeedsTwo");
    const roundId = randomUUID();
    yield* tx.rows(`INSERT INTO "FinalRound" ("id", "roomId", "status", "candidates", "seed", "startedAt") VALUES (?, ?, 'voting', ?, ?, ?) RETURNING "id"`, [
      roundId,
      room.id,
      JSON.stringify(films),
      randomBytes(16).toString("hex"),
      new Date(),
    ]);
    const event = yield* storeRoomEvent(tx, { roomId: room.id, type: "final_round_started", data: { roundId, films: films.length } });
    return { roundId, films: films.length, events: [event] };
  });
  getRoomEventBus().deliver(outcome.events);
  await touchRoom(room.id);
  return { roundId: outcome.roundId, films: outcome.films };
}
