import "server-only";
import type { Room } from "../db/models";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { normalizeRoomCode } from "./codes";
import { roomCaches } from "./room-cache";
import { parseStoredRoomSettings, type RoomSettings } from "./settings";

/** The answer for a room that does not exist, and for one the caller is not in. */
export const roomNotFound = () => new AppError("not_found", "There is no room with this code. Check the code and try again.");

export type RoomWithSettings = Room & { parsedSettings: RoomSettings };

/** The room with this code (typed as people type it); not_found when there is none. */
export async function getRoomOrThrow(options: { code: string }): Promise<RoomWithSettings> {
  const code = normalizeRoomCode(options.code);
  const cached = code ? roomCaches.rooms.get(code) : undefined;
  if (cached) return cached;
  const room = code ? await getDb().room.findUnique({ where: { code } }) : null;
  if (!room) throw roomNotFound();
  const withSettings = { ...room, parsedSettings: parseStoredRoomSettings(room.settings) };
  roomCaches.rooms.set(room.code, withSettings);
  return withSettings;
}

/** The answer for a room that was closed. */
export const roomClosed = () => new AppError("gone", "This room has been closed. Ask the host to open a new one.");

/** Throws gone when the room was closed. */
export function assertRoomOpen(room: Room): void {
  if (room.status !== "open") throw roomClosed();
}
