// POST /api/rooms/[code]/final-round/vote - pick one film of the final round (changeable until it is decided)
import { handle, json, parseJson } from "@/lib/api/respond";
import { finalVoteSchema } from "@/lib/rooms/final-round/schemas";
import { voteFinalRound } from "@/lib/rooms/final-round/vote-final-round";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handle<RoomRouteContext>(async (req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room, participant } = await requireRoomParticipant({ code });
  const { ratingKey } = await parseJson(req, finalVoteSchema);
  return json(await voteFinalRound({ room, participant, ratingKey }));
});
