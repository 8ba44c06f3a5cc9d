import "server-only";
import { EventEmitter } from "node:events";
import { Client } from "pg";
import { z } from "zod";
import { preparedSql } from "../db/prepared";
import { log } from "../log";
import { lastStoredEventId, replayStored, ROOM_EVENTS_CHANNEL, storeRoomEvent, transientNotification, transientRecord, type CommittedChange, type RoomEventBus, type RoomEventType } from "./event-bus";

/** The LISTEN connection's application_name (what an operator, or a test, finds it by). */
export const LISTENER_APPLICATION_NAME = "reelmatch-room-events";
const REPLAY_BATCH = 500;
const RECONNECT_MIN_MS = 200;
const RECONNECT_MAX_MS = 5_000;

/**
 * What a NOTIFY carries: a stored event's room, id and type (the rows are read from the table,
 * never carried), or a transient event whole (progress: a participant id and a count).
 */
const notificationSchema = z.union([
  z.object({ r: z.string(), i: z.number().int().positive(), t: z.string() }),
  z.object({ r: z.string(), t: z.string(), d: z.unknown(), p: z.literal(1) }),
]);

/**
 * Per room with subscribers in this process: the newest event id delivered to them (null until
 * `ready`: read when the room's first subscriber came).
 */
interface RoomCursor {
  last: number | null;
  ready: Promise<void>;
  reading: boolean;
  again: boolean;
}

/**
 * The room event bus over PostgreSQL LISTEN/NOTIFY, for several app instances on one database.
 *
 * Events are stored by the commands in their transactions, each with a small NOTIFY (room id,
 * event id, type) sent in that same transaction (storeRoomEvent): PostgreSQL delivers it when the
 * command commits, and never for one rolled back. Every instance (the sender too, so all deliver the same
 * way and in id order) reads the room's rows after the last id it delivered, in batches, and
 * delivers them to its own subscribers; every instance also tells its cache watchers about every
 * committed change, whether or not it has subscribers for the room. One dedicated connection per
 * process LISTENs; when it is lost the bus reconnects with back-off, tells the watchers to drop
 * everything (changes may have been missed), and reads every subscribed room again from its last
 * id. Transient events (progress) are not stored: they travel whole in the NOTIFY.
 */
