import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { isTrue, type SqlStep, type Tx } from "../db/prepared";

import { storeRoomEvent, type RoomEventRecord } from "../realtime/event-bus";
import { parseStoredCard, toPublicCard } from "./card";
import { roomClosed, roomNotFound } from "./get-room-or-throw";
import { isMatch, likesNeeded, type MatchRule } from "./match-rule";
import { refusal } from "../i18n/api-errors";

/**
 * The steps room commands (swipe, undo, leave, close) are made of, each a statement or two run
 * inside the command's transaction (lib/db/prepared: `yield*` them from a command). Every command
 * that decides a match locks the room's row first, so on PostgreSQL the commands of one room run
 * one after another even on several app instances, and each reads the likes the one before it
 * committed (READ COMMITTED takes a fresh snapshot per statement, after the lock is granted);
 * SQLite's BEGIN IMMEDIATE serializes all writers already.
 */
type Step<T> = Generator<SqlStep, T, unknown>;

/** The room's row, locked for the rest of the transaction. */
const lockSql = (tx: Tx) =>
  // NO KEY UPDATE: inserts that only reference the room (its swipes, cards, events) do not wait.
  `SELECT "status" FROM "Room" WHERE "id" = ?${tx.dialect === "postgresql" ? " FOR NO KEY UPDATE" : ""}`;

/** Locks the room's row for the rest of the transaction and returns its status. */
export function* lockRoom(tx: Tx, roomId: string): Step<string> {
  const [room] = yield* tx.rows<{ status: string }>(lockSql(tx), [roomId]);
  return roomStatus(room?.status);
}

/** A room's status as read under its lock: gone (404) when there is no such room. */
function roomStatus(status: unknown): string {
  if (typeof status !== "string") throw roomNotFound();
  return status;
}

/** Refuses a command on a closed room (closed on any instance). */
function assertOpen(status: string): void {
  if (status !== "open") throw roomClosed();
}

/** Locks the room's row; gone when the room was closed (on any instance). */
export function* lockOpenRoom(tx: Tx, roomId: string): Step<void> {
  assertOpen(yield* lockRoom(tx, roomId));
}

