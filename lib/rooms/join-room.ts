import "server-only";
import type { Participant } from "../db/models";
import { randomUUID } from "node:crypto";
import { getDb } from "../db/client";
import { preparedSql } from "../db/prepared";

import { getRoomEventBus, storeRoomEvent } from "../realtime/event-bus";
import { assertRoomOpen, type RoomWithSettings } from "./get-room-or-throw";
import { bumpRestrictionVersion, checkDealtCards } from "./restricted-viewers";
import { forgetParticipants } from "./room-cache";
import { sameName } from "./participant-names";
import { countPresent, lockOpenRoom, matchAgreedFilms } from "./room-sql";
import { toMatchRule } from "./settings";
import { refusal } from "../i18n/api-errors";

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
    if (existing) return { participant: await admit(room, existing), created: false };
    return enter(room, { userId: options.userId });
  }
  if (options.existingParticipantId) {
    const existing = await db.participant.findFirst({ where: { id: options.existingParticipantId, roomId: room.id } });
    if (existing) return { participant: existing.leftAt ? await admit(room, existing) : existing, created: false };
  }
  if (!room.guestsAllowed) throw refusal("forbidden", "guestsOff");
  const name = options.guestName?.trim();
  if (!name) throw refusal("invalid_input", "enterName");
  await assertGuestNameFree({ room, name });
  return enter(room, { guestName: name });
}

const INSERT_PARTICIPANT = `INSERT INTO "Participant" ("id", "roomId", "userId", "guestName", "joinedAt", "lastSeenAt", "leftAt") VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT ("roomId", "userId") DO NOTHING
RETURNING "id"`;

/**
 * A new participant, stored in the room with its participant_joined event in one transaction
 * (the room's row locked: not into a room closed meanwhile), the event delivered after commit.
 * Another request of the same user that stored theirs first wins: theirs is returned.
 */
async function enter(room: RoomWithSettings, who: { userId: string } | { guestName: string }): Promise<{ participant: Participant; created: boolean }> {
  const userId = "userId" in who ? who.userId : null;
  const guestName = "guestName" in who ? who.guestName : null;
  const now = new Date();
  const outcome = await preparedSql().transaction(function* (tx) {
    yield* lockOpenRoom(tx, room.id);
    const [row] = yield* tx.rows<{ id: string }>(INSERT_PARTICIPANT, [randomUUID(), room.id, userId, guestName, now, now, null]);
    if (!row) return null;
    const [user] = userId ? yield* tx.rows<{ name: string | null }>(`SELECT "name" FROM "User" WHERE "id" = ?`, [userId]) : [];
    const name = guestName ?? user?.name ?? "Someone";
    const event = yield* storeRoomEvent(tx, { roomId: room.id, type: "participant_joined", data: { participantId: row.id, name } });
    return { id: row.id, event };
  });
  const db = getDb();
  if (!outcome) return { participant: await db.participant.findUniqueOrThrow({ where: { roomId_userId: { roomId: room.id, userId: userId! } } }), created: false };
  forgetParticipants(room.id);
  getRoomEventBus().deliver([outcome.event]);
  return { participant: await db.participant.findUniqueOrThrow({ where: { id: outcome.id } }), created: true };
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
    throw refusal("conflict", "nameTaken", { name });
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
 * 3. Their participant enters the room (see admit).
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
  return { participant: await admit(room, waiting, { userId, rejoining: !created }), created };
}

/**
 * A participant who was not in the room (who had left, or waited for their cards to be checked)
 * enters it, in one transaction with the room's row locked: they count again, the room is told
 * (participant_joined), and, when they come back with likes of before, the films the room now
 * agrees on match (joining never withdraws a match). The events are delivered after commit, and
 * every instance has been told (and has dropped its caches of the room) before this returns.
 */
async function admit(room: RoomWithSettings, waiting: Participant, options: { userId?: string; rejoining?: boolean } = {}): Promise<Participant> {
  const rule = toMatchRule(room);
  const rejoining = options.rejoining ?? true;
  const events = await preparedSql().transaction(function* (tx) {
    yield* lockOpenRoom(tx, room.id);
    const [current] = yield* tx.rows<{ userId: string | null; guestName: string | null; leftAt: unknown; name: string | null }>(
      `SELECT p."userId", p."guestName", p."leftAt", u."name" FROM "Participant" p LEFT JOIN "User" u ON u."id" = p."userId" WHERE p."id" = ?`,
      [waiting.id],
    );
    // Taken out while their cards were checked (their access to the server is gone).
    if (!current || (options.userId && current.userId !== options.userId)) throw refusal("forbidden", "accessGone");
    if (current.leftAt === null) return [];
    yield* tx.rows(`UPDATE "Participant" SET "leftAt" = NULL WHERE "id" = ?`, [waiting.id]);
    const name = current.name ?? current.guestName ?? "Someone";
    const stored = [yield* storeRoomEvent(tx, { roomId: room.id, type: "participant_joined", data: { participantId: waiting.id, name } })];
    if (rejoining) stored.push(...(yield* matchAgreedFilms(tx, { room, rule, participants: yield* countPresent(tx, room.id) })));
    return stored;
  });
  forgetParticipants(room.id);
  const bus = getRoomEventBus();
  bus.deliver(events);
  await bus.announced();
  return getDb().participant.findUniqueOrThrow({ where: { id: waiting.id } });
}
