import "server-only";
import { getDb } from "../db/client";
import { preparedSql } from "../db/prepared";
import { getRoomEventBus, storeRoomEvent } from "../realtime/event-bus";
import { forgetParticipants } from "./room-cache";

/**
 * Takes people whose access to the server is gone, or whose saved token can no longer be read,
 * out of every room they are in. Each of their participants leaves and stops belonging to them:
 * their restrictions no longer narrow that room's deck (the room carries on), and they see
 * nothing of it; joining again starts afresh, checking the cards with their token once more.
 * Each room is told with a participant_left event, stored with the change in one transaction.
 */
export async function removeLostViewers(options: { userIds: string[] }): Promise<void> {
  const db = getDb();
  const rows = await db.participant.findMany({ where: { userId: { in: options.userIds } }, include: { user: { select: { name: true } } } });
  for (const p of rows) {
    const guestName = p.user?.name ?? "Someone";
    const events = await preparedSql().transaction(function* (tx) {
      const detached = yield* tx.rows(`UPDATE "Participant" SET "userId" = NULL, "guestName" = ?, "leftAt" = ? WHERE "id" = ? RETURNING "id"`, [
        guestName,
        p.leftAt ?? new Date(),
        p.id,
      ]);
      if (!detached.length || p.leftAt) return [];
      return [yield* storeRoomEvent(tx, { roomId: p.roomId, type: "participant_left", data: { participantId: p.id } })];
    });
    forgetParticipants(p.roomId);
    getRoomEventBus().deliver(events);
  }
}
