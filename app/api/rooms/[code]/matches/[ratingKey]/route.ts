// GET /api/rooms/[code]/matches/[ratingKey] - one match of the room, with its likes and Open in Plex links
import { z } from "zod";
import { getServerInfo } from "@/lib/auth/viewer";
import { handle, json } from "@/lib/api/respond";
import { getMatchOrThrow } from "@/lib/rooms/get-match-or-throw";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ code: z.string().min(1).max(32), ratingKey: z.string().regex(/^\d{1,12}$/, "not a Plex rating key") });

export const GET = handle<{ params: Promise<{ code: string; ratingKey: string }> }>(async (_req, ctx) => {
  const { code, ratingKey } = paramsSchema.parse(await ctx.params);
  const { room } = await requireRoomParticipant({ code });
  const { machineIdentifier } = await getServerInfo();
  return json(await getMatchOrThrow({ room, ratingKey, machineIdentifier }));
});
