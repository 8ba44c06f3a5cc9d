import "server-only";
import type { SignedInUser } from "../auth/viewer";

import { requireRoomParticipant, type RoomViewer } from "./resolve-room-viewer";
import { refusal } from "../i18n/api-errors";

/**
 * A room's participant signed in with Plex (playing on a player and watchlists need the person's
 * own Plex account). A guest is in the room (else 404 like any stranger) but is refused with 403.
 */
export async function requirePlexRoomViewer(options: { code: string }): Promise<RoomViewer & { user: SignedInUser }> {
  const viewer = await requireRoomParticipant(options);
  if (!viewer.user) throw refusal("forbidden", "guestsNoPlex");
  return { ...viewer, user: viewer.user };
}
