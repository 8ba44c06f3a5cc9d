import "server-only";
import type { Participant } from "../db/models";
import { preparedSql } from "../db/prepared";
import { getRoomEventBus, storeRoomEvent } from "../realtime/event-bus";
import type { RoomWithSettings } from "./get-room-or-throw";
import { forgetParticipants } from "./room-cache";
import { settleRound } from "./final-round/round-sql";
import { countPresent, lockRoom, matchAgreedFilms, settleFilm } from "./room-sql";
import { toMatchRule } from "./settings";

/**
 * A participant leaves, as one transaction: they no longer count, and the rule is checked again
 * for the films that changes. A match that needed the leaver's like (under "at least N") is
 * withdrawn; films everyone remaining liked (under "everyone likes it") match, and matches made
 * under that rule stay (everyone who remains liked them). The matches list,
 * the events and the room state all count the likes of the people in the room now. The events
 * (participant_left, then match / match_removed) are delivered after commit.
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
    // Under "everyone likes it" a leave breaks no match: all who remain liked it (a room left
    // with one person keeps its matches, though one person alone never makes a new one).
    const matchedByLeaver =
      rule.kind === "atLeast"
        ? yield* tx.rows<{ ratingKey: string }>(
            `SELECT s."ratingKey" FROM "Swipe" s JOIN "Match" m ON m."roomId" = s."roomId" AND m."ratingKey" = s."ratingKey"
WHERE s."participantId" = ? AND s."liked" = TRUE`,
            [participant.id],
          )
        : [];
    for (const { ratingKey } of matchedByLeaver) stored.push(...(yield* settleFilm(tx, { room, rule, ratingKey, participants })).events);
    stored.push(...(yield* matchAgreedFilms(tx, { room, rule, participants })));
    // The last person yet to vote in a final round left: everyone left has voted.
    stored.push(...(yield* settleRound(tx, room)));
    return stored;
  });
  forgetParticipants(room.id);
  getRoomEventBus().deliver(events);
}
