import "server-only";
import { z } from "zod";
import type { SqlStep, Tx } from "../../db/prepared";
import { parseStoredJson } from "../../db/stored-json";

import { storeRoomEvent, type RoomEventRecord } from "../../realtime/event-bus";
import { parseStoredCard, toPublicCard } from "../card";
import { countPresent } from "../room-sql";
import { pickWinner, type DecidedBy } from "./pick-winner";
import { refusal } from "../../i18n/api-errors";

/**
 * The steps the final-round commands (start, vote, finish, and a leave) are made of, run inside
 * the command's transaction with the room's row locked (lib/rooms/room-sql's lockRoom): on
 * PostgreSQL the commands of one room run one after another on every instance, so two last votes
 * at once decide the round once.
 */
type Step<T> = Generator<SqlStep, T, unknown>;

/** "everyone": the last vote came in (or the last person yet to vote left); "host": the host ended it. */
export type EndedBy = "everyone" | "host";

export interface StoredRound {
  id: string;
  status: "voting" | "decided";
  candidates: string[];
  seed: string;
  winnerRatingKey: string | null;
}

const roundRowSchema = z.object({
  id: z.string(),
  status: z.enum(["voting", "decided"]),
  candidates: z.string(),
  seed: z.string(),
  winnerRatingKey: z.string().nullable(),
});
/** FinalRound.candidates: the rating keys of the matches the round is among. */
export const storedCandidatesSchema = z.array(z.string()).min(1);

/** The room's newest final round (voting or decided), if it ever had one. */
export function* latestRound(tx: Tx, roomId: string): Step<StoredRound | null> {
  const [row] = yield* tx.rows<unknown>(
    `SELECT "id", "status", "candidates", "seed", "winnerRatingKey" FROM "FinalRound" WHERE "roomId" = ? ORDER BY "startedAt" DESC, "id" DESC LIMIT 1`,
    [roomId],
  );
  if (!row) return null;
  const parsed = roundRowSchema.parse(row);
  return { ...parsed, candidates: parseStoredJson({ schema: storedCandidatesSchema, text: parsed.candidates, what: `final round ${parsed.id}` }) };
}

/** The answer to a vote or an end when no round is going on. */
export const noRoundVoting = () => refusal("conflict", "noFinalRound");

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** Of these films, those still in the deck (a restricted participant who joined since may not see some). */
export function* shownFilms(tx: Tx, roomId: string, ratingKeys: readonly string[]): Step<string[]> {
  if (!ratingKeys.length) return [];
  const rows = yield* tx.rows<{ ratingKey: string }>(
    `SELECT DISTINCT "ratingKey" FROM "DeckCard" WHERE "roomId" = ? AND "withdrawn" = FALSE AND "ratingKey" IN (${placeholders(ratingKeys.length)})`,
    [roomId, ...ratingKeys],
  );
  const shown = new Set(rows.map((r) => r.ratingKey));
  return ratingKeys.filter((k) => shown.has(k));
}

/** The votes of the people in the room now (a vote of someone who left no longer counts). */
export function* presentVotes(tx: Tx, roundId: string): Step<{ participantId: string; ratingKey: string }[]> {
  return yield* tx.rows<{ participantId: string; ratingKey: string }>(
    `SELECT v."participantId", v."ratingKey" FROM "FinalVote" v JOIN "Participant" p ON p."id" = v."participantId" WHERE v."roundId" = ? AND p."leftAt" IS NULL`,
    [roundId],
  );
}

/** Likes of these films by the people in the room now. */
function* likesOf(tx: Tx, roomId: string, ratingKeys: readonly string[]): Step<Map<string, number>> {
  const rows = yield* tx.rows<{ ratingKey: string; n: number }>(
    `SELECT s."ratingKey", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Swipe" s JOIN "Participant" p ON p."id" = s."participantId"
WHERE s."roomId" = ? AND s."liked" = TRUE AND p."leftAt" IS NULL AND s."ratingKey" IN (${placeholders(ratingKeys.length)}) GROUP BY s."ratingKey"`,
    [roomId, ...ratingKeys],
  );
  return new Map(rows.map((r) => [r.ratingKey, Number(r.n)]));
}