/** How many people are in the room now (not left). */
export function* countPresent(tx: Tx, roomId: string): Step<number> {
  const [row] = yield* tx.rows<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "Participant" WHERE "roomId" = ? AND "leftAt" IS NULL`, [roomId]);
  return Number(row?.n ?? 0);
}

/** The likes of one film (room id, rating key) by the people in the room now (not left). */
const PRESENT_LIKES = `FROM "Swipe" s JOIN "Participant" p ON p."id" = s."participantId"
WHERE s."roomId" = ? AND s."ratingKey" = ? AND s."liked" = TRUE AND p."leftAt" IS NULL`;

function* countLikes(tx: Tx, roomId: string, ratingKey: string): Step<number> {
  const [row] = yield* tx.rows<{ n: number }>(
    `SELECT CAST(COUNT(*) AS INTEGER) AS "n" ${PRESENT_LIKES}`,
    [roomId, ratingKey],
  );
  return Number(row?.n ?? 0);
}

const INSERT_MATCH = `INSERT INTO "Match" ("id", "roomId", "ratingKey", "createdAt") VALUES (?, ?, ?, ?)
ON CONFLICT ("roomId", "ratingKey") DO NOTHING
RETURNING "id"`;

/** What a command already read of a film under the room's lock: its likes by people in the room now, and whether it is a match. */
export interface FilmFacts {
  likes: number;
  matched: boolean;
}

export interface Settled {
  /** Set when the film matched now. */
  matched: { ratingKey: string; title: string } | null;
  /** The match or match_removed event stored, if any (delivered after commit). */
  events: RoomEventRecord[];
}

/**
 * Brings a film's match in line with the room's rule and the likes of the people in the room now:
 * stores the match (and its "match" event) when the rule holds and it had not matched, withdraws
 * it (with a "match_removed" event) when the rule no longer holds. A withdrawn card (a restricted
 * participant may not see it) never matches.
 */
export function* settleFilm(
  tx: Tx,
  options: { room: { id: string; code: string }; rule: MatchRule; ratingKey: string; participants: number; known?: FilmFacts },
): Step<Settled> {
  const { room, rule, ratingKey, participants, known } = options;
  const likes = known ? known.likes : yield* countLikes(tx, room.id, ratingKey);
  const holds = isMatch({ rule, likes, participants });
  // Nothing to change: read under the room's lock, so still true.
  if (known && holds === known.matched) return { matched: null, events: [] };
  if (holds) {
    const [card] = yield* tx.rows<{ position: number; data: string }>(
      `SELECT "position", "data" FROM "DeckCard" WHERE "roomId" = ? AND "ratingKey" = ? AND "withdrawn" = FALSE LIMIT 1`,
      [room.id, ratingKey],
    );
    const parsed = card ? parseStoredCard(card.data) : null;
    if (!card || !parsed) return { matched: null, events: [] };
    const inserted = yield* tx.rows(INSERT_MATCH, [randomUUID(), room.id, ratingKey, new Date()]);
    if (!inserted.length) return { matched: null, events: [] };
    // Who liked it, for the faces on the match screen (people in the room now).
    const likers = yield* tx.rows<{ participantId: string }>(
      `SELECT s."participantId" ${PRESENT_LIKES}`,
      [room.id, ratingKey],
    );
    const data = { card: toPublicCard({ card: parsed, position: Number(card.position), code: room.code }), likes, participants, likers: likers.map((l) => l.participantId) };
    const event = yield* storeRoomEvent(tx, { roomId: room.id, type: "match", data });
    return { matched: { ratingKey, title: parsed.title }, events: [event] };
  }
  const removed = yield* tx.rows(`DELETE FROM "Match" WHERE "roomId" = ? AND "ratingKey" = ? RETURNING "id"`, [room.id, ratingKey]);
  if (!removed.length) return { matched: null, events: [] };
  return { matched: null, events: [yield* storeRoomEvent(tx, { roomId: room.id, type: "match_removed", data: { ratingKey } })] };
}

/**
 * Matches the films the people in the room now agree on that had not matched (after someone
 * left, or came back with their likes). Never withdraws anything.
 */
export function* matchAgreedFilms(tx: Tx, options: { room: { id: string; code: string }; rule: MatchRule; participants: number }): Step<RoomEventRecord[]> {
  const { room, rule, participants } = options;
  const films = yield* tx.rows<{ ratingKey: string }>(
    `SELECT s."ratingKey" FROM "Swipe" s JOIN "Participant" p ON p."id" = s."participantId"
WHERE s."roomId" = ? AND s."liked" = TRUE AND p."leftAt" IS NULL
AND NOT EXISTS (SELECT 1 FROM "Match" m WHERE m."roomId" = s."roomId" AND m."ratingKey" = s."ratingKey")
GROUP BY s."ratingKey" HAVING COUNT(*) >= ?`,
    [room.id, likesNeeded({ rule, participants })],
  );
  const events: RoomEventRecord[] = [];
  for (const { ratingKey } of films) events.push(...(yield* settleFilm(tx, { room, rule, ratingKey, participants })).events);
  return events;
}

/** The answer to a swipe of anything but the person's next card or a card they already swiped. */
export const notYourNextCard = () =>
  refusal("conflict", "notYourNextCard");

/** The participant's furthest swiped position (-1 when none) and how many swipes they have. */
/** A participant's furthest swiped position (-1 when none) and how many swipes they have. */
export interface SwipeSpan {
  furthest: number;
  count: number;
}

export function* swipeSpan(tx: Tx, participantId: string): Step<SwipeSpan> {
  const [row] = yield* tx.rows<{ furthest: number | null; n: number }>(
    `SELECT MAX("position") AS "furthest", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Swipe" WHERE "participantId" = ?`,
    [participantId],
  );
  return { furthest: row?.furthest === null || row?.furthest === undefined ? -1 : Number(row.furthest), count: Number(row?.n ?? 0) };
}

