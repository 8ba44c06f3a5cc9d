import "server-only";
import { z } from "zod";
import { getDb } from "../../db/client";
import { preparedSql } from "../../db/prepared";
import { parseStoredJson } from "../../db/stored-json";
import type { FinalRoundView } from "../../view-models";
import { parseStoredCard } from "../card";
import { countParticipants } from "../evaluate-match";
import type { RoomWithSettings } from "../get-room-or-throw";
import { toMatchEntry } from "../list-matches";
import { likesNeeded } from "../match-rule";
import { ensureCardsChecked } from "../restricted-viewers";
import { toMatchRule } from "../settings";
import { storedCandidatesSchema } from "./round-sql";

const decidedBySchema = z.enum(["votes", "likes", "draw"]).nullable();
const endedBySchema = z.enum(["everyone", "host"]).nullable();
const statusSchema = z.enum(["voting", "decided"]);
const likeRowSchema = z.object({ ratingKey: z.string(), n: z.coerce.number().int() });

/**
 * The room's newest final round as this participant sees it (null when it never had one): its
 * films (the ones they may see, with "Open in Plex" links), who has voted, their own vote, and,
 * once decided, the votes per film and the winner.
 */
export async function getFinalRound(options: { room: RoomWithSettings; participantId: string; machineIdentifier: string }): Promise<FinalRoundView | null> {
  const { room } = options;
  const db = getDb();
  const round = await db.finalRound.findFirst({
    where: { roomId: room.id },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    include: { votes: { include: { participant: { select: { leftAt: true } } } } },
  });
  if (!round) return null;
  const keys = parseStoredJson({ schema: storedCandidatesSchema, text: round.candidates, what: `final round ${round.id}` });
  const [cards, participants, likeRows] = await Promise.all([
    db.deckCard.findMany({ where: { roomId: room.id, ratingKey: { in: keys } } }).then((rows) => ensureCardsChecked({ room, cards: rows })),
    countParticipants({ roomId: room.id }),
    preparedSql().rows(
      `SELECT s."ratingKey", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Swipe" s JOIN "Participant" p ON p."id" = s."participantId"
WHERE s."roomId" = ? AND s."liked" = TRUE AND p."leftAt" IS NULL GROUP BY s."ratingKey"`,
      [room.id],
    ),
  ]);
  const likes = new Map(likeRowSchema.array().parse(likeRows).map((r) => [r.ratingKey, r.n]));
  const votes = round.votes.filter((v) => !v.participant.leftAt);
  const status = statusSchema.parse(round.status);
  const needed = likesNeeded({ rule: toMatchRule(room), participants });
  const byKey = new Map(cards.map((c) => [c.ratingKey, c]));
  const films = keys.flatMap((ratingKey) => {
    const row = byKey.get(ratingKey);
    const card = row ? parseStoredCard(row.data) : null;
    if (!row || !card) return [];
    const entry = toMatchEntry({ room, card, position: row.position, likes: likes.get(ratingKey) ?? 0, participants, needed, matchedAt: null, machineIdentifier: options.machineIdentifier });
    return [{ ...entry, votes: status === "decided" ? votes.filter((v) => v.ratingKey === ratingKey).length : null }];
  });
  const shown = new Set(films.map((f) => f.card.ratingKey));
  return {
    id: round.id,
    status,
    films,
    voters: votes.map((v) => v.participantId),
    present: participants,
    myVote: votes.find((v) => v.participantId === options.participantId)?.ratingKey ?? null,
    // A winner this participant may not see is not named to them.
    winner: round.winnerRatingKey && shown.has(round.winnerRatingKey) ? round.winnerRatingKey : null,
    decidedBy: decidedBySchema.parse(round.decidedBy),
    endedBy: endedBySchema.parse(round.endedBy),
  };
}
