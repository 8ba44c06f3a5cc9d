import "server-only";
import { getDb } from "../db/client";
import type { RoomWithSettings } from "./get-room-or-throw";

/** What the join page tells someone who holds a room's code: whose room it is and what is in it. */
export interface RoomInvite {
  hostName: string;
  libraries: string[];
  /** Films the filters matched when the room was opened. */
  films: number;
  people: number;
}

/**
 * The invitation behind a room's code: the host's name, the libraries and how many films and
 * people. Holding the code is the invitation, so this is what anyone with it may see; nothing
 * about the films themselves or who else is in the room.
 */
export async function describeRoomInvite(options: { room: RoomWithSettings }): Promise<RoomInvite> {
  const { room } = options;
  const db = getDb();
  const [host, people] = await Promise.all([
    db.user.findUnique({ where: { id: room.hostUserId }, select: { name: true } }),
    db.participant.count({ where: { roomId: room.id, leftAt: null } }),
  ]);
  return { hostName: host?.name ?? "Someone", libraries: room.parsedSettings.sections.map((s) => s.title), films: room.deckSize, people };
}