/** The first card still in the deck after `after` and at or before `upTo` that the participant has not swiped (an undo left it). */
function* firstUnswiped(tx: Tx, options: { roomId: string; participantId: string; upTo: number; after?: number }): Step<number | null> {
  const [row] = yield* tx.rows<{ hole: number | null }>(
    `SELECT MIN(d."position") AS "hole" FROM "DeckCard" d
WHERE d."roomId" = ? AND d."position" > ? AND d."position" <= ? AND d."withdrawn" = FALSE AND d."ratingKey" <> ''
AND NOT EXISTS (SELECT 1 FROM "Swipe" s WHERE s."participantId" = ? AND s."ratingKey" = d."ratingKey")`,
    [options.roomId, options.after ?? -1, options.upTo, options.participantId],
  );
  return row?.hole === null || row?.hole === undefined ? null : Number(row.hole);
}

/** Where a participant is: their next card, and how many cards they have swiped. */
export interface Progress {
  next: number;
  swiped: number;
}

/**
 * The participant's next card (the first card of the deck they have not swiped) and how many
 * cards they swiped. Swipes are accepted only at the next card (or on cards already swiped), so
 * their swipes fill the deck from the start, and an undo is the only way to leave a card unswiped
 * before their furthest one. When their swipes are exactly positions 0..furthest (the usual
 * case) this costs one index lookup.
 */
export function* progressOf(tx: Tx, options: { roomId: string; participantId: string; span?: SwipeSpan }): Step<Progress> {
  const { furthest, count } = options.span ?? (yield* swipeSpan(tx, options.participantId));
  if (count !== furthest + 1) {
    const hole = yield* firstUnswiped(tx, { ...options, upTo: furthest });
    if (hole !== null) return { next: hole, swiped: count };
  }
  return { next: furthest + 1, swiped: count };
}

/**
 * Where the participant goes on once they swipe the card at `position` again (an undo took it
 * back): the first card after it they have not swiped, not the cards after it they already swiped.
 */
export function* resumeAfter(tx: Tx, options: { roomId: string; participantId: string; position: number; span: SwipeSpan }): Step<number> {
  const { furthest } = options.span;
  if (furthest <= options.position) return options.position + 1;
  return (yield* firstUnswiped(tx, { ...options, after: options.position, upTo: furthest })) ?? furthest + 1;
}

/**
 * Whether a card at `position` the participant has not swiped is their next card: the first card
 * of the deck they have not swiped, every position before it dealt (withdrawn cards and films gone
 * from the library are skipped).
 */
export function* isNextCard(tx: Tx, options: { roomId: string; participantId: string; position: number; span: SwipeSpan }): Step<boolean> {
  const { position } = options;
  const { furthest, count } = options.span;
  if (count !== furthest + 1) {
    const hole = yield* firstUnswiped(tx, { ...options, upTo: furthest });
    if (hole !== null) return position === hole;
  }
  if (position === furthest + 1) return true;
  if (position <= furthest) return false;
  // Cards between the furthest swipe and this one: all dealt, and none of them still in the deck.
  const [row] = yield* tx.rows<{ n: number }>(
    `SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "DeckCard" WHERE "roomId" = ? AND "position" > ? AND "position" < ? AND ("withdrawn" = TRUE OR "ratingKey" = '')`,
    [options.roomId, furthest, position],
  );
  return Number(row?.n ?? 0) === position - furthest - 1;
}

/** What a swipe's checks read, with the room's row locked (see swipeFacts). */
export interface SwipeFacts {
  /** The participant is still in the room (they may have left in another tab). */
  present: boolean;
  /** The dealt card at the position is still in the deck (not withdrawn since it was looked up). */
  shown: boolean;
  /** Their swipe of the film, if any. */
  before: { liked: boolean } | null;
  span: SwipeSpan;
  /** How many people are in the room now. */
  participants: number;
  /** The film's likes by the others in the room now, and whether it is a match. */
  film: { othersLikes: number; matched: boolean };
}

