import "server-only";
import type { Participant } from ".prisma/sqlite";
import { getDb } from "../db/client";
import { getRoomEventBus } from "../realtime/event-bus";
import { forgetParticipants } from "./room-cache";

/** A participant leaves: they no longer count for "everyone" matches; the others are told. */
export async function leaveRoom(options: { participant: Participant }): Promise<void> {
  if (options.participant.leftAt) return;
  await getDb().participant.update({ where: { id: options.participant.id }, data: { leftAt: new Date() } });
  forgetParticipants(options.participant.roomId);
  await getRoomEventBus().publish({ roomId: options.participant.roomId, type: "participant_left", data: { participantId: options.participant.id } });
}
