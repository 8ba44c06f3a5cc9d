import "server-only";
import type { Participant } from "../db/models";
import { cookies, headers } from "next/headers";
import { getSignedInUser, type SignedInUser } from "../auth/viewer";
import { getConfig } from "../config";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { expireRoomsOccasionally } from "./expire-rooms";
import { getRoomOrThrow, roomNotFound, type RoomWithSettings } from "./get-room-or-throw";
import { clientAddress } from "../api/client-address";
import { assertMayAskForRoom, countWrongRoomCode } from "./join-rate-limit";
import { roomCaches } from "./room-cache";
import { participantCookieName, signParticipantCookie, verifyParticipantCookie } from "./participant-cookie";
import { cookiePath } from "@/lib/base-path";
import { refusal } from "../i18n/api-errors";

export interface RoomViewer {
  room: RoomWithSettings;
  user: SignedInUser | null;
  participant: Participant | null;
  /** This browser's participant who left the room (a join brings the same person back). */
  former: Participant | null;
}

/**
 * The one authentication helper of the room routes and pages: finds the room by code, the
 * signed-in user if any, and the participant this browser is in the room as (the user's own, or the
 * guest of the signed cookie). Only someone asking for a room they are not in meets the code
 * guessing limits (unknown codes count against their address; see join-rate-limit): people in a
 * room are never refused because of guesses made from their address.
 */
export async function resolveRoomViewer(options: { code: string }): Promise<RoomViewer> {
  const address = clientAddress(await headers());
  // The hourly sweep runs beside the request that triggers it, never in its way (a swipe, say).
  void expireRoomsOccasionally({ ttlDays: getConfig().roomTtlDays }).catch(() => undefined);
  const user = await getSignedInUser();
  let room: RoomWithSettings;
  try {
    room = await getRoomOrThrow({ code: options.code });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") await countWrongRoomCode({ address, signedIn: !!user });
    throw error;
  }
  // Fail closed: a room cannot check what this person may see, so they see nothing of it.
  if (user?.limitedByPlex && !user.serverAccessReadable) throw refusal("forbidden", "unreadableAccess");
  const db = getDb();
  let participant: Participant | null = null;
  if (user) {
    participant = await cachedParticipant(`${room.id}:user:${user.id}`, () => db.participant.findUnique({ where: { roomId_userId: { roomId: room.id, userId: user.id } } }));
  }
  // A guest cookie left in this browser never serves someone Plex may show less than the host (a
  // child's profile would see the guest's deck): they are in the room only as themselves.
  if (!participant && !user?.limitedByPlex) {
    const guestId = verifyParticipantCookie({ secret: getConfig().secret, roomId: room.id, value: (await cookies()).get(participantCookieName(room.code))?.value });
    if (guestId) participant = await cachedParticipant(`${room.id}:guest:${guestId}`, () => db.participant.findFirst({ where: { id: guestId, roomId: room.id } }));
  }
  // Not in this room (nor ever was): once codes are being guessed, the same answer as for no room.
  if (!participant) await assertMayAskForRoom({ address, signedIn: !!user });
  if (participant?.leftAt) return { room, user, participant: null, former: participant };
  return { room, user, participant, former: null };
}

/**
 * A room's participant from the participant cache, else loaded (and kept there while in use). Only
 * people in the room are kept: someone away, or still being let in (see joinRoom), is read again
 * each time, so the moment they enter counts at once.
 */
async function cachedParticipant(key: string, load: () => Promise<Participant | null>): Promise<Participant | null> {
  const participant = roomCaches.participants.get(key) ?? (await load());
  if (participant && !participant.leftAt) roomCaches.participants.set(key, participant);
  return participant;
}

/**
 * Like resolveRoomViewer, but the caller must be in the room. A stranger gets the very answer of a
 * room that does not exist (404), so another room's code opens none of its films, posters or
 * matches and tells nothing about them.
 */
export async function requireRoomParticipant(options: { code: string }): Promise<RoomViewer & { participant: Participant }> {
  const viewer = await resolveRoomViewer(options);
  if (!viewer.participant) throw roomNotFound();
  return { ...viewer, participant: viewer.participant };
}

/** Binds a guest participant to this browser (httpOnly, SameSite=Lax, signed). */
export async function setParticipantCookie(options: { room: RoomWithSettings; participantId: string }): Promise<void> {
  const config = getConfig();
  (await cookies()).set(participantCookieName(options.room.code), signParticipantCookie({ secret: config.secret, roomId: options.room.id, participantId: options.participantId }), {
    httpOnly: true,
    sameSite: "lax",
    secure: config.secureCookies,
    path: cookiePath,
    maxAge: config.roomTtlDays * 86_400 * 4,
  });
}
