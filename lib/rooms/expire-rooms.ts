import "server-only";
import { getDb } from "../db/client";
import { processState } from "../process-state";
import { roomCaches } from "./room-cache";

/**
 * Removes rooms idle for longer than `ttlDays` (ROOM_TTL_DAYS) with everything in them
 * (participants, swipes, matches, events and dealt cards go with the room).
 */
export async function expireRooms(options: { ttlDays: number; now?: Date }): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.ttlDays * 86_400_000);
  const db = getDb();
  const old = await db.room.findMany({ where: { lastActivityAt: { lt: cutoff } }, select: { code: true } });
  if (!old.length) return 0;
  const { count } = await db.room.deleteMany({ where: { lastActivityAt: { lt: cutoff } } });
  for (const r of old) roomCaches.rooms.delete(r.code);
  return count;
}

/** Runs expireRooms at most once an hour (called from room routes, so no timer is needed). */
export async function expireRoomsOccasionally(options: { ttlDays: number }): Promise<void> {
  const now = Date.now();
  if (processState.lastRoomExpiry && now - processState.lastRoomExpiry < 3_600_000) return;
  processState.lastRoomExpiry = now;
  await expireRooms({ ttlDays: options.ttlDays });
}
