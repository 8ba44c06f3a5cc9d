import "server-only";
import type { Database as SqliteConnection, Statement } from "better-sqlite3";
import type { Pool, QueryResult } from "pg";
import { processState } from "../process-state";
import { getDriver, type Driver } from "./client";

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
  /**
   * Runs a command's statements in one transaction: all of its writes commit, or none. The
   * command is a generator that yields its statements (`const rows = yield* tx.rows(sql, params)`),
   * so one body serves both databases: on SQLite it runs to the end synchronously inside
   * BEGIN IMMEDIATE (writers are serialized, and no other query on the shared connection can
   * slip in between its statements); on PostgreSQL the statements run on one pooled connection
   * between BEGIN and COMMIT (READ COMMITTED: commands that must see each other's writes lock a
   * row first, see lib/rooms/room-sql). A thrown error rolls everything back.
   *
   * On PostgreSQL the connection is in pipeline mode: BEGIN, and every statement whose rows the
   * command does not need (`yield* tx.exec(...)`), go out without waiting for their answers, with
   * the next statement that is awaited (or COMMIT). A swipe is then two round trips, not eight:
   * each round trip wakes both processes, which on a busy machine costs more than the statements.
   */
  transaction<T>(command: (tx: Tx) => Command<T>): Promise<T>;
}

/** A boolean column as a driver answers it: SQLite as 0/1, PostgreSQL as true/false. */
export const isTrue = (value: unknown): boolean => value === true || value === 1;

/** One statement of a command. */
export interface SqlStep {
  sql: string;
  params: readonly SqlValue[];
  /** Its rows are not wanted: sent without waiting; should it fail, the next awaited statement throws its error. */
  discard?: boolean;
}

/** A command run by PreparedSql.transaction: yields statements, receives their rows, returns T. */
export type Command<T> = Generator<SqlStep, T, unknown>;

export interface Tx {
  readonly dialect: "sqlite" | "postgresql";
  /** A statement's rows, inside a command: `const rows = yield* tx.rows<Row>(sql, params)`. */
  rows<T>(sql: string, params: readonly SqlValue[]): Generator<SqlStep, T[], unknown>;
  /**
   * A statement whose rows the command does not need (a write, a NOTIFY): `yield* tx.exec(sql,
   * params)`. On PostgreSQL it is pipelined; a failure surfaces at the next statement awaited.
   */
  exec(sql: string, params: readonly SqlValue[]): Generator<SqlStep, void, unknown>;
}

function* step<T>(sql: string, params: readonly SqlValue[]): Generator<SqlStep, T[], unknown> {
  return (yield { sql, params }) as T[];
}

function* discarded(sql: string, params: readonly SqlValue[]): Generator<SqlStep, void, unknown> {
  yield { sql, params, discard: true };
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
  const run = (conn: SqliteConnection, sql: string, params: readonly SqlValue[]): unknown[] => {
    let statement = statements.get(sql);
    if (!statement) {
      // Prisma's adapter reads integers as BigInt; these statements read them as numbers.
      statement = conn.prepare(sql).safeIntegers(false);
      statements.set(sql, statement);
    }
    return statement.reader ? statement.all(...params.map(sqliteValue)) : (statement.run(...params.map(sqliteValue)), []);
  };
  const tx: Tx = { dialect: "sqlite", rows: step, exec: discarded };
  return {
    async rows<T>(sql: string, params: readonly SqlValue[]) {
      connection ??= await connect();
      return run(connection, sql, params) as T[];
    },
    async transaction<T>(command: (tx: Tx) => Command<T>) {
      const conn = (connection ??= await connect());
      // A Prisma transaction on this connection (a batch $transaction awaits between its
      // statements) finishes first: this one must not become part of it.
      while (conn.inTransaction) await new Promise((resolve) => setImmediate(resolve));
      return conn
        .transaction(() => {
          const body = command(tx);
          let next = body.next();
          while (!next.done) next = body.next(run(conn, next.value.sql, next.value.params));
          return next.value;
        })
        .immediate();
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
  const named = (sql: string) => {
    let query = texts.get(sql);
    if (!query) {
      let n = 0;
      // Named, so each pooled connection parses and plans it once.
      query = { name: `reelmatch_${texts.size}`, text: sql.replace(/\?/g, () => `$${++n}`) };
      texts.set(sql, query);
    }
    return query;
  };
  const tx: Tx = { dialect: "postgresql", rows: step, exec: discarded };
  return {
    async rows<T>(sql: string, params: readonly SqlValue[]) {
      pool ??= await connect();
      const result = await pool.query({ ...named(sql), values: params.map(postgresValue) });
      return result.rows as T[];
    },
    async transaction<T>(command: (tx: Tx) => Command<T>) {
      pool ??= await connect();
      const client = await pool.connect();
      // Statements sent and not yet answered, in the order the connection answers them.
      const sent: Promise<QueryResult>[] = [];
      const send = (query: string | { name: string; text: string; values: unknown[] }): Promise<QueryResult> => {
        const answer = client.query(query);
        answer.catch(() => undefined); // read (and thrown) by settle, in order
        sent.push(answer);
        return answer;
      };
      // Waits for every answer so far; the first failure is the cause (those after it only say
      // the transaction was aborted).
      const settle = async () => {
        for (const answer of sent.splice(0)) await answer;
      };
      let broken: Error | undefined;
      try {
        void send("BEGIN");
        const body = command(tx);
        let next = body.next();
        while (!next.done) {
          const answer = send({ ...named(next.value.sql), values: next.value.params.map(postgresValue) });
          if (next.value.discard) {
            next = body.next([]);
            continue;
          }
          await settle();
          next = body.next((await answer).rows);
        }
        void send("COMMIT");
        await settle();
        return next.value;
      } catch (error) {
        // A connection that cannot even roll back is not given back to the pool.
        await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** Prepared statements on a driver connection. */
export function createPreparedSql(driver: Driver): PreparedSql {
  return driver.kind === "sqlite" ? sqlitePrepared(driver.connection) : postgresPrepared(driver.connection);
}

/** Prepared statements on the process-wide database connection. */
export function preparedSql(): PreparedSql {
  return (processState.preparedSql ??= createPreparedSql(getDriver()));
}
