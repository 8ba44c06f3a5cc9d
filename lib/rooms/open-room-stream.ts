import "server-only";
import { z } from "zod";
import { currentSessionToken, signedInUserForToken, type SignedInUser } from "../auth/viewer";
import { getDb } from "../db/client";
import { onShutdown } from "../shutdown";

import { log } from "../log";
import { processState, type OpenStream } from "../process-state";
import { getRoomEventBus, type RoomEventRecord } from "../realtime/event-bus";
import { createRoomEventStream } from "../realtime/sse-stream";
import { assertRoomOpen } from "./get-room-or-throw";
import { eventNamesFilm, loadedWithdrawnRatingKeys, withdrawnRatingKeys } from "./restricted-viewers";
import { requireRoomParticipant } from "./resolve-room-viewer";
import { refusal } from "../i18n/api-errors";

/** Open event streams one participant may hold in this process (tabs, reconnects): more are refused with 429. */
export const MAX_STREAMS_PER_PARTICIPANT = 10;
/** How often every open stream of this process is checked again, all of them with one query. */
export const RECHECK_MS = 3_000;

const streams = processState.openStreams;

/** participant_left's data: who left. */
const leftParticipantSchema = z.object({ participantId: z.string() });

/** How soon a client whose stream ended at shutdown reconnects (through the balancer, to another instance). */
export const SHUTDOWN_RETRY_MS = 300;

// A graceful shutdown ends every stream with a hint to reconnect soon; streams opened after that end at once the same way.
onShutdown("streams", "room event streams", () => {
  streams.stopping = true;
  for (const s of [...streams.all]) s.close({ retryMs: SHUTDOWN_RETRY_MS });
});

/** Takes one of the participant's stream slots (429 when all are in use); the returned function gives it back. */
function claimStream(entry: OpenStream): () => void {
  let open = 0;
  for (const s of streams.all) if (s.participantId === entry.participantId) open++;
  if (open >= MAX_STREAMS_PER_PARTICIPANT) {
    throw refusal("rate_limited", "tooManyStreams", { count: MAX_STREAMS_PER_PARTICIPANT }, { retryAfter: 5 });
  }
  streams.all.add(entry);
  streams.timer ??= setInterval(() => void checkOpenStreams(), RECHECK_MS).unref();
  return () => {
    streams.all.delete(entry);
    if (!streams.all.size && streams.timer) {
      clearInterval(streams.timer);
      streams.timer = undefined;
    }
  };
}

/**
 * Ends the streams whose person may no longer receive them: their session ended or was revoked,
 * their saved access cannot be read, they left or were taken out of the room, or the room closed
 * or expired. One query for all the participants, one session read per person (cached briefly).
 */
async function checkOpenStreams(): Promise<void> {
  if (streams.checking || !streams.all.size) return;
  streams.checking = true;
  try {
    const list = [...streams.all];
    const rows = await getDb().participant.findMany({
      where: { id: { in: [...new Set(list.map((s) => s.participantId))] } },
      select: { id: true, leftAt: true, userId: true, room: { select: { status: true } } },
    });
    const participants = new Map(rows.map((r) => [r.id, r]));
    const users = new Map<string, SignedInUser | null>();
    for (const token of new Set(list.flatMap((s) => (s.sessionToken ? [s.sessionToken] : [])))) users.set(token, await signedInUserForToken(token));
    for (const s of list) {
      const row = participants.get(s.participantId);
      const user = s.sessionToken ? users.get(s.sessionToken) : undefined;
      const inRoom = !!row && !row.leftAt && row.userId === s.participantUserId && row.room.status === "open";
      const sessionHolds = !s.userId || (!!user && user.id === s.userId && (!user.limitedByPlex || user.serverAccessReadable));
      if (!inRoom || !sessionHolds) s.close();
    }
  } catch (error) {
    // The database away for a moment: the streams stay open and are checked on the next round.
    log.warn("could not check the open event streams", { error: (error as Error).message });
  } finally {
    streams.checking = false;
  }
}

/**
 * The room's event stream for the participant of this request, from `afterId` (null: from now).
 * Refused for a closed room (410), and past MAX_STREAMS_PER_PARTICIPANT (429). Once open it is
 * checked again: it ends after the room closes or the participant leaves (their own events), and
 * within RECHECK_MS of the session being revoked, the participant taken out or the room expiring.
 * Film events are filtered as they are sent, with the cards withdrawn by then.
 */
export async function openRoomStream(options: { code: string; afterId: number | null; signal: AbortSignal }): Promise<Response> {
  const { room, user, participant } = await requireRoomParticipant({ code: options.code });
  assertRoomOpen(room);
  const bus = getRoomEventBus();
  const afterId = options.afterId ?? (await bus.lastEventId(room.id));
  const entry: OpenStream = { participantId: participant.id, participantUserId: participant.userId, userId: user?.id, sessionToken: user ? await currentSessionToken() : undefined, close: () => {} };
  const release = claimStream(entry);
  const endAfter = (event: RoomEventRecord) =>
    event.type === "room_closed" || (event.type === "participant_left" && leftParticipantSchema.safeParse(event.data).data?.participantId === participant.id);
  // Matches of cards withdrawn since (a restricted participant may not see them) are not sent:
  // judged with the withdrawn films as they are when each event is sent.
  const filter = (event: RoomEventRecord): boolean | Promise<boolean> => {
    const withdrawn = loadedWithdrawnRatingKeys(room.id);
    return withdrawn ? !eventNamesFilm(event, withdrawn) : withdrawnRatingKeys(room).then((keys) => !eventNamesFilm(event, keys));
  };
  try {
    const response = createRoomEventStream({ bus, roomId: room.id, afterId, signal: options.signal, filter, endAfter, onOpen: (close) => (entry.close = close), onClose: release });
    if (streams.stopping) entry.close({ retryMs: SHUTDOWN_RETRY_MS });
    return response;
  } catch (error) {
    release();
    throw error;
  }
}
