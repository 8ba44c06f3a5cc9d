// GET /api/rooms/[code]/films/[ratingKey] - one film of the room's deck with its details (summary, director, cast)
import { handle, json } from "@/lib/api/respond";
import { toPublicCard } from "@/lib/rooms/card";
import { getDeckCardOrThrow } from "@/lib/rooms/get-deck-card-or-throw";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { roomFilmParamsSchema, type RoomFilmRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle<RoomFilmRouteContext>(async (_req, ctx) => {
  const { code, ratingKey } = roomFilmParamsSchema.parse(await ctx.params);
  const { room } = await requireRoomParticipant({ code });
  const { position, card } = await getDeckCardOrThrow({ room, ratingKey });
  return json({ card: toPublicCard({ card, position, code: room.code }) });
});
