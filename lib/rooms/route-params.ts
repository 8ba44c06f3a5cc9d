import { z } from "zod";

/** The [code] segment of a room route (normalized later; anything longer is not a code). */
export const roomParamsSchema = z.object({ code: z.string().min(1).max(32) });
export type RoomParams = z.infer<typeof roomParamsSchema>;
export type RoomRouteContext = { params: Promise<RoomParams> };

/** A Plex ratingKey as our routes accept it (Plex's are numeric strings). */
export const ratingKeySchema = z.string().regex(/^\d{1,12}$/, "not a Plex rating key");

/** The [code] and [ratingKey] segments of a route about one film of a room. */
export const roomFilmParamsSchema = roomParamsSchema.extend({ ratingKey: ratingKeySchema });
export type RoomFilmRouteContext = { params: Promise<z.infer<typeof roomFilmParamsSchema>> };
