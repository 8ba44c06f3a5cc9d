// GET /api/posters/[ratingKey]?room=CODE&w=480 - a film's poster (room members: films of that room's deck; signed-in users: any film they can see)
import { z } from "zod";
import { getSignedInUser, pmsForUser } from "@/lib/auth/viewer";
import { handle } from "@/lib/api/respond";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getDeckThumbOrThrow, getPoster, POSTER_WIDTHS, posterEtag, posterNotFound, widthForDensity, type PosterWidth } from "@/lib/rooms/get-poster";
import { requireRoomParticipant } from "@/lib/rooms/resolve-room-viewer";
import { ratingKeySchema, roomParamsSchema } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ ratingKey: ratingKeySchema });
const querySchema = z.object({
  room: roomParamsSchema.shape.code.optional(),
  /** Pixel width, one of POSTER_WIDTHS; `dpr` (1-3, a 240 px wide card) is the older way to ask. */
  w: z.enum(POSTER_WIDTHS.map(String) as [string, ...string[]]).optional(),
  dpr: z.enum(["1", "2", "3"]).default("2"),
});

/** Not in that room, no such room, not signed in: all the same 404 as a poster that does not exist. */
function asPosterNotFound(error: unknown): never {
  if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden" || error.code === "unauthenticated")) throw posterNotFound();
  throw error;
}

export const GET = handle<{ params: Promise<{ ratingKey: string }> }>(async (req, ctx) => {
  const { ratingKey } = paramsSchema.parse(await ctx.params);
  const query = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  let thumb: string;
  let pms: () => ReturnType<typeof pmsForUser>;
  if (query.room) {
    const { room } = await requireRoomParticipant({ code: query.room }).catch(asPosterNotFound);
    thumb = await getDeckThumbOrThrow({ room, ratingKey }).catch(asPosterNotFound);
    pms = () => pmsForUser(room.hostUserId);
  } else {
    // The caller's own token: Plex itself leaves out what a restricted profile may not see.
    const user = await getSignedInUser();
    if (!user) throw posterNotFound();
    const client = await pmsForUser(user.id).catch(asPosterNotFound);
    const movie = await client.getMovie(ratingKey);
    if (!movie?.thumb) throw posterNotFound();
    thumb = movie.thumb;
    pms = () => Promise.resolve(client);
  }
  const width = query.w ? (Number(query.w) as PosterWidth) : widthForDensity(Number(query.dpr) as 1 | 2 | 3);
  const etag = posterEtag(thumb, width);
  const headers = { ETag: etag, "Cache-Control": "private, max-age=86400", Vary: "Cookie" };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const poster = await getPoster({ thumb, width, dataDir: getConfig().dataDir, pms });
  return new Response(new Uint8Array(poster.body), { headers: { ...headers, "Content-Type": poster.contentType, "Content-Length": String(poster.body.length) } });
});
