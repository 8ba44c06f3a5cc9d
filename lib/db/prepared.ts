import "server-only";
import type { Database as SqliteConnection, Statement } from "better-sqlite3";
import type { Pool } from "pg";
import { getDriver } from "./client";

/**
 * Prepared statements on the driver under Prisma, for the few writes every swipe makes.
 *
 * Prisma 6.19's client engine compiles each query to a plan in WebAssembly, every time (it has no
 * plan cache): about half a millisecond of CPU per query here, which with Next's own cost per
 * request held one process below 200 swipes a second (npm run bench). A prepared statement costs
 * a few tens of microseconds. Everything else stays on Prisma.
 *
 * One SQL text serves both databases: `?` placeholders (numbered for PostgreSQL here), quoted
 * identifiers, and `ON CONFLICT ... RETURNING`, which both speak. Values are stored the way
 * Prisma's adapters store them, so Prisma reads these rows back unchanged.
 */
export type SqlValue = string | number | boolean | Date | null;

export interface PreparedSql {
  /** Runs a statement that returns rows (a SELECT, or a write with RETURNING); resolves with them. */
  rows<T>(sql: string, params: readonly SqlValue[]): Promise<T[]>;
}

/** As @prisma/adapter-better-sqlite3 writes them: booleans as 0/1, times as ISO 8601 with an offset. */
function sqliteValue(value: SqlValue): string | number | null {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

/** Prepared statements on a better-sqlite3 connection (exported for tests of SQL written for both databases). */
export function sqlitePrepared(connect: () => Promise<SqliteConnection>): PreparedSql {
  let connection: SqliteConnection | undefined;
  const statements = new Map<string, Statement>();
  return {
    async rows<T>(sql: string, params: readonly SqlValue[]) {
      connection ??= await connect();
      let statement = statements.get(sql);
      if (!statement) {
        // Prisma's adapter reads integers as BigInt; these statements read them as numbers.
        statement = connection.prepare(sql).safeIntegers(false);
        statements.set(sql, statement);
      }
      return statement.all(...params.map(sqliteValue)) as T[];
    },
  };
}

/** Columns are TIMESTAMP(3) without a time zone holding UTC, as Prisma writes them. */
function postgresValue(value: SqlValue): string | number | boolean | null {
  if (value instanceof Date) return value.toISOString().replace("T", " ").replace("Z", "");
  return value;
}

function postgresPrepared(connect: () => Promise<Pool>): PreparedSql {
  let pool: Pool | undefined;
  const texts = new Map<string, { name: string; text: string }>();
  return {
    async rows<T>(sql: string, params: readonly SqlValue[]) {
      pool ??= await connect();
      let query = texts.get(sql);
      if (!query) {
        let n = 0;
        // Named, so each pooled connection parses and plans it once.
        query = { name: `reelmatch_${texts.size}`, text: sql.replace(/\?/g, () => `$${++n}`) };
        texts.set(sql, query);
      }
      const result = await pool.query({ ...query, values: params.map(postgresValue) });
      return result.rows as T[];
    },
  };
}

const globalForPrepared = globalThis as unknown as { reelmatchPrepared?: PreparedSql };

/** Prepared statements on the process-wide database connection. */
export function preparedSql(): PreparedSql {
  if (!globalForPrepared.reelmatchPrepared) {
    const driver = getDriver();
    globalForPrepared.reelmatchPrepared = driver.kind === "sqlite" ? sqlitePrepared(driver.connection) : postgresPrepared(driver.connection);
  }
  return globalForPrepared.reelmatchPrepared;
}
