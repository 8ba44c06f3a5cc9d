import { AppError } from "../errors";

/**
 * Recognises the database being away or unable to write (PostgreSQL down or restarting, the pool
 * exhausted, the SQLite file's disk full or read-only), from the driver's own error or as Prisma
 * and its driver adapters wrap it, and says so in words a person can act on (503). Anything else
 * is not a database outage and is left alone.
 */
const UNREACHABLE_SOCKET = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ECONNRESET", "ETIMEDOUT", "EPIPE"]);
/** PostgreSQL: admin/crash shutdown, starting up, too many connections. Class 08 (connection exceptions) is matched by prefix. */
const UNREACHABLE_SQLSTATE = new Set(["57P01", "57P02", "57P03", "53300"]);
/** Prisma: cannot reach, timed out, connection closed, no connection from the pool in time. */
const UNREACHABLE_PRISMA = new Set(["P1001", "P1002", "P1017", "P2024"]);
/** Driver adapter error kinds (@prisma/driver-adapter-utils). */
const UNREACHABLE_KIND = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** SQLite cannot write its file: disk full, read-only, I/O error, cannot open. */
const SQLITE_STORAGE = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN)/;

interface ErrorFields {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
}

function codeOf(e: ErrorFields): string {
  if (typeof e.code === "string") return e.code;
  return typeof e.originalCode === "string" ? e.originalCode : "";
}

function isUnreachable(e: ErrorFields, code: string): boolean {
  if (UNREACHABLE_SOCKET.has(code) || UNREACHABLE_SQLSTATE.has(code) || UNREACHABLE_PRISMA.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof e.kind === "string" && UNREACHABLE_KIND.has(e.kind)) return true;
  // 55000 is general; with this message it is a database that refuses connections for now.
  return code === "55000" && typeof e.message === "string" && e.message.includes("not currently accepting connections");
}

const problem = (message: string, cause: unknown) => new AppError("database_unavailable", message, { retryAfter: 5, cause });

/** The AppError for a database outage in this error or its causes, or undefined. */
export function databaseProblem(error: unknown): AppError | undefined {
  let e = error as ErrorFields | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++, e = e.cause as ErrorFields | undefined) {
    const code = codeOf(e);
    if (SQLITE_STORAGE.test(code)) return problem("The database file could not be written. Check that the disk holding DATA_DIR has free space and that the app may write there, then try again.", error);
    if (code === "SQLITE_BUSY") return problem("The database is busy. Try again in a moment.", error);
    if (isUnreachable(e, code)) return problem("The database cannot be reached right now. Try again in a moment; if it lasts, check that the database server in DATABASE_URL is running.", error);
  }
  return undefined;
}

/**
 * Whether a write failed on a unique constraint: Prisma's P2002, or the driver's own code
 * (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY) when an adapter passes it on.
 */
export function isUniqueViolation(error: unknown): boolean {
  let e = error as ErrorFields | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++, e = e.cause as ErrorFields | undefined) {
    const code = codeOf(e);
    if (code === "P2002" || code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return true;
  }
  return false;
}
