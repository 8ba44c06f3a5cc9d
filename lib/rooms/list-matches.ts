import "server-only";
import { getDb } from "../db/client";
import { toPublicCard, type Card, type PublicCard } from "./card";
import type { RoomWithSettings } from "./get-room-or-throw";
import { likesNeeded } from "./match-rule";
import { buildPlexLinks } from "./plex-links";
import { toMatchRule } from "./settings";

export interface MatchEntry {
  card: PublicCard;
  likes: number;
  participants: number;
  /** Likes the rule needs. */
  needed: number;
  matchedAt: string | null;
  plex: { web: string; app: string };
}

/**
 * The room's matches (newest first) and its near-misses: films some liked but that did not match
 * (yet), ranked by likes ("3 of 4 liked"). Each has its "Open in Plex" links.
 */
export async function listMatches(options: { room: RoomWithSettings; machineIdentifier: string; nearMissLimit?: number }): Promise<{ matches: MatchEntry[]; nearMisses: MatchEntry[] }> {
  const { room } = options;
  const db = getDb();
  const [matches, participants, likeGroups] = await Promise.all([
    db.match.findMany({ where: { roomId: room.id }, orderBy: { createdAt: "desc" } }),
    db.participant.count({ where: { roomId: room.id, leftAt: null } }),
    db.swipe.groupBy({ by: ["ratingKey"], where: { roomId: room.id, liked: true, participant: { leftAt: null } }, _count: { _all: true } }),
  ]);
  const likes = new Map(likeGroups.map((g) => [g.ratingKey, g._count._all]));
  const matched = new Set(matches.map((m) => m.ratingKey));
  const near = likeGroups
    .filter((g) => !matched.has(g.ratingKey))
    .sort((a, b) => b._count._all - a._count._all)
    .slice(0, options.nearMissLimit ?? 20);
  const keys = [...matched, ...near.map((g) => g.ratingKey)];
  const cards = keys.length ? await db.deckCard.findMany({ where: { roomId: room.id, ratingKey: { in: keys } } }) : [];
  const byKey = new Map(cards.map((c) => [c.ratingKey, c]));
  const needed = likesNeeded({ rule: toMatchRule(room), participants });
  const entry = (ratingKey: string, matchedAt: Date | null): MatchEntry[] => {
    const row = byKey.get(ratingKey);
    if (!row) return [];
    return [
      {
        card: toPublicCard({ card: JSON.parse(row.data) as Card, position: row.position, code: room.code }),
        likes: likes.get(ratingKey) ?? 0,
        participants,
        needed,
        matchedAt: matchedAt?.toISOString() ?? null,
        plex: buildPlexLinks({ machineIdentifier: options.machineIdentifier, ratingKey }),
      },
    ];
  };
  return {
    matches: matches.flatMap((m) => entry(m.ratingKey, m.createdAt)),
    nearMisses: near.flatMap((g) => entry(g.ratingKey, null)),
  };
}
