import "server-only";
import { preparedSql } from "../db/prepared";

import { getRoomEventBus, storeRoomEvent } from "../realtime/event-bus";
import type { RoomWithSettings } from "./get-room-or-throw";
import { roomCaches } from "./room-cache";
import { lockRoom } from "./room-sql";
import { refusal } from "../i18n/api-errors";

/**
 * Closes a room (only its host, signed in, may), as one transaction with its room_closed event:
 * no more joins, swipes or deck pages; event streams end after that event.
 */
export async function closeRoom(options: { room: RoomWithSettings; userId: string | undefined }): Promise<void> {
  const { room } = options;
  if (!options.userId || room.hostUserId !== options.userId) throw refusal("forbidden", "onlyHostCloses");
  const events = await preparedSql().transaction(function* (tx) {
    if ((yield* lockRoom(tx, room.id)) !== "open") return [];
    const now = new Date();
    yield* tx.rows(`UPDATE "Room" SET "status" = 'closed', "closedAt" = ? WHERE "id" = ?`, [now, room.id]);
    return [yield* storeRoomEvent(tx, { roomId: room.id, type: "room_closed", data: {} })];
  });
  roomCaches.rooms.delete(room.code);
  getRoomEventBus().deliver(events);
}
