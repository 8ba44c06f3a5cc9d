// GET /api/rooms/[code]/films/[ratingKey] - one film of the room's deck with its details (summary, director, cast)
import { z } from "zod";
import { handle, json } from "@/lib/api/respond";
import { toPublicCard } from "@/lib/rooms/card";
import { getDeckCardOrThrow } from "@/lib/rooms/get-deck-card-or-throw";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ code: z.string().min(1).max(32), ratingKey: z.string().regex(/^\d{1,12}$/, "not a Plex rating key") });

export const GET = handle<{ params: Promise<{ code: string; ratingKey: string }> }>(async (_req, ctx) => {
  const { code, ratingKey } = paramsSchema.parse(await ctx.params);
  const { room } = await requireRoomParticipant({ code });
  const { position, card } = await getDeckCardOrThrow({ room, ratingKey });
  return json({ card: toPublicCard({ card, position, code: room.code }) });
});
