import { createHash } from "node:crypto";

/** How a final round's winner was found: the most votes, then the most likes, then the draw. */
export type DecidedBy = "votes" | "likes" | "draw";

/** Where a film ranks in a round's draw: its hash with the round's seed (the lowest wins). */
function drawRank(seed: string, ratingKey: string): string {
  return createHash("sha256").update(`${seed}:${ratingKey}`).digest("hex");
}

function most(keys: readonly string[], count: ReadonlyMap<string, number>): string[] {
  const top = Math.max(...keys.map((k) => count.get(k) ?? 0));
  return keys.filter((k) => (count.get(k) ?? 0) === top);
}

/**
 * The winner of a final round: the film with the most votes; among films with as many, the one
 * with the most likes in the room; among those, the one the round's seed draws. The seed was drawn
 * and stored when the round started, so the answer is the same on every instance and every time
 * it is worked out (a test can recompute it).
 */
export function pickWinner(options: {
  candidates: readonly string[];
  votes: ReadonlyMap<string, number>;
  likes: ReadonlyMap<string, number>;
  seed: string;
}): { ratingKey: string; decidedBy: DecidedBy } {
  const { candidates, seed } = options;
  if (!candidates.length) throw new Error("a final round without films has no winner");
  const byVotes = most(candidates, options.votes);
  if (byVotes.length === 1) return { ratingKey: byVotes[0]!, decidedBy: "votes" };
  const byLikes = most(byVotes, options.likes);
  if (byLikes.length === 1) return { ratingKey: byLikes[0]!, decidedBy: "likes" };
  const [drawn] = byLikes.map((k) => ({ k, rank: drawRank(seed, k) })).sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return { ratingKey: drawn!.k, decidedBy: "draw" };
}
