import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPipelinedPool } from "@/lib/db/client";
import { createPreparedSql, type PreparedSql } from "@/lib/db/prepared";
import { createTestDatabase, integrationDatabaseKind, type TestDatabase } from "../helpers/database";

/**
 * On PostgreSQL a command's statements whose rows it does not need (tx.exec) are pipelined: sent
 * without waiting, together with the next statement it waits for. That must never cost what a
 * transaction promises: all of its writes or none, and the error that broke it (not "current
 * transaction is aborted", which is all the statements after it say).
 */
const onPostgres = integrationDatabaseKind() === "postgresql";

let database: TestDatabase;
let pool: pg.Pool;
let sql: PreparedSql;

async function waitFor(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const count = async () => Number((await pool.query(`SELECT COUNT(*) AS n FROM "Item"`)).rows[0].n);

describe.skipIf(!onPostgres)("a command's pipelined statements on PostgreSQL", () => {
  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    pool = createPipelinedPool(database.url, 3);
    await pool.query(`CREATE TABLE "Item" ("id" TEXT PRIMARY KEY, "n" INTEGER NOT NULL)`);
    sql = createPreparedSql({ kind: "postgresql", connection: () => Promise.resolve(pool) });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it("sends a statement it does not wait for, and commits it with the command", async () => {
    await pool.query(`INSERT INTO "Item" VALUES ('held', 0)`);
    const holder = await pool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT * FROM "Item" WHERE "id" = 'held' FOR UPDATE`);
      let reachedAfterExec = false;
      const command = sql.transaction(function* (tx) {
        // Waits on the lock held above: were exec awaited, the next line would not run until then.
        yield* tx.exec(`UPDATE "Item" SET "n" = "n" + 1 WHERE "id" = ?`, ["held"]);
        reachedAfterExec = true;
        const [row] = yield* tx.rows<{ n: number }>(`SELECT "n" FROM "Item" WHERE "id" = ?`, ["held"]);
        return row!.n;
      });
      await waitFor(() => reachedAfterExec, "the command went past its exec");
      await holder.query("COMMIT");
      expect(await command).toBe(1);
      expect((await pool.query(`SELECT "n" FROM "Item" WHERE "id" = 'held'`)).rows[0].n).toBe(1);
    } finally {
      holder.release();
    }
  });

  it("throws the error of the statement that failed, and keeps none of the command's writes", async () => {
    await pool.query(`INSERT INTO "Item" VALUES ('taken', 0)`);
    const before = await count();
    const failing = sql.transaction(function* (tx) {
      yield* tx.exec(`INSERT INTO "Item" VALUES (?, ?)`, ["new-1", 1]);
      yield* tx.exec(`INSERT INTO "Item" VALUES (?, ?)`, ["taken", 2]);
      yield* tx.exec(`INSERT INTO "Item" VALUES (?, ?)`, ["new-2", 3]);
      return yield* tx.rows(`SELECT 1 AS "one"`, []);
    });
    await expect(failing).rejects.toMatchObject({ code: "23505" });
    expect(await count()).toBe(before);
    // The failure surfaces at COMMIT when nothing after the exec is awaited.
    const failingLast = sql.transaction(function* (tx) {
      yield* tx.exec(`INSERT INTO "Item" VALUES (?, ?)`, ["new-3", 1]);
      yield* tx.exec(`INSERT INTO "Item" VALUES (?, ?)`, ["taken", 2]);
    });
    await expect(failingLast).rejects.toMatchObject({ code: "23505" });
    expect(await count()).toBe(before);
    // The connection is fine afterwards: the next command commits.
    await sql.transaction(function* (tx) {
      yield* tx.exec(`INSERT INTO "Item" VALUES (?, ?)`, ["new-4", 4]);
    });
    expect(await count()).toBe(before + 1);
  });

  it("rolls back the statements still on their way when the command itself throws", async () => {
    const before = await count();
    await expect(
      sql.transaction(function* (tx) {
        yield* tx.exec(`INSERT INTO "Item" VALUES (?, ?)`, ["thrown", 1]);
        throw new Error("not your next card");
      }),
    ).rejects.toThrow("not your next card");
    expect(await count()).toBe(before);
  });
});
