import "server-only";
import type { Participant } from ".prisma/sqlite";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { getRoomEventBus } from "../realtime/event-bus";
import { toPublicCard, type Card } from "./card";
import { evaluateMatch } from "./evaluate-match";
import { assertRoomOpen, type RoomWithSettings } from "./get-room-or-throw";

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
  const db = getDb();
  const card = await db.deckCard.findFirst({ where: { roomId: room.id, ratingKey }, select: { position: true, data: true } });
  if (!card || !ratingKey) throw new AppError("not_found", "This film is not in this room's deck.");

  const existing = await db.swipe.findUnique({ where: { participantId_ratingKey: { participantId: participant.id, ratingKey } } });
  let duplicate = false;
  if (existing && existing.liked === liked) duplicate = true;
  else if (existing) await db.swipe.update({ where: { id: existing.id }, data: { liked } });
  else {
    try {
      await db.swipe.create({ data: { roomId: room.id, participantId: participant.id, ratingKey, position: card.position, liked } });
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
      duplicate = true; // the same swipe raced in twice
    }
  }

  const bus = getRoomEventBus();
  let match: SwipeResult["match"] = null;
  if (!duplicate && liked) {
    const verdict = await evaluateMatch({ room, ratingKey });
    if (verdict.matched) {
      const parsed = JSON.parse(card.data) as Card;
      try {
        await db.match.create({ data: { roomId: room.id, ratingKey } });
        match = { ratingKey, title: parsed.title };
        await bus.publish({
          roomId: room.id,
          type: "match",
          data: { card: toPublicCard({ card: parsed, position: card.position, code: room.code }), likes: verdict.likes, participants: verdict.participants },
        });
      } catch (error) {
        if ((error as { code?: string }).code !== "P2002") throw error; // matched already
      }
    }
  }
  const next = await nextPosition({ participantId: participant.id });
  if (!duplicate) {
    await bus.publish({ roomId: room.id, type: "progress", data: { participantId: participant.id, swiped: next } });
    await touchRoom(room.id);
  }
  return { duplicate, match, next };
}

/** The position after the participant's furthest swipe (the next card to show them). */
export async function nextPosition(options: { participantId: string }): Promise<number> {
  const last = await getDb().swipe.findFirst({ where: { participantId: options.participantId }, orderBy: { position: "desc" }, select: { position: true } });
  return last ? last.position + 1 : 0;
}

/** Marks the room as active (at most once a minute: rooms idle for ROOM_TTL_DAYS are removed). */
export async function touchRoom(roomId: string): Promise<void> {
  const now = new Date();
  await getDb().room.updateMany({ where: { id: roomId, lastActivityAt: { lt: new Date(now.getTime() - 60_000) } }, data: { lastActivityAt: now } });
}
