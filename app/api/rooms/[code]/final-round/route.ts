// GET /api/rooms/[code]/final-round - the room's newest final round; POST - the host starts one among the matches
import { requireServerId } from "@/lib/auth/viewer";
import { handle, json, parseJson } from "@/lib/api/respond";
import { getFinalRound } from "@/lib/rooms/final-round/get-final-round";
import { emptyBodySchema } from "@/lib/rooms/final-round/schemas";
import { startFinalRound } from "@/lib/rooms/final-round/start-final-round";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle<RoomRouteContext>(async (_req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room, participant } = await requireRoomParticipant({ code });
  const machineIdentifier = await requireServerId();
  return json({ round: await getFinalRound({ room, participantId: participant.id, machineIdentifier }) });
});

export const POST = handle<RoomRouteContext>(async (req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room, participant } = await requireRoomParticipant({ code });
  await parseJson(req, emptyBodySchema);
  return json(await startFinalRound({ room, participant }), { status: 201 });
});
