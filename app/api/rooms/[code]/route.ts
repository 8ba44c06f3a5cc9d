// GET /api/rooms/[code] - the room as this participant sees it (or whether it can be joined); DELETE - close it (host)
import { handle, json } from "@/lib/api/respond";
import { closeRoom } from "@/lib/rooms/close-room";
import { formatRoomCode } from "@/lib/rooms/codes";
import { getRoomState } from "@/lib/rooms/get-room-state";
import { resolveRoomViewer } from "@/lib/rooms/resolve-room-viewer";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle<RoomRouteContext>(async (_req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room, user, participant } = await resolveRoomViewer({ code });
  if (!participant) {
    return json({ joined: false, code: room.code, displayCode: formatRoomCode(room.code), status: room.status, guestsAllowed: room.guestsAllowed, signedIn: !!user });
  }
  return json({ joined: true, ...(await getRoomState({ room, participant })) });
});

export const DELETE = handle<RoomRouteContext>(async (_req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room, user } = await resolveRoomViewer({ code });
  await closeRoom({ room, userId: user?.id });
  return json({ closed: true });
});
