import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from ".prisma/postgresql";
import { PrismaClient as SqliteClient } from ".prisma/sqlite";
import { getConfig } from "../config";

/**
 * The app's Prisma client. Both generated clients describe the same models (one schema source),
 * so the app is typed against the SQLite one and DATABASE_URL picks client and driver adapter.
 */
export type Db = SqliteClient;

const globalForDb = globalThis as unknown as { reelmatchDb?: Db };

/**
 * SQLite in WAL mode with synchronous=NORMAL: a commit no longer waits for fsync (about 0.5 ms
 * each here, and every swipe commits), yet a crash can only lose the last moments of writes,
 * never corrupt the database (https://www.sqlite.org/pragma.html#pragma_synchronous).
 */
class TunedSQLite3 extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    return adapter;
  }
}

export function createDb(databaseUrl: string): Db {
  if (databaseUrl.startsWith("file:")) {
    return new SqliteClient({ adapter: new TunedSQLite3({ url: databaseUrl, timeout: 10_000 }) });
  }
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) });
  return client as unknown as Db;
}

/** The process-wide client for the configured database. */
export function getDb(): Db {
  globalForDb.reelmatchDb ??= createDb(getConfig().databaseUrl);
  return globalForDb.reelmatchDb;
}
