import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Database as SqliteConnection } from "better-sqlite3";
import { createRequire } from "node:module";
import path from "node:path";
import { Pool } from "pg";
import { PrismaClient as PostgresClient } from ".prisma/postgresql";
import { PrismaClient as SqliteClient } from ".prisma/sqlite";
import { getConfig } from "../config";
import { log } from "../log";
import { processState } from "../process-state";
import type { Db } from "./models";
import { startSqliteCheckpointer } from "./sqlite-checkpointer";
import { sqliteFilePath } from "./url";

export type { Db } from "./models";

/**
 * The driver connection for lib/db/prepared. On SQLite it is the one under the Prisma client
 * (Prisma opens it on its first query, so `connection()` connects the client first); on
 * PostgreSQL a pool of its own in pipeline mode (see createPipelinedPool).
 */
export type Driver = { kind: "sqlite"; connection: () => Promise<SqliteConnection> } | { kind: "postgresql"; connection: () => Promise<Pool> };

/** Resolves with what a driver adapter's connect() opened. */
function opened<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * SQLite in WAL mode with synchronous=NORMAL: a commit no longer waits for fsync (about 0.5 ms
 * each here, and every swipe commits), yet a crash can only lose the last moments of writes,
 * never corrupt the database (https://www.sqlite.org/pragma.html#pragma_synchronous).
 * Prepared statements run on this very connection: a second connection in the same thread could
 * wait on Prisma's write lock forever.
 */
class TunedSQLite3 extends PrismaBetterSQLite3 {
  readonly opened = opened<SqliteConnection>();
  constructor(private readonly url: string) {
    super({ url, timeout: 10_000 });
  }
  override async connect() {
    const adapter = await super.connect();
    // A burst of writes can outrun the background checkpoints and grow the WAL file; it is cut
    // back to 32 MB whenever it starts over.
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 33554432;");
    const connection = (adapter as unknown as { client: SqliteConnection }).client;
    checkpointInBackground(connection, this.url);
    this.opened.resolve(connection);
    return adapter;
  }
}

/** WAL checkpoints run on a worker thread (see lib/db/sqlite-checkpointer), not in a request. */
function checkpointInBackground(connection: SqliteConnection, url: string): void {
  const onProblem = (message: string) => log.warn(`SQLite: ${message}`);
  try {
    const driverPath = createRequire(path.join(process.cwd(), "package.json")).resolve("better-sqlite3");
    startSqliteCheckpointer({ connection, file: sqliteFilePath(url), driverPath, onProblem });
  } catch (error) {
    onProblem(`no background checkpoints: better-sqlite3 not found from ${process.cwd()} (${(error as Error).message})`);
  }
}

/** Connections each pool of an app instance opens at most (Prisma's, and the prepared statements'). */
const POOL_SIZE = 10;

/**
 * A pool for lib/db/prepared: its connections run in node-postgres's pipeline mode, so a command
 * sends the statements it does not wait for together with the next one it does. Prisma keeps a
 * pool of its own in the usual mode. An idle connection the server ends (PostgreSQL restarting)
 * is dropped and reported, never an uncaught error; a statement it breaks still fails.
 */
export function createPipelinedPool(connectionString: string, max = POOL_SIZE): Pool {
  const pool = new Pool({ connectionString, max, pipeline: true });
  pool.on("error", (error) => log.warn("PostgreSQL closed an idle connection", { error: error.message }));
  return pool;
}

function createDbWithDriver(databaseUrl: string): { db: Db; driver: Driver } {
  if (databaseUrl.startsWith("file:")) {
    const adapter = new TunedSQLite3(databaseUrl);
    const db: Db = new SqliteClient({ adapter });
    return { db, driver: { kind: "sqlite", connection: () => db.$connect().then(() => adapter.opened.promise) } };
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: POOL_SIZE });
  // No cast: lib/db/models proves at compile time that the PostgreSQL client is a Db too.
  const db: Db = new PostgresClient({ adapter });
  let pool: Pool | undefined;
  return { db, driver: { kind: "postgresql", connection: () => Promise.resolve((pool ??= createPipelinedPool(databaseUrl))) } };
}

export function createDb(databaseUrl: string): Db {
  return createDbWithDriver(databaseUrl).db;
}

function current(): { db: Db; driver: Driver } {
  return (processState.database ??= createDbWithDriver(getConfig().databaseUrl));
}

/** The process-wide client for the configured database. */
export function getDb(): Db {
  return current().db;
}

/** The driver connection under the process-wide client. */
export function getDriver(): Driver {
  return current().driver;
}
