import "server-only";
import { EventEmitter } from "node:events";
import { z } from "zod";
import { getConfig } from "../config";
import { parseStoredJson, storedValueUnreadable } from "../db/stored-json";
import { preparedSql, type SqlStep, type Tx } from "../db/prepared";
import { processState } from "../process-state";
import { ROOM_EVENT_TYPES, type RoomEventType } from "./event-types";
import { createPgEventBus } from "./pg-event-bus";

/** Something that happened in a room, as the SSE stream sends it (id = the SSE id). */
export interface RoomEventRecord {
  id: number;
  roomId: string;
  type: RoomEventType;
  data: unknown;
  createdAt: string;
  /**
   * Not stored: state that the next one supersedes (progress). Its id is 0; the stream sends it
   * under the id of the last stored event it sent, so a reconnecting client replays exactly the
   * stored events after that.
   */
  transient?: boolean;
}

/**
 * deck_withdrawn: cards left the deck for everyone (a restricted participant may not see them); its data names positions only.
 * final_round_*: the host started a final round among the matches, someone voted (who, not for what), the round was decided (the winner's card).
 */
export const roomEventTypeSchema = z.enum(ROOM_EVENT_TYPES);
export type { RoomEventType };

export type RoomEventListener = (event: RoomEventRecord) => void;

/**
 * A committed change some instance made to a room (its event's type), or `everything` when this
 * instance may have missed changes (its LISTEN connection was lost): what per-instance caches drop.
 */
export type CommittedChange = { roomId: string; type: RoomEventType } | { everything: true };

/**
 * The room event bus. Events are stored first (RoomEvent, whose id is the SSE event id), then
 * delivered to the subscribers, so a stream that reconnects with Last-Event-ID can replay what it
 * missed. The in-process implementation serves one app instance (SQLite); on PostgreSQL the bus
 * of lib/realtime/pg-event-bus delivers over LISTEN/NOTIFY to every instance.
 */
export interface RoomEventBus {
  publish(event: { roomId: string; type: RoomEventType; data: unknown; transient?: boolean }): Promise<RoomEventRecord>;
  /**
   * Tells this instance's subscribers about events a command stored in its transaction (call
   * after commit). On PostgreSQL every instance was told by the commit itself (storeRoomEvent's
   * NOTIFY), so this does nothing there.
   */
  deliver(events: readonly RoomEventRecord[]): void;
  subscribe(roomId: string, listener: RoomEventListener): () => void;
  /** Stored events of a room after the given id, oldest first. */
  replay(roomId: string, afterId: number, limit?: number): Promise<RoomEventRecord[]>;
  /** The id of the room's newest event (0 when none). */
  lastEventId(roomId: string): Promise<number>;
  /** Called for every committed event of any room, whichever instance committed it (cache invalidation). */
  watchCommitted(listener: (change: CommittedChange) => void): () => void;
  /**
   * Whether this instance hears every committed change now (false while a LISTEN connection is
   * down): per-instance caches are trusted only then.
   */
  synchronized(): boolean;
  /**
   * Resolves once every event delivered so far has been announced to the other instances (a
   * command that must not answer before they know, such as a restricted newcomer's join, waits).
   * Stored events are announced by their commit on PostgreSQL; only transient ones may be pending.
   */
  announced(): Promise<void>;
  /** Stops delivering and closes what the bus holds open (graceful shutdown). */
  close(): Promise<void>;
}

export type StoredRoomEvent = { id: number; roomId: string; type: string; data: string; createdAt: Date };

/** A stored event as the streams send it; an AppError when its type or data do not read. */
export function toRecord(row: StoredRoomEvent): RoomEventRecord {
  const type = roomEventTypeSchema.safeParse(row.type);
  if (!type.success) throw storedValueUnreadable(`room event ${row.id}`, type.error);
  // Each type's data is the stream's to read; here it only has to be JSON.
  const data = parseStoredJson({ schema: z.json(), text: row.data, what: `room event ${row.id}` });
  return { id: row.id, roomId: row.roomId, type: type.data, data, createdAt: row.createdAt.toISOString() };
}

/** The PostgreSQL channel every app instance LISTENs on (lib/realtime/pg-event-bus). */
export const ROOM_EVENTS_CHANNEL = "reelmatch_room_events";

/** Every match and join stores one (a prepared statement: see lib/db/prepared). */
const INSERT_EVENT = `INSERT INTO "RoomEvent" ("roomId", "type", "data", "createdAt") VALUES (?, ?, ?, ?) RETURNING "id"`;

/**
 * On PostgreSQL the same insert also sends the NOTIFY every instance LISTENs for (lib/realtime/
 * pg-event-bus), in the command's transaction: PostgreSQL delivers it when the transaction
 * commits, and never for one rolled back. The payload names the room, the event id and its type.
 */
const INSERT_EVENT_AND_NOTIFY = `WITH "e" AS (${INSERT_EVENT.replace(/RETURNING "id"$/, 'RETURNING "id", "roomId", "type"')})
SELECT "e"."id", pg_notify('${ROOM_EVENTS_CHANNEL}', json_build_object('r', "e"."roomId", 'i', "e"."id", 't', "e"."type")::text) AS "notified" FROM "e"`;

/**
 * Stores a room event inside a command's transaction (lib/db/prepared), so it commits with the
 * command's other writes or not at all (with its NOTIFY on PostgreSQL); deliver the record after
 * commit.
 */
