// POST /api/rooms/[code]/matches/[ratingKey]/play - start a match on one of the person's Plex players
import { z } from "zod";
import { handle, json, parseJson } from "@/lib/api/respond";
import { requireServerId } from "@/lib/auth/viewer";
import { playMatch } from "@/lib/rooms/play-match";
import { requirePlexRoomViewer } from "@/lib/rooms/require-plex-viewer";
import { roomFilmParamsSchema, type RoomFilmRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const playSchema = z.object({ playerId: z.string().trim().min(1).max(200) });

export const POST = handle<RoomFilmRouteContext>(async (req, ctx) => {
  const { code, ratingKey } = roomFilmParamsSchema.parse(await ctx.params);
  const { room, user } = await requirePlexRoomViewer({ code });
  const { playerId } = await parseJson(req, playSchema, 1024);
  return json(await playMatch({ room, userId: user.id, ratingKey, playerId, machineIdentifier: await requireServerId() }));
});
