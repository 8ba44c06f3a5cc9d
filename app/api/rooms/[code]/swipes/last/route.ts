// DELETE /api/rooms/[code]/swipes/last - undo this participant's last swipe
import { handle, json } from "@/lib/api/respond";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";
import { undoSwipe } from "@/lib/rooms/undo-swipe";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = handle<RoomRouteContext>(async (_req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room, participant } = await requireRoomParticipant({ code });
  return json(await undoSwipe({ room, participant }));
});
