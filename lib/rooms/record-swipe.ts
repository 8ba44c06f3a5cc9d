import "server-only";
import type { Participant } from "../db/models";
import { getDb } from "../db/client";
import { preparedSql } from "../db/prepared";

import { announceTransient, getRoomEventBus } from "../realtime/event-bus";
import { assertRoomOpen, type RoomWithSettings } from "./get-room-or-throw";
import { findShownDeckCard } from "./get-deck-card-or-throw";
import { swipedBy } from "./progress";
import { withdrawnRatingKeys } from "./restricted-viewers";
import { roomCaches } from "./room-cache";
import { isNextCard, notYourNextCard, progressOf, settleFilm, swipeFacts, writeSwipe, type Settled } from "./room-sql";
import { toMatchRule } from "./settings";
import { refusal } from "../i18n/api-errors";

export interface SwipeResult {
  /** True when this exact swipe was already recorded (nothing changed). */
  duplicate: boolean;
  /** Set when this swipe completed a match. */
  match: { ratingKey: string; title: string } | null;
  /** The participant's next deck position. */
  next: number;
}

/** The answer to a swipe of someone who left the room (in another tab, say). */
const leftTheRoom = () => refusal("conflict", "leftRoomSwipe");

/**
 * Records a like or a nope, as one transaction: the swipe, the match it completes (or the match a
 * like taken back breaks) and its event commit together; the event is delivered after commit.
 * Idempotent: the same swipe twice counts once; swiping the other way changes it. Only the
 * person's next card, or a card they already swiped, can be swiped. The match is decided from the
 * likes in the database, with the room's row locked, so two last likes at once (on two app
 * instances) make exactly one match.
 */
export async function recordSwipe(options: { room: RoomWithSettings; participant: Participant; ratingKey: string; liked: boolean }): Promise<SwipeResult> {
  const { room, participant, ratingKey, liked } = options;
  assertRoomOpen(room);
  // Withdrawn cards (a restricted participant may not see them), films not dealt yet and films
  // outside the deck get the same answer: none of them is the person's next card.
  const card = await findShownDeckCard({ room, ratingKey });
  if (!card) throw notYourNextCard();
  const rule = toMatchRule(room);
  const ids = { roomId: room.id, participantId: participant.id };
  // With no card withdrawn (the usual room) a person's figure is their number of swipes, known in
  // the transaction, and their progress event goes out with its commit.
  const withdrawn = await withdrawnRatingKeys(room);
  const outcome = await preparedSql().transaction(function* (tx) {
    const { present, shown, before, span, participants, film } = yield* swipeFacts(tx, { ...ids, position: card.position, ratingKey });
    if (!present) throw leftTheRoom();
    if (!shown) throw notYourNextCard();
    if (before?.liked === liked) return { duplicate: true, settled: null, progress: yield* progressOf(tx, { ...ids, span }), announced: null };
    if (!before && !(yield* isNextCard(tx, { ...ids, position: card.position, span }))) throw notYourNextCard();
    yield* writeSwipe(tx, { ...ids, ratingKey, position: card.position, liked });
    // A like may complete a match; a like taken back (swiped again as a nope) may break one.
    const known = { likes: film.othersLikes + (liked ? 1 : 0), matched: film.matched };
    const settled: Settled | null = liked || before?.liked ? yield* settleFilm(tx, { room, rule, ratingKey, participants, known }) : null;
    // A change of mind leaves the span as it was; a new swipe adds its position.
    const after = before ? span : { furthest: Math.max(span.furthest, card.position), count: span.count + 1 };
    const progress = yield* progressOf(tx, { ...ids, span: after });
    const announced = withdrawn.size ? null : yield* announceTransient(tx, progressEvent({ ...ids, swiped: progress.swiped }));
    return { duplicate: false, settled, progress, announced };
  });
  const bus = getRoomEventBus();
  if (outcome.settled) bus.deliver(outcome.settled.events);
  if (outcome.announced) bus.deliver(outcome.announced);
  if (!outcome.duplicate) {
    if (!outcome.announced) {
      const swiped = await swipedBy({ room, participantId: participant.id, swiped: outcome.progress.swiped });
      await bus.publish({ ...progressEvent({ ...ids, swiped }), transient: true });
    }
    await touchRoom(room.id);
  }
  return { duplicate: outcome.duplicate, match: outcome.settled?.matched ?? null, next: outcome.progress.next };
}

/** How far someone got, for everyone's progress figures (a transient event). */
function progressEvent(options: { roomId: string; participantId: string; swiped: number }) {
  return { roomId: options.roomId, type: "progress" as const, data: { participantId: options.participantId, swiped: options.swiped } };
}

/** The participant's next deck position (the first card of the deck they have not swiped). */
export async function readNextPosition(options: { roomId: string; participantId: string }): Promise<number> {
  return (await preparedSql().transaction((tx) => progressOf(tx, options))).next;
}

/** Marks the room as active (at most once a minute: rooms idle for ROOM_TTL_DAYS are removed). */
export async function touchRoom(roomId: string): Promise<void> {
  if (roomCaches.touched.get(roomId)) return;
  roomCaches.touched.set(roomId, true);
  const now = new Date();
  await getDb().room.updateMany({ where: { id: roomId, lastActivityAt: { lt: new Date(now.getTime() - 60_000) } }, data: { lastActivityAt: now } });
}
