import "server-only";
import { getDb } from "../db/client";
import { isMatch } from "./match-rule";
import { toMatchRule } from "./settings";

/** Likes for a film among the people still in the room, and how many people that is. */
export async function countLikes(options: { roomId: string; ratingKey: string }): Promise<{ likes: number; participants: number }> {
  const db = getDb();
  const [likes, participants] = await Promise.all([
    db.swipe.count({ where: { roomId: options.roomId, ratingKey: options.ratingKey, liked: true, participant: { leftAt: null } } }),
    db.participant.count({ where: { roomId: options.roomId, leftAt: null } }),
  ]);
  return { likes, participants };
}

/** Whether the room's rule is met for this film now. */
export async function evaluateMatch(options: { room: { id: string; matchRule: string; matchThreshold: number | null }; ratingKey: string }): Promise<{ matched: boolean; likes: number; participants: number }> {
  const counts = await countLikes({ roomId: options.room.id, ratingKey: options.ratingKey });
  return { ...counts, matched: isMatch({ rule: toMatchRule(options.room), ...counts }) };
}
