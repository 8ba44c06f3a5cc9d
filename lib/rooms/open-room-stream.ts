import "server-only";
import { currentSessionToken, signedInUserForToken } from "../auth/viewer";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { getRoomEventBus, type RoomEventRecord } from "../realtime/event-bus";
import { createRoomEventStream } from "../realtime/sse-stream";
import { assertRoomOpen } from "./get-room-or-throw";
import { eventNamesFilm, withdrawnRatingKeys } from "./restricted-viewers";
import { requireRoomParticipant } from "./resolve-room-viewer";

/** Open event streams one participant may hold in this process (tabs, reconnects): more are refused. */
export const MAX_STREAMS_PER_PARTICIPANT = 10;

const globalForStreams = globalThis as unknown as { reelmatchOpenStreams?: Map<string, number> };
const openStreams = (globalForStreams.reelmatchOpenStreams ??= new Map<string, number>());

/** Takes one of the participant's stream slots (429 when all are in use); the returned function gives it back. */
function claimStreamSlot(participantId: string): () => void {
  const open = openStreams.get(participantId) ?? 0;
  if (open >= MAX_STREAMS_PER_PARTICIPANT) {
    throw new AppError("rate_limited", `You already have ${MAX_STREAMS_PER_PARTICIPANT} live connections to this room. Close some of its other tabs, then reload this one.`, { retryAfter: 5 });
  }
  openStreams.set(participantId, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (openStreams.get(participantId) ?? 1) - 1;
    if (left > 0) openStreams.set(participantId, left);
    else openStreams.delete(participantId);
  };
}

/**
 * The room's event stream for the participant of this request, from `afterId`. Refused for a
 * closed room, and past MAX_STREAMS_PER_PARTICIPANT. Once open it is checked again: it ends after
 * the room closes or the participant leaves (their own events), and within seconds of the session
 * being revoked, the participant taken out or the room expiring (a small read every few seconds
 * per stream, not per event). Film events are filtered as they are sent, with the cards
 * withdrawn by then.
 */
export async function openRoomStream(options: { code: string; afterId: number | null; signal: AbortSignal }): Promise<Response> {
  const { room, user, participant } = await requireRoomParticipant({ code: options.code });
  assertRoomOpen(room);
  const bus = getRoomEventBus();
  const afterId = options.afterId ?? (await bus.lastEventId(room.id));
  const sessionToken = user ? await currentSessionToken() : undefined;
  const release = claimStreamSlot(participant.id);
  const stillAllowed = async (): Promise<boolean> => {
    if (user) {
      const now = await signedInUserForToken(sessionToken);
      if (!now || now.id !== user.id || (now.limitedByPlex && !now.serverAccessReadable)) return false;
    }
    const row = await getDb().participant.findUnique({ where: { id: participant.id }, select: { leftAt: true, userId: true, room: { select: { status: true } } } });
    return !!row && !row.leftAt && row.userId === participant.userId && row.room.status === "open";
  };
  const endAfter = (event: RoomEventRecord) =>
    event.type === "room_closed" || (event.type === "participant_left" && (event.data as { participantId?: unknown } | null)?.participantId === participant.id);
  // Matches of cards withdrawn since (a restricted participant may not see them) are not sent.
  const filter = async (event: RoomEventRecord) => !eventNamesFilm(event, await withdrawnRatingKeys(room));
  try {
    return createRoomEventStream({ bus, roomId: room.id, afterId, signal: options.signal, filter, endAfter, stillAllowed, onClose: release });
  } catch (error) {
    release();
    throw error;
  }
}
