// npm run backup [-- <file>] - a consistent copy of the SQLite database while Reelmatch runs.
// SQLite's online backup API (better-sqlite3's db.backup) copies the database page by page and
// starts over when a write lands mid-copy, so the copy is always one committed state, WAL included.
// Default file: $DATA_DIR/backups/reelmatch-<UTC time>.db. Restore: README, "Backups and upgrades".
import Database from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";

if (existsSync(".env")) process.loadEnvFile(".env");

const dataDir = path.resolve(process.env.DATA_DIR || "./data");
const databaseUrl = process.env.DATABASE_URL || `file:${path.join(dataDir, "reelmatch.db")}`;
if (!databaseUrl.startsWith("file:")) {
  console.error("npm run backup copies a SQLite database; DATABASE_URL names PostgreSQL. Back it up with pg_dump (README, \"Backups and upgrades\").");
  process.exit(1);
}
const source = path.resolve(databaseUrl.replace(/^file:/, "").replace(/\?.*$/, ""));
if (!existsSync(source)) {
  console.error(`There is no database at ${source}: check DATA_DIR or DATABASE_URL.`);
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
const target = path.resolve(process.argv[2] || path.join(dataDir, "backups", `reelmatch-${stamp}.db`));
if (existsSync(target)) {
  console.error(`${target} exists already: name another file.`);
  process.exit(1);
}
mkdirSync(path.dirname(target), { recursive: true });

const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 10_000 });
try {
  await db.backup(target);
} finally {
  db.close();
}
const copy = new Database(target, { readonly: true });
try {
  const check = copy.pragma("integrity_check", { simple: true });
  if (check !== "ok") throw new Error(`the copy failed SQLite's integrity check: ${check}`);
  const migrations = copy.prepare(`SELECT COUNT(*) AS n FROM "_reelmatch_migrations"`).get().n;
  console.log(`Backed up ${source} to ${target} (${migrations} migrations, integrity ok).`);
} finally {
  copy.close();
}
