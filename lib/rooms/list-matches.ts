import "server-only";
import { z } from "zod";
import { getDb } from "../db/client";
import { preparedSql } from "../db/prepared";
import { parseStoredCard, toPublicCard, type Card } from "./card";
import { countParticipants } from "./evaluate-match";
import type { RoomWithSettings } from "./get-room-or-throw";
import { likesNeeded } from "./match-rule";
import { ensureCardsChecked } from "./restricted-viewers";
import { buildPlexLinks } from "./plex-links";
import { toMatchRule } from "./settings";
import type { MatchEntry } from "../view-models";

/** A film of the room as the matches view shows it. */
export function toMatchEntry(options: {
  room: { code: string };
  card: Card;
  position: number;
  likes: number;
  participants: number;
  needed: number;
  matchedAt: Date | null;
  machineIdentifier: string;
}): MatchEntry {
  return {
    card: toPublicCard({ card: options.card, position: options.position, code: options.room.code }),
    likes: options.likes,
    participants: options.participants,
    needed: options.needed,
    matchedAt: options.matchedAt?.toISOString() ?? null,
    plex: buildPlexLinks({ machineIdentifier: options.machineIdentifier, ratingKey: options.card.ratingKey }),
  };
}

/** Likes per film from the people still in the room (lib/db's client has no groupBy: see lib/db/models). */
const LIKES_SQL = `SELECT s."ratingKey" AS "ratingKey", CAST(COUNT(*) AS INTEGER) AS "likes" FROM "Swipe" s JOIN "Participant" p ON p."id" = s."participantId" WHERE s."roomId" = ? AND s."liked" = ? AND p."leftAt" IS NULL GROUP BY s."ratingKey"`;
const likeCountSchema = z.object({ ratingKey: z.string(), likes: z.coerce.number().int() });

/**
 * The room's matches (newest first) and its near-misses: films some liked but that did not match
 * (yet), ranked by likes ("3 of 4 liked"). Each has its "Open in Plex" links.
 */
export async function listMatches(options: { room: RoomWithSettings; machineIdentifier: string; nearMissLimit?: number }): Promise<{ matches: MatchEntry[]; nearMisses: MatchEntry[] }> {
  const { room } = options;
  const db = getDb();
  const [matches, participants, likeRows] = await Promise.all([
    db.match.findMany({ where: { roomId: room.id }, orderBy: { createdAt: "desc" } }),
    countParticipants({ roomId: room.id }),
    preparedSql().rows(LIKES_SQL, [room.id, true]),
  ]);
  const likeGroups = likeCountSchema.array().parse(likeRows);
  const likes = new Map(likeGroups.map((g) => [g.ratingKey, g.likes]));
  const matched = new Set(matches.map((m) => m.ratingKey));
  const near = likeGroups
    .filter((g) => !matched.has(g.ratingKey))
    .sort((a, b) => b.likes - a.likes)
    .slice(0, options.nearMissLimit ?? 20);
  const keys = [...matched, ...near.map((g) => g.ratingKey)];
  // Withdrawn cards (a restricted participant may not see them) are no match for anyone.
  const cards = keys.length ? await ensureCardsChecked({ room, cards: await db.deckCard.findMany({ where: { roomId: room.id, ratingKey: { in: keys } } }) }) : [];
  const byKey = new Map(cards.map((c) => [c.ratingKey, c]));
  const needed = likesNeeded({ rule: toMatchRule(room), participants });
  const entry = (ratingKey: string, matchedAt: Date | null): MatchEntry[] => {
    const row = byKey.get(ratingKey);
    const card = row ? parseStoredCard(row.data) : null;
    if (!row || !card) return [];
    return [toMatchEntry({ room, card, position: row.position, likes: likes.get(ratingKey) ?? 0, participants, needed, matchedAt, machineIdentifier: options.machineIdentifier })];
  };
  return {
    matches: matches.flatMap((m) => entry(m.ratingKey, m.createdAt)),
    nearMisses: near.flatMap((g) => entry(g.ratingKey, null)),
  };
}
