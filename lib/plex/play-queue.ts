import { z } from "zod";

/**
 * Play queues on a Plex Media Server (PLEX_API.md 7.10 step 1): `POST /playQueues` with a
 * `server://{machineIdentifier}/com.plexapp.plugins.library/library/metadata/{ratingKey}` uri,
 * made with the person's own server token, so Plex refuses (404) a film they may not see.
 */
export const playQueueSchema = z.object({
  MediaContainer: z.object({
    playQueueID: z.union([z.number(), z.string()]).transform(String),
    playQueueSelectedItemID: z.union([z.number(), z.string()]).transform(String).optional(),
  }),
});

export interface PlayQueue {
  id: string;
  selectedItemId: string | undefined;
}

/** The query that makes a queue of one film, as python-plexapi's PlayQueue.create sends it. */
export function playQueueQuery(options: { machineIdentifier: string; ratingKey: string }): Record<string, string | number> {
  return {
    type: "video",
    uri: `server://${options.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${options.ratingKey}`,
    shuffle: 0,
    repeat: 0,
    continuous: 0,
    includeChapters: 1,
    includeRelated: 1,
  };
}

export function toPlayQueue(data: z.infer<typeof playQueueSchema>): PlayQueue {
  return { id: data.MediaContainer.playQueueID, selectedItemId: data.MediaContainer.playQueueSelectedItemID };
}
