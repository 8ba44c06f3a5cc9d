// GET /api/rooms/[code]/events - Server-Sent Events of the room (joins, progress, matches, withdrawn cards); Last-Event-ID replays what was missed
import { handle } from "@/lib/api/respond";
import { openRoomStream } from "@/lib/rooms/open-room-stream";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Last-Event-ID (sent by EventSource on reconnect) or ?after= (the first connection); null: from now. */
function afterId(req: Request): number | null {
  const raw = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("after") ?? "";
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export const GET = handle<RoomRouteContext>(async (req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  return openRoomStream({ code, afterId: afterId(req), signal: req.signal });
});
