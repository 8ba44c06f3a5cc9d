// GET /api/rooms/[code]/deck?from=0&count=12 - cards of the room's deck, in the room's order
import { z } from "zod";
import { pmsForUser } from "@/lib/auth/viewer";
import { handle, json } from "@/lib/api/respond";
import { toPublicCard } from "@/lib/rooms/card";
import { assertRoomOpen } from "@/lib/rooms/get-room-or-throw";
import { countWithdrawnBefore, getDeckCards } from "@/lib/rooms/get-deck-cards";
import { withdrawnRatingKeys } from "@/lib/rooms/restricted-viewers";
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
  const cards = await getDeckCards({ room, from: query.from, count: query.count, pms: () => pmsForUser(room.hostUserId) });
  const [withdrawn, before] = await Promise.all([withdrawnRatingKeys(room), countWithdrawnBefore({ room, position: query.from })]);
  return json({
    // Cards withdrawn so far (a restricted participant may not see them) are not counted.
    total: room.deckSize - withdrawn.size,
    // Positions run to the end of the deck, withdrawn ones included.
    end: room.deckSize,
    from: query.from,
    // rank: how many of the deck's cards come before this one (the progress shown with it).
    cards: cards.map(({ position, card }, i) => ({ ...toPublicCard({ card, position, code: room.code }), rank: query.from - before + i })),
  });
});