export function* storeRoomEvent(tx: Tx, event: { roomId: string; type: RoomEventType; data: unknown }): Generator<SqlStep, RoomEventRecord, unknown> {
  const createdAt = new Date();
  const insert = tx.dialect === "postgresql" ? INSERT_EVENT_AND_NOTIFY : INSERT_EVENT;
  const [row] = yield* tx.rows<{ id: number }>(insert, [event.roomId, event.type, JSON.stringify(event.data ?? null), createdAt]);
  if (!row) throw new Error("storing a room event returned no id");
  return { id: Number(row.id), roomId: event.roomId, type: event.type, data: event.data ?? null, createdAt: createdAt.toISOString() };
}

/** A transient event as delivered: not stored, so id 0 (see RoomEventRecord.transient). */
export function transientRecord(event: { roomId: string; type: RoomEventType; data: unknown }): RoomEventRecord {
  return { id: 0, roomId: event.roomId, type: event.type, data: event.data ?? null, createdAt: new Date().toISOString(), transient: true };
}

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; a transient event's must stay well under. */
const MAX_NOTIFY_PAYLOAD = 7900;

/** A transient event as its NOTIFY carries it whole (lib/realtime/pg-event-bus reads it); null when it is too large to send. */
export function transientNotification(event: { roomId: string; type: RoomEventType; data: unknown }): string | null {
  const payload = JSON.stringify({ r: event.roomId, t: event.type, d: event.data ?? null, p: 1 });
  return payload.length > MAX_NOTIFY_PAYLOAD ? null : payload;
}

/**
 * A transient event (progress) sent from inside a command's transaction: on PostgreSQL its NOTIFY
 * is pipelined with the command's last statements and goes out at commit, to every instance (this
 * one too), so it costs no round trip of its own; elsewhere the record comes back, for
 * bus.deliver after commit. Nothing is sent for a command rolled back.
 */
export function* announceTransient(tx: Tx, event: { roomId: string; type: RoomEventType; data: unknown }): Generator<SqlStep, RoomEventRecord[], unknown> {
  if (tx.dialect !== "postgresql") return [transientRecord(event)];
  const payload = transientNotification(event);
  if (payload) yield* tx.exec(`SELECT pg_notify(?, ?)`, [ROOM_EVENTS_CHANNEL, payload]);
  return [];
}

/** The in-process bus: stores with a prepared statement, reads through Prisma, delivers with an EventEmitter. */
export function createInProcessEventBus(): RoomEventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const watchers = new Set<(change: CommittedChange) => void>();
  const emit = (record: RoomEventRecord) => {
    if (!record.transient) for (const watcher of watchers) watcher({ roomId: record.roomId, type: record.type });
    emitter.emit(record.roomId, record);
  };
  const bus: RoomEventBus = {
    async publish(event) {
      if (event.transient) {
        // A swipe a second must not grow RoomEvent.
        const record = transientRecord(event);
        emitter.emit(event.roomId, record);
        return record;
      }
      const record = await preparedSql().transaction((tx) => storeRoomEvent(tx, event));
      emit(record);
      return record;
    },
    deliver(events) {
      for (const event of events) emit(event);
    },
    subscribe(roomId, listener) {
      emitter.on(roomId, listener);
      return () => {
        emitter.off(roomId, listener);
      };
    },
    replay: replayStored,
    lastEventId: lastStoredEventId,
    watchCommitted(listener) {
      watchers.add(listener);
      return () => void watchers.delete(listener);
    },
    synchronized: () => true,
    announced: () => Promise.resolve(),
    close: () => Promise.resolve(void emitter.removeAllListeners()),
  };
  return bus;
}

/**
 * Stored events as read by prepared statements (every match is read once per instance, on the
 * hot path of a swipe). The time is read as text in both databases: SQLite keeps it as ISO 8601
 * with an offset, PostgreSQL as a UTC timestamp without a zone.
 */
const storedEventRowSchema = z.object({
  id: z.coerce.number().int(),
  roomId: z.string(),
  type: z.string(),
  data: z.string(),
  createdAt: z.string().transform((text) => new Date(/(?:Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text.replace(" ", "T")}Z`)),
});

const REPLAY_SQL = `SELECT "id", "roomId", "type", "data", CAST("createdAt" AS TEXT) AS "createdAt" FROM "RoomEvent" WHERE "roomId" = ? AND "id" > ? ORDER BY "id" ASC LIMIT ?`;

/** Stored events of a room after the given id, oldest first (both buses). */
export async function replayStored(roomId: string, afterId: number, limit = 500): Promise<RoomEventRecord[]> {
  const rows = await preparedSql().rows(REPLAY_SQL, [roomId, afterId, limit]);
  return rows.map((row) => toRecord(storedEventRowSchema.parse(row)));
}

/** The id of the room's newest stored event (0 when none). */
export async function lastStoredEventId(roomId: string): Promise<number> {
  const [row] = await preparedSql().rows<{ id: number | string | null }>(`SELECT MAX("id") AS "id" FROM "RoomEvent" WHERE "roomId" = ?`, [roomId]);
  return Number(row?.id ?? 0);
}

/**
 * The process's room event bus: over PostgreSQL LISTEN/NOTIFY when the database is PostgreSQL
 * (several app instances may serve a room), in process on SQLite (one instance).
 */
export function getRoomEventBus(): RoomEventBus {
  return (processState.eventBus ??= getConfig().databaseProvider === "postgresql" ? createPgEventBus({ connectionString: getConfig().databaseUrl }) : createInProcessEventBus());
}
