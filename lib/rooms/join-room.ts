import "server-only";
import type { Participant } from "../db/models";
import { getDb } from "../db/client";
import { AppError, forbidden } from "../errors";
import { getRoomEventBus, roomEventRow } from "../realtime/event-bus";
import { bumpRestrictionVersion, checkDealtCards } from "./restricted-viewers";
import { forgetParticipants } from "./room-cache";
import { assertRoomOpen, type RoomWithSettings } from "./get-room-or-throw";
import { sameName } from "./participant-names";

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
    if (existing && !existing.leftAt) return { participant: existing, created: false };
    if (narrows) return joinNarrowing({ room, userId: options.userId, existing });
    if (existing) return { participant: await rejoin(existing), created: false };
    try {
      const participant = await db.participant.create({ data: { roomId: room.id, userId: options.userId }, include: { user: { select: { name: true } } } });
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
  await assertGuestNameFree({ room, name });
  const participant = await db.participant.create({ data: { roomId: room.id, guestName: name } });
  await announce(room.id, participant.id, name);
  return { participant, created: true };
}

/**
 * A guest's name must not read like the name of anyone in the room nor of the host (even while the
 * host is away): a guest cannot pass for a member or the host (409 otherwise). Someone who left and
 * comes back to find their name taken is told apart on screen ("Sam (2)", see displayNames).
 */
async function assertGuestNameFree(options: { room: RoomWithSettings; name: string }): Promise<void> {
  const { room, name } = options;
  const db = getDb();
  const [people, host] = await Promise.all([
    db.participant.findMany({ where: { roomId: room.id, leftAt: null }, select: { guestName: true, user: { select: { name: true } } } }),
    db.user.findUnique({ where: { id: room.hostUserId }, select: { name: true } }),
  ]);
  const taken = [host?.name, ...people.map((p) => p.user?.name ?? p.guestName)].filter((n): n is string => !!n);
  if (taken.some((other) => sameName(other, name))) {
    throw new AppError("conflict", `Someone in this room is already called ${name}, or a name that looks just like it. Add an initial or pick another name.`);
  }
}

/**
 * A person Plex may show less joins (or comes back), in three steps, so that nothing is served to
 * them, nor replayed to their event stream, before every card they may not see is withdrawn:
 * 1. Their participant is stored as not in the room yet (as someone who is away): from then on
 *    their restrictions count for every card anyone deals, and the restriction version goes up, so
 *    each card dealt before is checked again before it is shown.
 * 2. Every dealt card is checked with their token (and everyone else's), cards dealt by others
 *    meanwhile too; the cards they may not see are withdrawn. Plex may be slow: no transaction is
 *    held open across it.
 * 3. Their participant enters the room and the room is told, in one transaction; the event is sent
 *    after the commit.
 */
async function joinNarrowing(options: { room: RoomWithSettings; userId: string; existing: Participant | null }): Promise<{ participant: Participant; created: boolean }> {
  const { room, userId } = options;
  const db = getDb();
  let waiting = options.existing;
  let created = false;
  if (!waiting) {
    try {
      waiting = await db.participant.create({ data: { roomId: room.id, userId, leftAt: new Date() } });
      created = true;
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
      waiting = await db.participant.findUniqueOrThrow({ where: { roomId_userId: { roomId: room.id, userId } } });
      if (!waiting.leftAt) return { participant: waiting, created: false };
    }
  }
  await bumpRestrictionVersion({ room });
  await checkDealtCards({ room });
  return { participant: await admit(waiting, userId), created };
}

/** The participant enters the room (again) and the room is told: one transaction, the event sent after it. */
async function admit(waiting: Participant, userId?: string): Promise<Participant> {
  const db = getDb();
  const current = await db.participant.findUnique({ where: { id: waiting.id }, include: { user: { select: { name: true } } } });
  // Taken out while their cards were checked (their access to the server is gone).
  if (!current || (userId && current.userId !== userId)) throw forbidden(ACCESS_GONE);
  if (!current.leftAt) return current;
  const name = current.user?.name ?? current.guestName ?? "Someone";
  const [participant, event] = await db.$transaction([
    db.participant.update({ where: { id: current.id }, data: { leftAt: null } }),
    db.roomEvent.create({ data: roomEventRow({ roomId: current.roomId, type: "participant_joined", data: { participantId: current.id, name } }) }),
  ]);
  forgetParticipants(current.roomId);
  const bus = getRoomEventBus();
  bus.deliverStored(event);
  // Every instance is told (and drops its caches of the room) before the newcomer is answered.
  await bus.announced();
  return participant;
}

const ACCESS_GONE = "Plex no longer lets you see this server's library, so you cannot join this room. Ask the server's owner to share it with you again, then sign in again.";

/** Someone who had left comes back: in the room again (caches dropped after the write), and the others are told. */
async function rejoin(existing: Participant): Promise<Participant> {
  return existing.leftAt ? admit(existing) : existing;
}

async function announce(roomId: string, participantId: string, name: string): Promise<void> {
  forgetParticipants(roomId);
  await getRoomEventBus().publish({ roomId, type: "participant_joined", data: { participantId, name } });
}
