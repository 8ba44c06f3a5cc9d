import path from "node:path";

/** The file path of a SQLite `file:` URL (query string dropped, relative paths from the cwd). */
export function sqliteFilePath(databaseUrl: string): string {
  const raw = databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
  return path.resolve(raw);
}

/** host:port/database of a PostgreSQL URL, without credentials, for messages. */
export function describePostgresUrl(databaseUrl: string): string {
  try {
    const u = new URL(databaseUrl);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
