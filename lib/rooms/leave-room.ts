import "server-only";
import type { Participant } from ".prisma/sqlite";
import { getDb } from "../db/client";
import { getRoomEventBus } from "../realtime/event-bus";

/** A participant leaves: they no longer count for "everyone" matches; the others are told. */
export async function leaveRoom(options: { participant: Participant }): Promise<void> {
  if (options.participant.leftAt) return;
  await getDb().participant.update({ where: { id: options.participant.id }, data: { leftAt: new Date() } });
  await getRoomEventBus().publish({ roomId: options.participant.roomId, type: "participant_left", data: { participantId: options.participant.id } });
}
