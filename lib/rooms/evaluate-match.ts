import "server-only";
import { getDb } from "../db/client";
import { roomCaches } from "./room-cache";

/** How many people are in the room (not left); cached briefly, dropped on every join and leave. */
export async function countParticipants(options: { roomId: string }): Promise<number> {
  const cached = roomCaches.participantCounts.get(options.roomId);
  if (cached !== undefined) return cached;
  const count = await getDb().participant.count({ where: { roomId: options.roomId, leftAt: null } });
  roomCaches.participantCounts.set(options.roomId, count);
  return count;
}

/** Likes for a film among the people still in the room, and how many people that is. */
export async function countLikes(options: { roomId: string; ratingKey: string }): Promise<{ likes: number; participants: number }> {
  const [likes, participants] = await Promise.all([
    getDb().swipe.count({ where: { roomId: options.roomId, ratingKey: options.ratingKey, liked: true, participant: { leftAt: null } } }),
    countParticipants({ roomId: options.roomId }),
  ]);
  return { likes, participants };
}
