// POST /api/rooms/[code]/swipes - record a swipe (idempotent; only films in the room's deck)
import { z } from "zod";
import { handle, json, parseJson } from "@/lib/api/respond";
import { recordSwipe } from "@/lib/rooms/record-swipe";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { ratingKeySchema, roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const swipeSchema = z.object({ ratingKey: ratingKeySchema, liked: z.boolean() }).strict();

export const POST = handle<RoomRouteContext>(async (req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const body = await parseJson(req, swipeSchema, 1024);
  const { room, participant } = await requireRoomParticipant({ code });
  return json(await recordSwipe({ room, participant, ratingKey: body.ratingKey, liked: body.liked }));
});
