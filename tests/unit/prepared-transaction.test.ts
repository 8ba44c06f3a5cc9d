import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database, { type Database as Connection } from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createPreparedSql } from "@/lib/db/prepared";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function database(): { connection: Connection; count: () => number } {
  const dir = mkdtempSync(path.join(tmpdir(), "reelmatch-tx-"));
  dirs.push(dir);
  const connection = new Database(path.join(dir, "app.db"));
  connection.exec(`CREATE TABLE "Row" ("id" INTEGER PRIMARY KEY, "body" TEXT NOT NULL)`);
  return { connection, count: () => (connection.prepare(`SELECT COUNT(*) AS n FROM "Row"`).get() as { n: number }).n };
}

describe("a command's transaction on SQLite", () => {
  it("commits all of its writes, or none when it fails part way", async () => {
    const { connection, count } = database();
    const sql = createPreparedSql({ kind: "sqlite", connection: () => Promise.resolve(connection) });
    const ids = await sql.transaction(function* (tx) {
      const [a] = yield* tx.rows<{ id: number }>(`INSERT INTO "Row" ("body") VALUES (?) RETURNING "id"`, ["a"]);
      const [b] = yield* tx.rows<{ id: number }>(`INSERT INTO "Row" ("body") VALUES (?) RETURNING "id"`, ["b"]);
      return [a!.id, b!.id];
    });
    expect(ids).toEqual([1, 2]);
    await expect(
      sql.transaction(function* (tx) {
        yield* tx.rows(`INSERT INTO "Row" ("body") VALUES (?)`, ["c"]);
        yield* tx.rows(`INSERT INTO "Row" ("body") VALUES (?)`, ["d"]);
        throw new Error("the match could not be stored");
      }),
    ).rejects.toThrow("the match could not be stored");
    expect(count()).toBe(2);
  });

  it("runs a statement whose rows it does not need in order, and rolls back on its failure", async () => {
    const { connection, count } = database();
    const sql = createPreparedSql({ kind: "sqlite", connection: () => Promise.resolve(connection) });
    const seen = await sql.transaction(function* (tx) {
      yield* tx.exec(`INSERT INTO "Row" ("body") VALUES (?)`, ["a"]);
      return yield* tx.rows<{ body: string }>(`SELECT "body" FROM "Row"`, []);
    });
    expect(seen).toEqual([{ body: "a" }]);
    await expect(
      sql.transaction(function* (tx) {
        yield* tx.exec(`INSERT INTO "Row" ("body") VALUES (?)`, ["b"]);
        yield* tx.exec(`INSERT INTO "Row" ("id", "body") VALUES (1, 'taken')`, []);
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(count()).toBe(1);
  });

  it("never joins a transaction already open on the shared connection (Prisma's): it waits for it to end", async () => {
    const { connection, count } = database();
    const sql = createPreparedSql({ kind: "sqlite", connection: () => Promise.resolve(connection) });
    connection.exec("BEGIN");
    connection.prepare(`INSERT INTO "Row" ("body") VALUES ('rolled back')`).run();
    const command = sql.transaction(function* (tx) {
      yield* tx.rows(`INSERT INTO "Row" ("body") VALUES (?)`, ["kept"]);
      return "done";
    });
    await new Promise((r) => setTimeout(r, 20));
    connection.exec("ROLLBACK");
    expect(await command).toBe("done");
    expect(count()).toBe(1);
    expect(connection.prepare(`SELECT "body" FROM "Row"`).get()).toEqual({ body: "kept" });
  });
});
