// GET, POST, DELETE /api/rooms/[code]/watchlist - the room's matches on the person's Plex watchlist; add or remove them all
import { handle, json } from "@/lib/api/respond";
import { requireServerId } from "@/lib/auth/viewer";
import { requirePlexRoomViewer } from "@/lib/rooms/require-plex-viewer";
import { getRoomWatchlist, updateRoomWatchlist } from "@/lib/rooms/room-watchlist";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle<RoomRouteContext>(async (_req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room, user } = await requirePlexRoomViewer({ code });
  return json(await getRoomWatchlist({ room, userId: user.id, machineIdentifier: await requireServerId() }));
});

const updateAll = (listed: boolean) =>
  handle<RoomRouteContext>(async (_req, ctx) => {
    const { code } = roomParamsSchema.parse(await ctx.params);
    const { room, user } = await requirePlexRoomViewer({ code });
    return json(await updateRoomWatchlist({ room, userId: user.id, machineIdentifier: await requireServerId(), listed }));
  });

export const POST = updateAll(true);
export const DELETE = updateAll(false);
