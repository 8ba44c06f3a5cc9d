// GET /api/rooms/[code]/matches/[ratingKey] - one match of the room, with its likes and Open in Plex links
import { requireServerId } from "@/lib/auth/viewer";
import { handle, json } from "@/lib/api/respond";
import { getMatchOrThrow } from "@/lib/rooms/get-match-or-throw";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { roomFilmParamsSchema, type RoomFilmRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle<RoomFilmRouteContext>(async (_req, ctx) => {
  const { code, ratingKey } = roomFilmParamsSchema.parse(await ctx.params);
  const { room } = await requireRoomParticipant({ code });
  const machineIdentifier = await requireServerId();
  return json(await getMatchOrThrow({ room, ratingKey, machineIdentifier }));
});