function tally(votes: readonly { ratingKey: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of votes) counts.set(v.ratingKey, (counts.get(v.ratingKey) ?? 0) + 1);
  return counts;
}

/** final_round_decided's data: the winner's card, how it won, and the votes and likes it had. */
export interface DecidedEventData {
  roundId: string;
  card: ReturnType<typeof toPublicCard>;
  decidedBy: DecidedBy;
  endedBy: EndedBy;
  votes: number;
  likes: number;
}

/**
 * Decides a voting round now: the winner by votes, then likes, then the round's stored draw (see
 * pickWinner), among its films still in the deck. Stores the winner and the final_round_decided
 * event; nothing when the round was decided already.
 */
export function* decideRound(tx: Tx, options: { room: { id: string; code: string }; round: StoredRound; endedBy: EndedBy }): Step<RoomEventRecord[]> {
  const { room, round, endedBy } = options;
  const candidates = yield* shownFilms(tx, room.id, round.candidates);
  // Every film was withdrawn meanwhile (unheard of, but possible): the round ends with no winner.
  if (!candidates.length) {
    yield* tx.rows(`UPDATE "FinalRound" SET "status" = 'decided', "endedBy" = ?, "decidedAt" = ? WHERE "id" = ? AND "status" = 'voting' RETURNING "id"`, [endedBy, new Date(), round.id]);
    return [];
  }
  const votes = tally((yield* presentVotes(tx, round.id)).filter((v) => candidates.includes(v.ratingKey)));
  const likes = yield* likesOf(tx, room.id, candidates);
  const winner = pickWinner({ candidates, votes, likes, seed: round.seed });
  const updated = yield* tx.rows(
    `UPDATE "FinalRound" SET "status" = 'decided', "winnerRatingKey" = ?, "decidedBy" = ?, "endedBy" = ?, "decidedAt" = ? WHERE "id" = ? AND "status" = 'voting' RETURNING "id"`,
    [winner.ratingKey, winner.decidedBy, endedBy, new Date(), round.id],
  );
  if (!updated.length) return [];
  const [row] = yield* tx.rows<{ position: number; data: string }>(
    `SELECT "position", "data" FROM "DeckCard" WHERE "roomId" = ? AND "ratingKey" = ? AND "withdrawn" = FALSE ORDER BY "position" LIMIT 1`,
    [room.id, winner.ratingKey],
  );
  const card = row ? parseStoredCard(row.data) : null;
  if (!row || !card) throw new Error(`final round ${round.id}: the winner's card could not be read`);
  const data: DecidedEventData = {
    roundId: round.id,
    card: toPublicCard({ card, position: Number(row.position), code: room.code }),
    decidedBy: winner.decidedBy,
    endedBy,
    votes: votes.get(winner.ratingKey) ?? 0,
    likes: likes.get(winner.ratingKey) ?? 0,
  };
  return [yield* storeRoomEvent(tx, { roomId: room.id, type: "final_round_decided", data })];
}

/**
 * Decides the room's voting round if everyone in the room now has voted (after a vote, or after
 * someone who had not voted left). Nothing otherwise.
 */
export function* settleRound(tx: Tx, room: { id: string; code: string }): Step<RoomEventRecord[]> {
  const round = yield* latestRound(tx, room.id);
  if (round?.status !== "voting") return [];
  const present = yield* countPresent(tx, room.id);
  const voters = new Set((yield* presentVotes(tx, round.id)).map((v) => v.participantId));
  if (!present || voters.size < present) return [];
  return yield* decideRound(tx, { room, round, endedBy: "everyone" });
}
