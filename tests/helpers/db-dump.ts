import Database from "better-sqlite3";
import pg from "pg";
import type { TestDatabase } from "./database";

/** Runs one SQL statement on a test database directly (not through the app) and returns its rows. */
export async function querySql(db: TestDatabase, sql: string): Promise<Record<string, unknown>[]> {
  if (db.kind === "sqlite") {
    const conn = new Database(db.url.replace(/^file:/, ""));
    try {
      const statement = conn.prepare(sql);
      return /^\s*select/i.test(sql) ? (statement.all() as Record<string, unknown>[]) : (statement.run(), []);
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every row of every table, as text: what someone who copied the database file would read. */
export async function dumpDatabase(db: TestDatabase): Promise<string> {
  const tables =
    db.kind === "sqlite"
      ? await querySql(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
      : await querySql(db, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
  const parts: string[] = [];
  for (const { name } of tables) parts.push(JSON.stringify(await querySql(db, `SELECT * FROM "${String(name)}"`)));
  return parts.join("\n");
}

/** Row count of one table. */
export async function countRows(db: TestDatabase, table: string): Promise<number> {
  return Number((await querySql(db, `SELECT COUNT(*) AS n FROM "${table}"`))[0]!.n);
}

/** Runs one SQL statement directly (tests that move time, e.g. an old access check). */
export async function execSql(db: TestDatabase, sql: string): Promise<void> {
  await querySql(db, sql);
}
