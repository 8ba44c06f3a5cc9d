import "server-only";
import type { Room } from "../db/models";
import { getDb } from "../db/client";

import { normalizeRoomCode } from "./codes";
import { roomCaches } from "./room-cache";
import { parseStoredRoomSettings, type RoomSettings } from "./settings";
import { refusal } from "../i18n/api-errors";

/** The answer for a room that does not exist, and for one the caller is not in. */
export const roomNotFound = () => refusal("not_found", "noRoom");

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
export const roomClosed = () => refusal("gone", "roomClosed");

/** Throws gone when the room was closed. */
export function assertRoomOpen(room: Room): void {
  if (room.status !== "open") throw roomClosed();
}
