import "server-only";
import { getDb } from "../db/client";
import { getRoomEventBus, roomEventRow } from "../realtime/event-bus";
import { forgetParticipants } from "./room-cache";

/**
 * Takes people whose access to the server is gone, or whose saved token can no longer be read,
 * out of every room they are in. Each of their participants leaves and stops belonging to them:
 * their restrictions no longer narrow that room's deck (the room carries on), and they see
 * nothing of it; joining again starts afresh, checking the cards with their token once more.
 * Each room is told with a participant_left event, stored with the change and sent after it.
 */
export async function removeLostViewers(options: { userIds: string[] }): Promise<void> {
  const db = getDb();
  const rows = await db.participant.findMany({ where: { userId: { in: options.userIds } }, include: { user: { select: { name: true } } } });
  for (const p of rows) {
    const detach = db.participant.update({ where: { id: p.id }, data: { userId: null, guestName: p.user?.name ?? "Someone", leftAt: p.leftAt ?? new Date() } });
    if (p.leftAt) {
      await detach;
      forgetParticipants(p.roomId);
      continue;
    }
    const [, event] = await db.$transaction([detach, db.roomEvent.create({ data: roomEventRow({ roomId: p.roomId, type: "participant_left", data: { participantId: p.id } }) })]);
    forgetParticipants(p.roomId);
    getRoomEventBus().deliverStored(event);
  }
}
