// GET /api/rooms/[code]/players - the signed-in person's Plex players that are online (not for guests)
import { handle, json } from "@/lib/api/respond";
import { listRoomPlayers } from "@/lib/rooms/list-room-players";
import { requirePlexRoomViewer } from "@/lib/rooms/require-plex-viewer";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle<RoomRouteContext>(async (_req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { user } = await requirePlexRoomViewer({ code });
  return json({ players: await listRoomPlayers({ userId: user.id }) });
});
