import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describePostgresUrl, sqliteFilePath } from "./url";

/**
 * Applies the SQL migrations in prisma/migrations/{sqlite,postgresql} that the database has not
 * seen yet, each in its own transaction, recording them in _reelmatch_migrations. On PostgreSQL an
 * advisory lock makes several app instances starting at once apply each migration exactly once.
 * (prisma migrate deploy needs the CLI at run time; this needs only the drivers the app has.)
 */
export interface MigrateOptions {
  databaseUrl: string;
  migrationsDir?: string;
}

const TABLE = `CREATE TABLE IF NOT EXISTS "_reelmatch_migrations" ("name" TEXT PRIMARY KEY, "applied_at" TEXT NOT NULL)`;
const LOCK_KEY = 72_707_001;
/** The query that lists the migrations a database has applied (the same on both databases). */
export const APPLIED_MIGRATIONS_SQL = `SELECT name FROM "_reelmatch_migrations"`;

/** Thrown when the database cannot be reached or a migration fails. */
export class DatabaseStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseStartError";
  }
}

function listMigrations(dir: string): { name: string; sql: string }[] {
  if (!existsSync(dir)) throw new DatabaseStartError(`No migrations found in ${dir}: is the app started from its own folder?`);
  return readdirSync(dir)
    .filter((d) => /^\d{4}_/.test(d))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name, "migration.sql"), "utf8") }));
}

async function migrateSqlite(url: string, dir: string): Promise<string[]> {
  const { default: Database } = await import("better-sqlite3");
  const file = sqliteFilePath(url);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new DatabaseStartError(`Cannot create the folder for the SQLite database ${file}: check DATA_DIR or DATABASE_URL and its permissions.`, { cause: error });
  }
  let db;
  try {
    db = new Database(file, { timeout: 10_000 });
  } catch (error) {
    throw new DatabaseStartError(`Cannot open the SQLite database ${file} (${(error as Error).message}): check DATA_DIR or DATABASE_URL and its permissions.`, { cause: error });
  }
  try {
    db.pragma("journal_mode = WAL");
    db.exec(TABLE);
    const done = new Set((db.prepare(APPLIED_MIGRATIONS_SQL).all() as { name: string }[]).map((r) => r.name));
    const applied: string[] = [];
    for (const m of listMigrations(dir)) {
      if (done.has(m.name)) continue;
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(`INSERT INTO "_reelmatch_migrations" ("name", "applied_at") VALUES (?, ?)`).run(m.name, new Date().toISOString());
      })();
      applied.push(m.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, dir: string): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseStartError(
      `Cannot reach the PostgreSQL database at ${describePostgresUrl(url)} (${(error as Error).message}). Start PostgreSQL, create the database, or fix DATABASE_URL.`,
      { cause: error },
    );
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(TABLE);
    const { rows } = await client.query<{ name: string }>(APPLIED_MIGRATIONS_SQL);
    const done = new Set(rows.map((r) => r.name));
    const applied: string[] = [];
    for (const m of listMigrations(dir)) {
      if (done.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_reelmatch_migrations" ("name", "applied_at") VALUES ($1, $2)`, [m.name, new Date().toISOString()]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new DatabaseStartError(`Migration ${m.name} failed on PostgreSQL: ${(error as Error).message}`, { cause: error });
      }
      applied.push(m.name);
    }
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    return applied;
  } finally {
    await client.end();
  }
}

function migrationsFolder({ databaseUrl, migrationsDir }: MigrateOptions): string {
  const base = migrationsDir ?? path.join(process.cwd(), "prisma/migrations");
  return path.join(base, databaseUrl.startsWith("file:") ? "sqlite" : "postgresql");
}

/** Brings the database up to date; returns the names of the migrations it applied. */
export async function applyMigrations(options: MigrateOptions): Promise<string[]> {
  const dir = migrationsFolder(options);
  return options.databaseUrl.startsWith("file:") ? migrateSqlite(options.databaseUrl, dir) : migratePostgres(options.databaseUrl, dir);
}

/** The names of the migrations this release brings for the database of `databaseUrl`, in order. */
export function knownMigrations(options: MigrateOptions): string[] {
  return listMigrations(migrationsFolder(options)).map((m) => m.name);
}
