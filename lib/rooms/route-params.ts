import { z } from "zod";

/** The [code] segment of a room route (normalized later; anything longer is not a code). */
export const roomParamsSchema = z.object({ code: z.string().min(1).max(32) });
export type RoomParams = z.infer<typeof roomParamsSchema>;
export type RoomRouteContext = { params: Promise<RoomParams> };

/** The [code] and [ratingKey] segments of a route about one film of a room. */
export const roomFilmParamsSchema = roomParamsSchema.extend({ ratingKey: z.string().regex(/^\d{1,12}$/, "not a Plex rating key") });
export type RoomFilmRouteContext = { params: Promise<z.infer<typeof roomFilmParamsSchema>> };
