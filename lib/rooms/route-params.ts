import { z } from "zod";

/** The [code] segment of a room route (normalized later; anything longer is not a code). */
export const roomParamsSchema = z.object({ code: z.string().min(1).max(32) });
export type RoomParams = z.infer<typeof roomParamsSchema>;
export type RoomRouteContext = { params: Promise<RoomParams> };
