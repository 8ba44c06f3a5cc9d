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

/** Columns that change on every visit (last seen, session expiry) rather than on a state change. */
const VOLATILE_COLUMNS = new Set(["lastSeenAt", "lastActivityAt", "accessCheckedAt", "updatedAt", "expires"]);
/** Tables of counters that refusals may legitimately write (attempt throttles, rate limits). */
const COUNTER_TABLES = /attempt|throttle|rate|limit|lock/i;

export interface StateSnapshotter {
  /** Every row of every table but counters, without visit timestamps, as text (equal text: same state). */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Reads the whole state of a test database over one connection kept open (a fuzzer compares the
 * state before and after each refused call, thousands of times).
 */
export async function openStateSnapshotter(db: TestDatabase): Promise<StateSnapshotter> {
  const clean = (rows: Record<string, unknown>[]) =>
    JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !VOLATILE_COLUMNS.has(k)))));
  if (db.kind === "sqlite") {
    const conn = new Database(db.url.replace(/^file:/, ""), { readonly: true });
    const tables = () =>
      (conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
        .map((t) => t.name)
        .filter((n) => !COUNTER_TABLES.test(n) && !n.startsWith("_prisma"));
    // data_version changes only when another connection commits: while it stays, the last dump holds.
    let last: { version: number; text: string } | undefined;
    const dump = () => tables().map((t) => `${t}:${clean(conn.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() as Record<string, unknown>[])}`).join("\n");
    return {
      snapshot: () => {
        const version = Number(conn.pragma("data_version", { simple: true }));
        if (last?.version !== version) last = { version, text: dump() };
        return Promise.resolve(last.text);
      },
      close: () => Promise.resolve(conn.close()),
    };
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    snapshot: async () => {
      const names = (await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows
        .map((t) => t.name)
        .filter((n) => !COUNTER_TABLES.test(n) && !n.startsWith("_prisma"));
      const parts: string[] = [];
      for (const t of names) parts.push(`${t}:${clean((await client.query<Record<string, unknown>>(`SELECT * FROM "${t}" ORDER BY 1`)).rows)}`);
      return parts.join("\n");
    },
    close: () => client.end(),
  };
}

/** Puts rows back into a table as they were read (same ids), skipping rows that are still there. */
export async function restoreRows(db: TestDatabase, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    const names = columns.map((c) => `"${c}"`).join(", ");
    if (db.kind === "sqlite") {
      const conn = new Database(db.url.replace(/^file:/, ""));
      try {
        conn.prepare(`INSERT OR IGNORE INTO "${table}" (${names}) VALUES (${columns.map(() => "?").join(", ")})`).run(...columns.map((c) => row[c]));
      } finally {
        conn.close();
      }
    } else {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        await client.query(`INSERT INTO "${table}" (${names}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")}) ON CONFLICT DO NOTHING`, columns.map((c) => row[c]));
      } finally {
        await client.end();
      }
    }
  }
}
