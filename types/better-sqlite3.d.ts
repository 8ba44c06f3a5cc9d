// The few parts of better-sqlite3 (brought by @prisma/adapter-better-sqlite3) that we use directly.
declare module "better-sqlite3" {
  export interface Statement {
    run(...params: unknown[]): { changes: number };
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
    /** Whether the statement returns rows (a SELECT, or a write with RETURNING). */
    readonly reader: boolean;
    /** Read integers as BigInt (true) or as numbers (false) for this statement. */
    safeIntegers(toggle?: boolean): Statement;
  }
  export interface Database {
    exec(sql: string): Database;
    prepare(sql: string): Statement;
    pragma(sql: string, options?: { simple?: boolean }): unknown;
    /** Wraps fn in BEGIN/COMMIT (ROLLBACK when it throws); `.immediate()` runs it in BEGIN IMMEDIATE. */
    transaction<T extends (...args: never[]) => unknown>(fn: T): T & { immediate: T; deferred: T };
    /** Whether a transaction is open on this connection. */
    readonly inTransaction: boolean;
    close(): void;
  }
  export interface Options {
    readonly?: boolean;
    fileMustExist?: boolean;
    timeout?: number;
  }
  const Database: new (filename: string, options?: Options) => Database;
  export default Database;
}
