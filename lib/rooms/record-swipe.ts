import "server-only";
import type { Participant } from ".prisma/sqlite";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { getRoomEventBus } from "../realtime/event-bus";
import { toPublicCard, type Card } from "./card";
import { countParticipants } from "./evaluate-match";
import { applyLike } from "./like-tally";
import { isMatch } from "./match-rule";
import { toMatchRule } from "./settings";
import { assertRoomOpen, type RoomWithSettings } from "./get-room-or-throw";
import { findShownDeckCard } from "./get-deck-card-or-throw";
import { swipedBy } from "./progress";
import { roomCaches } from "./room-cache";
import { writeMatch, writeSwipe } from "./swipe-writes";
import { withdrawBrokenMatch } from "./withdraw-broken-match";

export interface SwipeResult {
  /** True when this exact swipe was already recorded (nothing changed). */
  duplicate: boolean;
  /** Set when this swipe completed a match. */
  match: { ratingKey: string; title: string } | null;
  /** The participant's next deck position. */
  next: number;
}

/**
 * Records a like or a nope. Idempotent: the same swipe twice counts once; swiping the other way
 * changes it. Only films in the room's deck can be swiped. When the room's rule is met the match
 * is stored once and a "match" event goes to everyone in the room.
 */
export async function recordSwipe(options: { room: RoomWithSettings; participant: Participant; ratingKey: string; liked: boolean }): Promise<SwipeResult> {
  const { room, participant, ratingKey, liked } = options;
  assertRoomOpen(room);
  // A withdrawn card (a restricted participant may not see it) is out of the deck for everyone.
  const card = await findShownDeckCard({ room, ratingKey });
  if (!card) throw new AppError("not_found", "This film is not in this room's deck.");

  const duplicate = !(await writeSwipe({ roomId: room.id, participantId: participant.id, ratingKey, position: card.position, liked }));

  const bus = getRoomEventBus();
  let match: SwipeResult["match"] = null;
  if (!duplicate) {
    const { likes, likeTakenBack } = await applyLike({ roomId: room.id, ratingKey, participantId: participant.id, liked });
    // A like swiped again the other way is taken back, as an undo would.
    if (likeTakenBack) await withdrawBrokenMatch({ room, ratingKey, likes });
    const participants = liked ? await countParticipants({ roomId: room.id }) : 0;
    if (liked && isMatch({ rule: toMatchRule(room), likes, participants })) {
      const parsed = JSON.parse(card.data) as Card;
      if (await writeMatch({ roomId: room.id, ratingKey })) {
        match = { ratingKey, title: parsed.title };
        await bus.publish({
          roomId: room.id,
          type: "match",
          data: { card: toPublicCard({ card: parsed, position: card.position, code: room.code }), likes, participants },
        });
      }
    }
  }
  const next = await advanceFurthest({ participantId: participant.id, position: card.position });
  if (!duplicate) {
    const swiped = await swipedBy({ room, participantId: participant.id, next });
    await bus.publish({ roomId: room.id, type: "progress", data: { participantId: participant.id, swiped }, transient: true });
    await touchRoom(room.id);
  }
  return { duplicate, match, next };
}

/** The position after the participant's furthest swipe (the next card to show them). */
export async function nextPosition(options: { participantId: string }): Promise<number> {
  const last = await getDb().swipe.findFirst({ where: { participantId: options.participantId }, orderBy: { position: "desc" }, select: { position: true } });
  return last ? last.position + 1 : 0;
}

/** The participant's next position after a swipe at `position` (their furthest swipe + 1). */
async function advanceFurthest(options: { participantId: string; position: number }): Promise<number> {
  const known = roomCaches.furthest.get(options.participantId) ?? (await nextPosition({ participantId: options.participantId }));
  const next = Math.max(known, options.position + 1);
  roomCaches.furthest.set(options.participantId, next);
  return next;
}

/** Forget the cached furthest position (after an undo). */
export function forgetFurthest(participantId: string): void {
  roomCaches.furthest.delete(participantId);
}

/** Marks the room as active (at most once a minute: rooms idle for ROOM_TTL_DAYS are removed). */
export async function touchRoom(roomId: string): Promise<void> {
  if (roomCaches.touched.get(roomId)) return;
  roomCaches.touched.set(roomId, true);
  const now = new Date();
  await getDb().room.updateMany({ where: { id: roomId, lastActivityAt: { lt: new Date(now.getTime() - 60_000) } }, data: { lastActivityAt: now } });
}
