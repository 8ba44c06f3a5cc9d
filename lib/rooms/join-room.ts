import "server-only";
import type { Participant } from ".prisma/sqlite";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { getRoomEventBus } from "../realtime/event-bus";
import { bumpRestrictionVersion, checkDealtCards } from "./restricted-viewers";
import { forgetParticipants } from "./room-cache";
import { assertRoomOpen, type RoomWithSettings } from "./get-room-or-throw";

/**
 * Adds a person to a room: a signed-in Plex user (one participant per user and room, so joining
 * again returns the same one) or a guest with a display name, when the host allows guests. A guest
 * who already has a participant (from the signed cookie) gets that one back. When a restricted
 * profile (or anyone Plex may show less than the host) joins, cards dealt before that they may not
 * see are withdrawn before this returns.
 */
export async function joinRoom(options: {
  room: RoomWithSettings;
  userId?: string;
  /** Whether Plex may show that user less than the host: a restricted profile, or anyone but the server's owner. */
  limitedByPlex?: boolean;
  guestName?: string;
  existingParticipantId?: string;
}): Promise<{ participant: Participant; created: boolean }> {
  const { room } = options;
  assertRoomOpen(room);
  const db = getDb();
  if (options.userId) {
    // Someone Plex may show less (not the host, whose token dealt the deck) narrows the deck for
    // everyone: the cards dealt so far are checked with their token before they see any of them.
    const narrows = !!options.limitedByPlex && options.userId !== room.hostUserId;
    const existing = await db.participant.findUnique({ where: { roomId_userId: { roomId: room.id, userId: options.userId } } });
    if (existing) {
      const participant = await rejoin(existing);
      if (narrows) await checkDealtCards({ room });
      return { participant, created: false };
    }
    try {
      const participant = await db.participant.create({ data: { roomId: room.id, userId: options.userId }, include: { user: { select: { name: true } } } });
      if (narrows) {
        await bumpRestrictionVersion({ room });
        await checkDealtCards({ room });
      }
      await announce(room.id, participant.id, participant.user?.name ?? "Someone");
      return { participant, created: true };
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
      const participant = await db.participant.findUniqueOrThrow({ where: { roomId_userId: { roomId: room.id, userId: options.userId } } });
      return { participant, created: false };
    }
  }
  if (options.existingParticipantId) {
    const existing = await db.participant.findFirst({ where: { id: options.existingParticipantId, roomId: room.id } });
    if (existing) {
      return { participant: await rejoin(existing), created: false };
    }
  }
  if (!room.guestsAllowed) throw new AppError("forbidden", "The host has switched guests off for this room. Sign in with Plex to join.");
  const name = options.guestName?.trim();
  if (!name) throw new AppError("invalid_input", "Enter a name so the others know who you are.");
  const participant = await db.participant.create({ data: { roomId: room.id, guestName: name } });
  await announce(room.id, participant.id, name);
  return { participant, created: true };
}

/** Someone who had left comes back: in the room again (caches dropped after the write), and the others are told. */
async function rejoin(existing: Participant): Promise<Participant> {
  if (!existing.leftAt) return existing;
  const participant = await getDb().participant.update({ where: { id: existing.id }, data: { leftAt: null }, include: { user: { select: { name: true } } } });
  await announce(participant.roomId, participant.id, participant.user?.name ?? participant.guestName ?? "Someone");
  return participant;
}

async function announce(roomId: string, participantId: string, name: string): Promise<void> {
  forgetParticipants(roomId);
  await getRoomEventBus().publish({ roomId, type: "participant_joined", data: { participantId, name } });
}
