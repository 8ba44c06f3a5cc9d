import { z } from "zod";
import { ratingKeySchema } from "../route-params";

/** POST /api/rooms/[code]/final-round and .../finish take no fields. */
export const emptyBodySchema = z.object({}).strict();

/** POST /api/rooms/[code]/final-round/vote: the film picked. */
export const finalVoteSchema = z.object({ ratingKey: ratingKeySchema }).strict();
export type FinalVote = z.infer<typeof finalVoteSchema>;
