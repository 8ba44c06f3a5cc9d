// POST, DELETE /api/rooms/[code]/matches/[ratingKey]/watchlist - add a match to the person's Plex watchlist, or remove it
import { handle, json } from "@/lib/api/respond";
import { requireServerId } from "@/lib/auth/viewer";
import { requirePlexRoomViewer } from "@/lib/rooms/require-plex-viewer";
import { updateRoomWatchlist } from "@/lib/rooms/room-watchlist";
import { roomFilmParamsSchema, type RoomFilmRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const update = (listed: boolean) =>
  handle<RoomFilmRouteContext>(async (_req, ctx) => {
    const { code, ratingKey } = roomFilmParamsSchema.parse(await ctx.params);
    const { room, user } = await requirePlexRoomViewer({ code });
    return json(await updateRoomWatchlist({ room, userId: user.id, machineIdentifier: await requireServerId(), ratingKey, listed }));
  });

export const POST = update(true);
export const DELETE = update(false);
