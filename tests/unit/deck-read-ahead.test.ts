// The swipe's card look-up (lib/rooms/get-deck-card-or-throw findDeckCard) on a real SQLite
// database: a look-up that misses this instance's cache reads the card and the cards dealt after
// it in one query, so an instance that did not deal a room's cards does not query once per swipe.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database, { type Database as Connection } from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { findDeckCard as FindDeckCard } from "@/lib/rooms/get-deck-card-or-throw";

const dir = mkdtempSync(path.join(tmpdir(), "reelmatch-deck-"));
const databaseUrl = `file:${path.join(dir, "app.db")}`;
// Imported once the environment names the test's database (the app reads its configuration once).
let findDeckCard: typeof FindDeckCard;
let READ_AHEAD: number;

/** Writes to the database behind the app's back (no foreign keys: the cards need no room here). */
function withConnection<T>(run: (db: Connection) => T): T {
  const db = new Database(path.join(dir, "app.db"));
  try {
    db.pragma("foreign_keys = OFF");
    return run(db);
  } finally {
    db.close();
  }
}

function deal(roomId: string, count: number, options: { withdrawn?: number[]; blank?: number[] } = {}): void {
  withConnection((db) => {
    const insert = db.prepare(`INSERT INTO "DeckCard" ("roomId", "position", "ratingKey", "data", "checkedVersion", "withdrawn") VALUES (?, ?, ?, ?, 0, ?)`);
    for (let p = 0; p < count; p++) {
      const ratingKey = options.blank?.includes(p) ? "" : `${roomId}-film-${p}`;
      insert.run(roomId, p, ratingKey, JSON.stringify({ title: `Film ${p}` }), options.withdrawn?.includes(p) ? 1 : 0);
    }
  });
}

const forgetDealtCards = () => withConnection((db) => db.exec(`DELETE FROM "DeckCard"`));

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATA_DIR = dir;
  const { applyMigrations } = await import("@/lib/db/migrate");
  await applyMigrations({ databaseUrl });
  ({ findDeckCard, DECK_READ_AHEAD: READ_AHEAD } = await import("@/lib/rooms/get-deck-card-or-throw"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a dealt card looked up for a swipe", () => {
  it("one miss reads the card and the next ones dealt: later swipes need no query, the card past them does", async () => {
    deal("room-a", 200, { withdrawn: [12], blank: [15] });
    deal("room-b", 20);
    const first = await findDeckCard({ roomId: "room-a", ratingKey: "room-a-film-10" });
    expect(first).toMatchObject({ position: 10, ratingKey: "room-a-film-10", checkedVersion: 0, withdrawn: false });
    expect(JSON.parse(first!.data)).toEqual({ title: "Film 10" });
    // From here on the table is empty: what is still found came with the first look-up.
    forgetDealtCards();
    expect((await findDeckCard({ roomId: "room-a", ratingKey: "room-a-film-11" }))?.position).toBe(11);
    expect(await findDeckCard({ roomId: "room-a", ratingKey: "room-a-film-12" })).toMatchObject({ position: 12, withdrawn: true });
    const last = 10 + READ_AHEAD - 1;
    expect((await findDeckCard({ roomId: "room-a", ratingKey: `room-a-film-${last}` }))?.position).toBe(last);
    expect(await findDeckCard({ roomId: "room-a", ratingKey: `room-a-film-${last + 1}` })).toBeNull();
    // Cards before the one looked up, and other rooms' cards, were not read.
    expect(await findDeckCard({ roomId: "room-a", ratingKey: "room-a-film-9" })).toBeNull();
    expect(await findDeckCard({ roomId: "room-b", ratingKey: "room-b-film-0" })).toBeNull();
  });

  it("a film not dealt in the room, or dealt in another room only, is not found", async () => {
    deal("room-c", 5);
    deal("room-d", 5);
    expect(await findDeckCard({ roomId: "room-c", ratingKey: "not-dealt" })).toBeNull();
    expect(await findDeckCard({ roomId: "room-c", ratingKey: "room-d-film-1" })).toBeNull();
    expect((await findDeckCard({ roomId: "room-c", ratingKey: "room-c-film-4" }))?.position).toBe(4);
  });
});
