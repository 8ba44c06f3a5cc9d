import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startSqliteCheckpointer, type Checkpointer } from "@/lib/db/sqlite-checkpointer";

const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");
const dirs: string[] = [];
const stops: Checkpointer[] = [];
afterEach(async () => {
  for (const c of stops.splice(0)) await c.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A WAL database like the app's, with a few MB of committed writes. */
function busyDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), "reelmatch-ckpt-"));
  dirs.push(dir);
  const file = path.join(dir, "app.db");
  const connection = new Database(file);
  connection.pragma("journal_mode = WAL");
  connection.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`);
  const write = (rows: number) => {
    const insert = connection.prepare(`INSERT INTO t (body) VALUES (?)`);
    for (let i = 0; i < rows; i++) insert.run("x".repeat(1000));
  };
  return { file, connection, write, dbBytes: () => statSync(file).size };
}

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe("SQLite checkpoints on a worker thread", () => {
  it("the app's connection no longer checkpoints; the worker copies the WAL into the database file", async () => {
    const db = busyDatabase();
    // The timer never fires during the test: the test says when the worker checkpoints, so a busy
    // machine cannot slip a checkpoint in while the writes are still going on.
    const checkpointer = startSqliteCheckpointer({ connection: db.connection, file: db.file, driverPath, intervalMs: 3_600_000 });
    stops.push(checkpointer);
    expect(db.connection.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    const before = db.dbBytes();
    db.write(5000); // about 5 MB: past SQLite's own 1000-page checkpoint point
    // Nothing was checkpointed by the writes themselves: the database file has not grown yet.
    expect(db.dbBytes()).toBe(before);
    await checkpointer.checkpointNow();
    expect(db.dbBytes()).toBeGreaterThan(before + 4_000_000);
    await checkpointer.stop();
    expect(db.connection.prepare(`SELECT COUNT(*) AS n FROM t`).get()).toEqual({ n: 5000 });
    db.connection.close();
  });

  it("the worker checkpoints on its own timer", async () => {
    const db = busyDatabase();
    stops.push(startSqliteCheckpointer({ connection: db.connection, file: db.file, driverPath, intervalMs: 50 }));
    const before = db.dbBytes();
    db.write(2000);
    expect(await until(() => db.dbBytes() > before + 1_500_000, 10_000)).toBe(true);
    db.connection.close();
  });

  it("falls back to SQLite's own checkpoints when the worker cannot run", async () => {
    const db = busyDatabase();
    const problems: string[] = [];
    stops.push(startSqliteCheckpointer({ connection: db.connection, file: db.file, driverPath: "/nowhere/better-sqlite3", intervalMs: 50, onProblem: (m) => problems.push(m) }));
    expect(await until(() => problems.length > 0, 5000)).toBe(true);
    expect(problems[0]).toMatch(/checkpoints run on the app's connection again/);
    expect(db.connection.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    db.connection.close();
  });
});