export function createPgEventBus(options: { connectionString: string }): RoomEventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const watchers = new Set<(change: CommittedChange) => void>();
  const cursors = new Map<string, RoomCursor>();
  const sending = new Set<Promise<void>>();
  let client: Client | undefined;
  let connected = false;
  let started = false;
  let closed = false;
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;

  const tellWatchers = (change: CommittedChange) => {
    for (const watcher of watchers) {
      try {
        watcher(change);
      } catch (error) {
        log.warn("a room cache watcher failed", { error: (error as Error).message });
      }
    }
  };

  /** Reads the room's events after the last one delivered here and delivers them, one reader per room at a time. */
  const readRoom = async (roomId: string): Promise<void> => {
    const cursor = cursors.get(roomId);
    if (!cursor) return;
    if (cursor.reading || cursor.last === null) {
      cursor.again = true;
      return;
    }
    cursor.reading = true;
    try {
      for (;;) {
        cursor.again = false;
        const rows = await replayStored(roomId, cursor.last, REPLAY_BATCH);
        for (const row of rows) {
          if (row.id <= cursor.last) continue;
          cursor.last = row.id;
          emitter.emit(roomId, row);
        }
        if (rows.length < REPLAY_BATCH && !cursor.again) break;
      }
    } catch (error) {
      log.warn("could not read a room's events", { error: (error as Error).message });
      if (!closed) setTimeout(() => void readRoom(roomId), 1000).unref();
    } finally {
      cursor.reading = false;
    }
  };

  /**
   * A room's first subscriber: the bus delivers the events after the room's newest one now, and
   * the subscriber's own replay (bus.replay waits for this) reads everything up to it, so no event
   * falls between the two. Should the read fail, everything is delivered (streams skip ids they sent).
   */
  const openCursor = (roomId: string): RoomCursor => {
    const cursor: RoomCursor = { last: null, ready: Promise.resolve(), reading: false, again: false };
    cursor.ready = lastStoredEventId(roomId)
      .catch(() => 0)
      .then((id) => {
        cursor.last = id;
        if (cursor.again) void readRoom(roomId);
      });
    return cursor;
  };

  const onNotification = (payload: string | undefined) => {
    let parsed: z.infer<typeof notificationSchema>;
    try {
      parsed = notificationSchema.parse(JSON.parse(payload ?? ""));
    } catch {
      log.warn("ignored a room event notification that is not ours", { payload: String(payload).slice(0, 200) });
      return;
    }
    if ("p" in parsed) {
      const record = transientRecord({ roomId: parsed.r, type: parsed.t as RoomEventType, data: parsed.d });
      emitter.emit(parsed.r, record);
      return;
    }
    tellWatchers({ roomId: parsed.r, type: parsed.t as RoomEventType });
    void readRoom(parsed.r);
  };

  const scheduleReconnect = () => {
    if (closed || reconnectTimer) return;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** attempt) * (0.75 + Math.random() / 2);
    attempt++;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, delay);
    reconnectTimer.unref();
  };

  const lost = (why: string, which: Client) => {
    if (which !== client) return;
    client = undefined;
    if (connected) log.warn("lost the room events connection; reconnecting", { error: why });
    connected = false;
    which.removeAllListeners("notification");
    which.end().catch(() => undefined);
    scheduleReconnect();
  };

  const connect = async () => {
    if (closed) return;
    const next = new Client({ connectionString: options.connectionString, application_name: LISTENER_APPLICATION_NAME, keepAlive: true });
    client = next;
    next.on("error", (error) => lost(error.message, next));
    next.on("end", () => lost("connection ended", next));
    next.on("notification", (message) => onNotification(message.payload));
    try {
      await next.connect();
      await next.query(`LISTEN ${ROOM_EVENTS_CHANNEL}`);
    } catch (error) {
      lost((error as Error).message, next);
      return;
    }
    if (closed || client !== next) return;
    connected = true;
    if (attempt > 0) log.info("room events connection is back");
    attempt = 0;
    // Changes may have been committed while nobody here listened: every cache goes, and every
    // room with subscribers is read again from the last id delivered to them.
    tellWatchers({ everything: true });
    for (const roomId of cursors.keys()) void readRoom(roomId);
  };

  const start = () => {
    if (started) return;
    started = true;
    void connect();
  };

  const notify = (payload: string) => {
    const attemptSend = async (tries: number): Promise<void> => {
      try {
        await preparedSql().rows(`SELECT pg_notify(?, ?)`, [ROOM_EVENTS_CHANNEL, payload]);
      } catch (error) {
        if (tries <= 1 || closed) return log.warn("could not send a room event notification", { error: (error as Error).message });
        await new Promise((r) => setTimeout(r, 500));
        return attemptSend(tries - 1);
      }
    };
    const sent = attemptSend(3).finally(() => sending.delete(sent));
    sending.add(sent);
  };

  return {
    async publish(event) {
      start();
      if (event.transient) {
        const record = transientRecord(event);
        const payload = transientNotification(event);
        if (payload) notify(payload);
        else log.warn("a room event notification was too large to send", { type: event.type });
        return record;
      }
      // Stored and notified in one transaction: every instance (this one too) hears of it at commit.
      return preparedSql().transaction((tx) => storeRoomEvent(tx, event));
    },
    deliver() {
      // Nothing to send: the commands' commits notified every instance (storeRoomEvent).
      start();
    },
    subscribe(roomId, listener) {
      start();
      if (!cursors.has(roomId)) cursors.set(roomId, openCursor(roomId));
      emitter.on(roomId, listener);
      return () => {
        emitter.off(roomId, listener);
        if (!emitter.listenerCount(roomId)) cursors.delete(roomId);
      };
    },
    async replay(roomId, afterId, limit) {
      // After the room's cursor is set: whatever this read misses, the bus delivers.
      await cursors.get(roomId)?.ready;
      return replayStored(roomId, afterId, limit);
    },
    lastEventId: lastStoredEventId,
    watchCommitted(listener) {
      start();
      watchers.add(listener);
      return () => void watchers.delete(listener);
    },
    synchronized() {
      start();
      return connected;
    },
    async announced() {
      await Promise.allSettled([...sending]);
    },
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await Promise.allSettled([...sending]);
      const last = client;
      client = undefined;
      connected = false;
      await last?.end().catch(() => undefined);
      emitter.removeAllListeners();
    },
  };
}
