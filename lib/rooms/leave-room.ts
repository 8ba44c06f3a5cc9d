import "server-only";
import type { Participant } from ".prisma/sqlite";
import { preparedSql } from "../db/prepared";
import { getRoomEventBus, storeRoomEvent } from "../realtime/event-bus";
import type { RoomWithSettings } from "./get-room-or-throw";
import { forgetParticipants } from "./room-cache";
import { countPresent, lockRoom, settleFilm } from "./room-sql";
import { toMatchRule } from "./settings";

/**
 * A participant leaves, as one transaction: they no longer count, and the rule is checked again
 * for the films it may change. Under "everyone likes it", films every remaining person liked now
 * match; under "at least N", a match that loses the leaver's like below N is withdrawn (the
 * matches list, the events and the room state all count the likes of the people in the room).
 * The events (participant_left, then match / match_removed) are delivered after commit.
 */
export async function leaveRoom(options: { room: RoomWithSettings; participant: Participant }): Promise<void> {
  const { room, participant } = options;
  if (participant.leftAt) return;
  const rule = toMatchRule(room);
  const events = await preparedSql().transaction(function* (tx) {
    const status = yield* lockRoom(tx, room.id);
    const left = yield* tx.rows(`UPDATE "Participant" SET "leftAt" = ? WHERE "id" = ? AND "leftAt" IS NULL RETURNING "id"`, [new Date(), participant.id]);
    if (!left.length) return [];
    const stored = [yield* storeRoomEvent(tx, { roomId: room.id, type: "participant_left", data: { participantId: participant.id } })];
    if (status !== "open") return stored;
    const participants = yield* countPresent(tx, room.id);
    // "Everyone": the films all who remain liked. "At least N": the leaver's liked films that had matched.
    const films =
      rule.kind === "all"
        ? yield* tx.rows<{ ratingKey: string }>(
            `SELECT s."ratingKey" FROM "Swipe" s JOIN "Participant" p ON p."id" = s."participantId"
WHERE s."roomId" = ? AND s."liked" = TRUE AND p."leftAt" IS NULL GROUP BY s."ratingKey" HAVING COUNT(*) >= ?`,
            [room.id, Math.max(2, participants)],
          )
        : yield* tx.rows<{ ratingKey: string }>(
            `SELECT s."ratingKey" FROM "Swipe" s JOIN "Match" m ON m."roomId" = s."roomId" AND m."ratingKey" = s."ratingKey"
WHERE s."participantId" = ? AND s."liked" = TRUE`,
            [participant.id],
          );
    for (const { ratingKey } of films) stored.push(...(yield* settleFilm(tx, { room, rule, ratingKey, participants })).events);
    return stored;
  });
  forgetParticipants(room.id);
  getRoomEventBus().deliver(events);
}
