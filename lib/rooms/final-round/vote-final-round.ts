import "server-only";
import type { Participant } from "../../db/models";
import { preparedSql } from "../../db/prepared";

import { getRoomEventBus, storeRoomEvent } from "../../realtime/event-bus";
import { assertRoomOpen, type RoomWithSettings } from "../get-room-or-throw";
import { touchRoom } from "../record-swipe";
import { isPresent, lockOpenRoom } from "../room-sql";
import { latestRound, noRoundVoting, presentVotes, settleRound, shownFilms } from "./round-sql";
import { refusal } from "../../i18n/api-errors";

const UPSERT_VOTE = `INSERT INTO "FinalVote" ("roundId", "participantId", "ratingKey", "votedAt") VALUES (?, ?, ?, ?)
ON CONFLICT ("roundId", "participantId") DO UPDATE SET "ratingKey" = excluded."ratingKey", "votedAt" = excluded."votedAt"`;

/**
 * A participant's pick in the room's final round (guests too), as one transaction: stored, or
 * changed while the round is voting; a final_round_voted event says who has voted (not for what).
 * The vote that completes the room (everyone in it has voted) decides the round in the same
 * transaction, so two last votes at once decide it once.
 */
export async function voteFinalRound(options: { room: RoomWithSettings; participant: Participant; ratingKey: string }): Promise<{ decided: boolean }> {
  const { room, participant, ratingKey } = options;
  assertRoomOpen(room);
  const events = await preparedSql().transaction(function* (tx) {
    yield* lockOpenRoom(tx, room.id);
    if (!(yield* isPresent(tx, participant.id))) throw refusal("forbidden", "leftRoomVote");
    const round = yield* latestRound(tx, room.id);
    if (round?.status !== "voting") throw round ? refusal("conflict", "finalRoundOver") : noRoundVoting();
    if (!(yield* shownFilms(tx, room.id, round.candidates)).includes(ratingKey)) {
      throw refusal("invalid_input", "notInFinalRound");
    }
    yield* tx.rows(UPSERT_VOTE, [round.id, participant.id, ratingKey, new Date()]);
    const voters = (yield* presentVotes(tx, round.id)).map((v) => v.participantId);
    const stored = [yield* storeRoomEvent(tx, { roomId: room.id, type: "final_round_voted", data: { roundId: round.id, voters } })];
    stored.push(...(yield* settleRound(tx, room)));
    return stored;
  });
  getRoomEventBus().deliver(events);
  await touchRoom(room.id);
  return { decided: events.some((e) => e.type === "final_round_decided") };
}
