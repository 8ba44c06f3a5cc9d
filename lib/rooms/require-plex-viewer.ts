import "server-only";
import type { SignedInUser } from "../auth/viewer";
import { forbidden } from "../errors";
import { requireRoomParticipant, type RoomViewer } from "./resolve-room-viewer";

/**
 * A room's participant signed in with Plex (playing on a player and watchlists need the person's
 * own Plex account). A guest is in the room (else 404 like any stranger) but is refused with 403.
 */
export async function requirePlexRoomViewer(options: { code: string }): Promise<RoomViewer & { user: SignedInUser }> {
  const viewer = await requireRoomParticipant(options);
  if (!viewer.user) throw forbidden("Guests have no Plex account here: ask the host to put the film on.");
  return { ...viewer, user: viewer.user };
}
