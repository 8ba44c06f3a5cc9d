// GET /api/rooms/[code]/deck?from=0&count=12 - cards of the room's deck, in the room's order
import { z } from "zod";
import { pmsForUser } from "@/lib/auth/viewer";
import { handle, json } from "@/lib/api/respond";
import { getDeckPage } from "@/lib/rooms/get-deck-page";
import { assertRoomOpen } from "@/lib/rooms/get-room-or-throw";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({
  from: z.coerce.number().int().min(0).max(10_000_000).default(0),
  count: z.coerce.number().int().min(1).max(48).default(12),
});

export const GET = handle<RoomRouteContext>(async (req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const query = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const { room } = await requireRoomParticipant({ code });
  assertRoomOpen(room);
  return json(await getDeckPage({ room, from: query.from, count: query.count, pms: () => pmsForUser(room.hostUserId) }));
});
