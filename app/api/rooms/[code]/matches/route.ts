// GET /api/rooms/[code]/matches - matches and near-misses ranked by likes, with Open in Plex links
import { requireServerId } from "@/lib/auth/viewer";
import { handle, json } from "@/lib/api/respond";
import { listMatches } from "@/lib/rooms/list-matches";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle<RoomRouteContext>(async (_req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room } = await requireRoomParticipant({ code });
  const machineIdentifier = await requireServerId();
  return json(await listMatches({ room, machineIdentifier }));
});
