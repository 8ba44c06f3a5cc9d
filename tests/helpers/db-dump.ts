import Database from "better-sqlite3";
import pg from "pg";
import type { TestDatabase } from "./database";

/** Every row of every table, as text: what someone who copied the database file would read. */
export async function dumpDatabase(db: TestDatabase): Promise<string> {
  if (db.kind === "sqlite") {
    const conn = new Database(db.url.replace(/^file:/, ""), { readonly: true });
    try {
      const tables = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      return tables.map((t) => JSON.stringify(conn.prepare(`SELECT * FROM "${t.name}"`).all())).join("\n");
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    const parts: string[] = [];
    for (const { tablename } of rows) parts.push(JSON.stringify((await client.query(`SELECT * FROM "${tablename}"`)).rows));
    return parts.join("\n");
  } finally {
    await client.end();
  }
}

/** Row count of one table. */
export async function countRows(db: TestDatabase, table: string): Promise<number> {
  const dump = await (async () => {
    if (db.kind === "sqlite") {
      const conn = new Database(db.url.replace(/^file:/, ""), { readonly: true });
      try {
        return (conn.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
      } finally {
        conn.close();
      }
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${table}"`)).rows[0]!.n);
    } finally {
      await client.end();
    }
  })();
  return dump;
}

/** Runs one SQL statement directly (tests that move time, e.g. an old access check). */
export async function execSql(db: TestDatabase, sql: string): Promise<void> {
  if (db.kind === "sqlite") {
    const conn = new Database(db.url.replace(/^file:/, ""));
    try {
      conn.exec(sql);
    } finally {
      conn.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
