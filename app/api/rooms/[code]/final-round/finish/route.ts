// POST /api/rooms/[code]/final-round/finish - the host ends the final round now: decided with the votes so far
import { handle, json, parseJson } from "@/lib/api/respond";
import { finishFinalRound } from "@/lib/rooms/final-round/finish-final-round";
import { emptyBodySchema } from "@/lib/rooms/final-round/schemas";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handle<RoomRouteContext>(async (req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room, participant } = await requireRoomParticipant({ code });
  await parseJson(req, emptyBodySchema);
  await finishFinalRound({ room, participant });
  return json({ finished: true });
});
