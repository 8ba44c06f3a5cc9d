// GET /api/rooms/[code]/host-players - the names of the host's Plex players that are online (anyone in the room, guests too)
import { handle, json } from "@/lib/api/respond";
import { listHostPlayerNames } from "@/lib/rooms/list-host-players";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle<RoomRouteContext>(async (_req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room } = await requireRoomParticipant({ code });
  return json({ players: await listHostPlayerNames(room) });
});
