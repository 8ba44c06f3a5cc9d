import Database from "better-sqlite3";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { APPLIED_MIGRATIONS_SQL, applyMigrations } from "@/lib/db/migrate";
import { startApp } from "../helpers/app";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { querySql } from "../helpers/db-dump";
import { startAppWithPlex, plexEnv, type PlexApp } from "../helpers/plex-app";
import { createRoom, deck, hostClient, joinAsGuest } from "./rooms-support";

/**
 * An upgrade keeps everything: a database made by the previous release (every migration but the
 * newest) and filled with what a running installation holds is brought up to date by the new
 * release at start, with every row of every table kept.
 */
const root = path.resolve(__dirname, "../..");
let source: PlexApp;
let previous: TestDatabase;
const folders: string[] = [];

/** Tables and their columns, as the database has them (the migrations table left out). */
async function columnsOf(db: TestDatabase): Promise<Map<string, string[]>> {
  const rows =
    db.kind === "sqlite"
      ? await querySql(db, `SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`)
      : await querySql(db, `SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'`);
  const tables = new Map<string, string[]>();
  for (const r of rows) if (r.t !== "_reelmatch_migrations") tables.set(String(r.t), [...(tables.get(String(r.t)) ?? []), String(r.c)]);
  return tables;
}

/** Every row of a table, only `columns`, as sorted JSON (comparable across databases). */
async function rowsOf(db: TestDatabase, table: string, columns: string[]): Promise<string[]> {
  const rows = await querySql(db, `SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "${table}"`);
  return rows.map((r) => JSON.stringify(columns.map((c) => (r[c] instanceof Date ? (r[c]).toISOString() : r[c])))).sort();
}

/** Copies rows into a database, foreign keys unchecked while it happens. */
async function insertRows(db: TestDatabase, table: string, columns: string[], rows: Record<string, unknown>[]): Promise<void> {
  const list = columns.map((c) => `"${c}"`).join(", ");
  if (db.kind === "sqlite") {
    const conn = new Database(db.url.replace(/^file:/, ""));
    try {
      conn.pragma("foreign_keys = OFF");
      const insert = conn.prepare(`INSERT INTO "${table}" (${list}) VALUES (${columns.map(() => "?").join(", ")})`);
      conn.transaction(() => rows.forEach((r) => insert.run(...columns.map((c) => r[c]))))();
    } finally {
      conn.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica");
    for (const r of rows) await client.query(`INSERT INTO "${table}" (${list}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`, columns.map((c) => r[c]));
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  // What a running installation holds: people, sessions, a room with guests, swipes, a match, events.
  source = await startAppWithPlex({ fake: { films: 30 } });
  const host = await hostClient(source);
  const room = await createRoom(host);
  const guest = await joinAsGuest(source, room.code, "Pat");
  const cards = await deck(host, room.code);
  for (const card of cards.slice(0, 3)) {
    expect((await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: card.ratingKey, liked: true })).status).toBe(200);
    expect((await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: card.ratingKey, liked: true })).status).toBe(200);
  }
  await source.app.stop();

  // The previous release's database: every migration but the newest, then the same rows.
  const kind = source.app.database.kind;
  const all = path.join(root, "prisma/migrations", kind);
  const names = readdirSync(all).filter((d) => /^\d{4}_/.test(d)).sort();
  const older = mkdtempSync(path.join(tmpdir(), "reelmatch-migrations-"));
  folders.push(older);
  for (const name of names.slice(0, -1)) cpSync(path.join(all, name), path.join(older, kind, name), { recursive: true });
  previous = await createTestDatabase(kind);
  cpSync(path.join(source.app.database.dataDir, "secret"), path.join(previous.dataDir, "secret"));
  await applyMigrations({ databaseUrl: previous.url, migrationsDir: older });
  const oldColumns = await columnsOf(previous);
  const newColumns = await columnsOf(source.app.database);
  for (const [table, columns] of oldColumns) {
    const kept = columns.filter((c) => newColumns.get(table)?.includes(c));
    const rows = await querySql(source.app.database, `SELECT * FROM "${table}"`);
    await insertRows(previous, table, kept, rows);
  }
});

afterAll(async () => {
  await source?.stop();
  await previous?.drop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

it("the new release upgrades the previous release's database at start and keeps every row", async () => {
  const oldColumns = await columnsOf(previous);
  const before = new Map<string, string[]>();
  let rowCount = 0;
  for (const [table, columns] of oldColumns) {
    const rows = await rowsOf(previous, table, columns);
    before.set(table, rows);
    rowCount += rows.length;
  }
  expect(rowCount).toBeGreaterThan(10);
  const newest = readdirSync(path.join(root, "prisma/migrations", previous.kind)).filter((d) => /^\d{4}_/.test(d)).sort().at(-1)!;
  expect((await querySql(previous, APPLIED_MIGRATIONS_SQL)).map((r) => r.name)).not.toContain(newest);

  const app = await startApp({ database: previous, env: plexEnv(source.fake) });
  try {
    expect(app.output()).toContain(newest);
    const ready = await fetch(`${app.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    for (const [table, columns] of oldColumns) expect(await rowsOf(previous, table, columns), table).toEqual(before.get(table));
    expect((await querySql(previous, APPLIED_MIGRATIONS_SQL)).map((r) => r.name)).toContain(newest);
  } finally {
    await app.stop();
  }
});
