import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPipelinedPool } from "@/lib/db/client";
import { createPreparedSql, type PreparedSql } from "@/lib/db/prepared";
import { ROOM_EVENTS_CHANNEL, storeRoomEvent } from "@/lib/realtime/event-bus";
import { createTestDatabase, integrationDatabaseKind, type TestDatabase } from "../helpers/database";

/**
 * On PostgreSQL a command's events are announced to every instance by a NOTIFY sent inside the
 * command's transaction (storeRoomEvent): delivered when it commits, never for one rolled back.
 * SQLite has no NOTIFY (one instance, the in-process bus).
 */
const onPostgres = integrationDatabaseKind() === "postgresql";

let database: TestDatabase;
let pool: pg.Pool;
let sql: PreparedSql;
let listener: pg.Client;
const heard: { r: string; i: number; t: string }[] = [];

/** Waits until a notification for this room has been heard. */
async function heardFor(roomId: string): Promise<{ r: string; i: number; t: string }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = heard.find((n) => n.r === roomId);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no notification for ${roomId}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!onPostgres)("room event notifications on PostgreSQL", () => {
  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    // The app's own kind of pool (pipeline mode), which also listens for "error": an idle
    // connection the server ends (the database dropped WITH FORCE at the end) is no uncaught exception.
    pool = createPipelinedPool(database.url, 3);
    await pool.query(`CREATE TABLE "RoomEvent" ("id" SERIAL PRIMARY KEY, "roomId" TEXT NOT NULL, "type" TEXT NOT NULL, "data" TEXT NOT NULL, "createdAt" TIMESTAMP(3) NOT NULL)`);
    sql = createPreparedSql({ kind: "postgresql", connection: () => Promise.resolve(pool) });
    listener = new pg.Client({ connectionString: database.url });
    listener.on("error", () => undefined);
    await listener.connect();
    listener.on("notification", (message) => heard.push(JSON.parse(message.payload ?? "")));
    await listener.query(`LISTEN ${ROOM_EVENTS_CHANNEL}`);
  });
  afterAll(async () => {
    await listener?.end();
    await pool?.end();
    await database?.drop();
  });

  it("notifies every listener when the command commits, with ids only, and nobody for a command rolled back", async () => {
    await expect(
      sql.transaction(function* (tx) {
        yield* storeRoomEvent(tx, { roomId: "rolled-back", type: "match", data: { card: { title: "x".repeat(2000) } } });
        throw new Error("the swipe could not be stored");
      }),
    ).rejects.toThrow("could not be stored");
    const stored = await sql.transaction(function* (tx) {
      const first = yield* storeRoomEvent(tx, { roomId: "committed", type: "match", data: { card: { title: "x".repeat(2000) } } });
      yield* storeRoomEvent(tx, { roomId: "committed", type: "participant_left", data: { participantId: "p" } });
      return first;
    });
    const note = await heardFor("committed");
    // Notifications arrive in commit order: had the rolled-back one been sent, it would be here first.
    expect(heard[0]).toEqual({ r: "committed", i: stored.id, t: "match" });
    expect(heard.map((n) => n.t)).toEqual(["match", "participant_left"]);
    expect(heard.some((n) => n.r === "rolled-back")).toBe(false);
    expect(note).toEqual({ r: "committed", i: stored.id, t: "match" });
    expect((await pool.query(`SELECT COUNT(*)::int AS n FROM "RoomEvent" WHERE "roomId" = 'rolled-back'`)).rows[0].n).toBe(0);
  });

  it("is not delivered before the commit", async () => {
    const holder = await pool.connect();
    try {
      // The command waits on a lock held here after storing its event: its NOTIFY must not arrive meanwhile.
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock(7)");
      const command = sql.transaction(function* (tx) {
        const event = yield* storeRoomEvent(tx, { roomId: "waiting", type: "room_closed", data: {} });
        yield* tx.rows(`SELECT pg_advisory_xact_lock(7)`, []);
        return event;
      });
      // The command has stored its event and is waiting for the lock (seen from pg_locks).
      const deadline = Date.now() + 10_000;
      while (!(await holder.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rows.length) {
        if (Date.now() > deadline) throw new Error("the command never waited for the lock");
        await new Promise((r) => setTimeout(r, 20));
      }
      // A notification sent now (after the waiting one's insert) is heard first if the waiting one were already out.
      await pool.query(`SELECT pg_notify($1, $2)`, [ROOM_EVENTS_CHANNEL, JSON.stringify({ r: "marker", i: 1, t: "match" })]);
      await heardFor("marker");
      expect(heard.some((n) => n.r === "waiting")).toBe(false);
      await holder.query("COMMIT");
      const event = await command;
      expect(await heardFor("waiting")).toEqual({ r: "waiting", i: event.id, t: "room_closed" });
    } finally {
      holder.release();
    }
  });
});