const SWIPE_FACTS = `SELECT
(SELECT "status" FROM "Room" WHERE "id" = ?) AS "status",
(SELECT COUNT(*) FROM "Participant" WHERE "id" = ? AND "leftAt" IS NULL) AS "present",
(SELECT COUNT(*) FROM "DeckCard" WHERE "roomId" = ? AND "position" = ? AND "withdrawn" = FALSE) AS "shown",
(SELECT "liked" FROM "Swipe" WHERE "participantId" = ? AND "ratingKey" = ?) AS "before",
(SELECT MAX("position") FROM "Swipe" WHERE "participantId" = ?) AS "furthest",
(SELECT COUNT(*) FROM "Swipe" WHERE "participantId" = ?) AS "swiped",
(SELECT COUNT(*) FROM "Participant" WHERE "roomId" = ? AND "leftAt" IS NULL) AS "participants",
(SELECT COUNT(*) ${PRESENT_LIKES} AND s."participantId" <> ?) AS "othersLikes",
(SELECT COUNT(*) FROM "Match" WHERE "roomId" = ? AND "ratingKey" = ?) AS "matched"`;

const swipeFactsRow = z.object({
  status: z.string().nullable(),
  present: z.coerce.number(),
  shown: z.coerce.number(),
  before: z.union([z.boolean(), z.number()]).nullable(),
  furthest: z.coerce.number().nullable(),
  swiped: z.coerce.number(),
  participants: z.coerce.number(),
  othersLikes: z.coerce.number(),
  matched: z.coerce.number(),
});

/**
 * Locks the room's row, then reads everything a swipe checks, in one statement (the film's likes
 * and match included, which took statements of their own): on PostgreSQL the lock is pipelined
 * with it (lib/db/prepared), so the two are one round trip; the swipe is the command people make
 * every second. The statement starts once the lock is held, and on PostgreSQL sees what committed
 * before it started. Gone (404) or closed (409) rooms are refused here.
 */
export function* swipeFacts(tx: Tx, options: { roomId: string; participantId: string; position: number; ratingKey: string }): Step<SwipeFacts> {
  const { roomId, participantId, position, ratingKey } = options;
  yield* tx.exec(lockSql(tx), [roomId]);
  const [raw] = yield* tx.rows<unknown>(SWIPE_FACTS, [
    roomId,
    participantId,
    roomId,
    position,
    participantId,
    ratingKey,
    participantId,
    participantId,
    roomId,
    roomId,
    ratingKey,
    participantId,
    roomId,
    ratingKey,
  ]);
  const row = swipeFactsRow.parse(raw);
  assertOpen(roomStatus(row.status));
  return {
    present: row.present > 0,
    shown: row.shown > 0,
    before: row.before === null ? null : { liked: isTrue(row.before) },
    span: { furthest: row.furthest ?? -1, count: row.swiped },
    participants: row.participants,
    film: { othersLikes: row.othersLikes, matched: row.matched > 0 },
  };
}

/** Whether the participant is still in the room (they may have left in another tab). */
export function* isPresent(tx: Tx, participantId: string): Step<boolean> {
  const [row] = yield* tx.rows<{ id: string }>(`SELECT "id" FROM "Participant" WHERE "id" = ? AND "leftAt" IS NULL`, [participantId]);
  return !!row;
}

const UPSERT_SWIPE = `INSERT INTO "Swipe" ("id", "roomId", "participantId", "ratingKey", "position", "liked", "createdAt", "swipedAt")
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT ("participantId", "ratingKey") DO UPDATE SET "liked" = excluded."liked", "swipedAt" = excluded."swipedAt"`;

/** Stores a like or a nope (a swipe the other way changes it, and counts as the newest swipe). */
export function* writeSwipe(tx: Tx, options: { roomId: string; participantId: string; ratingKey: string; position: number; liked: boolean }): Step<void> {
  const now = new Date();
  yield* tx.exec(UPSERT_SWIPE, [randomUUID(), options.roomId, options.participantId, options.ratingKey, options.position, options.liked, now, now]);
}

/** The participant's newest swipe (by when it was swiped, whichever tab made it). */
export function* lastSwipe(tx: Tx, participantId: string): Step<{ id: string; ratingKey: string; position: number; liked: boolean } | null> {
  const [row] = yield* tx.rows<{ id: string; ratingKey: string; position: number; liked: unknown }>(
    `SELECT "id", "ratingKey", "position", "liked" FROM "Swipe" WHERE "participantId" = ? ORDER BY "swipedAt" DESC, "position" DESC LIMIT 1`,
    [participantId],
  );
  return row ? { id: row.id, ratingKey: row.ratingKey, position: Number(row.position), liked: isTrue(row.liked) } : null;
}
