import "server-only";
import type { Participant } from "../db/models";
import { preparedSql } from "../db/prepared";

import { getRoomEventBus } from "../realtime/event-bus";
import { assertRoomOpen, type RoomWithSettings } from "./get-room-or-throw";
import { swipedBy } from "./progress";
import { touchRoom } from "./record-swipe";
import { countPresent, lastSwipe, lockOpenRoom, progressOf, resumeAfter, settleFilm, swipeSpan } from "./room-sql";
import { toMatchRule } from "./settings";
import { refusal } from "../i18n/api-errors";

/**
 * Takes back the participant's last swipe (the newest, whichever tab made it), as one
 * transaction: if that like had made a match the rule no longer meets, the match is withdrawn
 * and its event stored with it, delivered after commit. The card taken back is their next card;
 * `resume` is where they go on once they swipe it again (past the cards after it already swiped,
 * when the swipe taken back was a change of mind about an older card).
 */
export async function undoSwipe(options: { room: RoomWithSettings; participant: Participant }): Promise<{ ratingKey: string; position: number; next: number; resume: number }> {
  const { room, participant } = options;
  assertRoomOpen(room);
  const rule = toMatchRule(room);
  const outcome = await preparedSql().transaction(function* (tx) {
    yield* lockOpenRoom(tx, room.id);
    const last = yield* lastSwipe(tx, participant.id);
    if (!last) throw refusal("conflict", "nothingToUndo");
    yield* tx.rows(`DELETE FROM "Swipe" WHERE "id" = ?`, [last.id]);
    const participants = last.liked ? yield* countPresent(tx, room.id) : 0;
    const settled = last.liked ? yield* settleFilm(tx, { room, rule, ratingKey: last.ratingKey, participants }) : null;
    const ids = { roomId: room.id, participantId: participant.id };
    const span = yield* swipeSpan(tx, participant.id);
    return { last, events: settled?.events ?? [], progress: yield* progressOf(tx, { ...ids, span }), resume: yield* resumeAfter(tx, { ...ids, position: last.position, span }) };
  });
  const bus = getRoomEventBus();
  bus.deliver(outcome.events);
  const swiped = await swipedBy({ room, participantId: participant.id, swiped: outcome.progress.swiped });
  await bus.publish({ roomId: room.id, type: "progress", data: { participantId: participant.id, swiped }, transient: true });
  await touchRoom(room.id);
  return { ratingKey: outcome.last.ratingKey, position: outcome.last.position, next: outcome.progress.next, resume: outcome.resume };
}
