import "server-only";
import { getDb } from "../db/client";
import { forbidden } from "../errors";
import { getRoomEventBus } from "../realtime/event-bus";
import type { RoomWithSettings } from "./get-room-or-throw";
import { roomCaches } from "./room-cache";

/** Closes a room (only its host, signed in, may): no more joins or swipes; everyone is told. */
export async function closeRoom(options: { room: RoomWithSettings; userId: string | undefined }): Promise<void> {
  if (!options.userId || options.room.hostUserId !== options.userId) throw forbidden("Only the host can close this room.");
  if (options.room.status === "closed") return;
  await getDb().room.update({ where: { id: options.room.id }, data: { status: "closed", closedAt: new Date() } });
  roomCaches.rooms.delete(options.room.code);
  await getRoomEventBus().publish({ roomId: options.room.id, type: "room_closed", data: {} });
}
