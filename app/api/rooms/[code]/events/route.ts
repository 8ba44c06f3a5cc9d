// GET /api/rooms/[code]/events - Server-Sent Events of the room (joins, progress, matches, withdrawn cards); Last-Event-ID replays what was missed
import { handle } from "@/lib/api/respond";
import { getRoomEventBus } from "@/lib/realtime/event-bus";
import { createRoomEventStream } from "@/lib/realtime/sse-stream";
import { assertRoomOpen } from "@/lib/rooms/get-room-or-throw";
import { eventNamesFilm, withdrawnRatingKeys } from "@/lib/rooms/restricted-viewers";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Last-Event-ID (sent by EventSource on reconnect) or ?after= (the first connection). */
function afterId(req: Request): number {
  const raw = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("after") ?? "";
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

export const GET = handle<RoomRouteContext>(async (req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room } = await requireRoomParticipant({ code });
  // A closed room's stream ended with its room_closed event; a reconnect is not opened again.
  assertRoomOpen(room);
  const bus = getRoomEventBus();
  const after = afterId(req) || (await bus.lastEventId(room.id));
  // Matches of cards withdrawn since (a restricted participant may not see them) are not replayed.
  const withdrawn = await withdrawnRatingKeys(room);
  return createRoomEventStream({ bus, roomId: room.id, afterId: after, signal: req.signal, filter: (event) => !eventNamesFilm(event, withdrawn) });
});
