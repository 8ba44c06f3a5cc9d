import "server-only";
import { randomUUID } from "node:crypto";
import { preparedSql, type PreparedSql } from "../db/prepared";
import { log } from "../log";
import { processState } from "../process-state";

/**
 * Rate limits kept in the database (the RateLimit table), so every app instance counts against the
 * same budget and a restart forgets nothing. Each attempt is counted and decided in ONE statement
 * (an INSERT ... ON CONFLICT DO UPDATE ... RETURNING, which both SQLite and PostgreSQL run
 * atomically on the row): a burst of parallel requests gets consecutive counts, so no more than
 * the limit ever get through, on one instance or several.
 *
 * Times are epoch milliseconds in BIGINT columns (the same arithmetic on both databases).
 * Expired rows are deleted at most once a minute per process, beside the request that notices.
 */

export interface WindowHit {
  allowed: boolean;
  /** Attempts in this window, this one included. */
  count: number;
  /** Seconds until the window ends (at least 1). */
  retryAfter: number;
}

export interface LockoutHit {
  /** This attempt may go ahead (it is already counted and the next lockout already set). */
  allowed: boolean;
  /** Attempts counted since the key was last cleared. */
  count: number;
  /** Seconds until the next attempt may go ahead (0 when it may right away). */
  retryAfter: number;
}

const T = `"RateLimit"`;
const ms = (n: number) => Math.round(n);
const num = (v: unknown) => Number(v);
const secondsUntil = (at: number, now: number) => Math.max(0, Math.ceil((at - now) / 1000));

/** Statement for a fixed window: a new window starts once the old one has ended. */
const WINDOW_SQL = `INSERT INTO ${T} ("key", "count", "resetAt", "expiresAt", "attemptId")
VALUES (?, 1, CAST(? AS BIGINT), CAST(? AS BIGINT), NULL)
ON CONFLICT ("key") DO UPDATE SET
  "count" = CASE WHEN ${T}."resetAt" <= CAST(? AS BIGINT) THEN 1 ELSE ${T}."count" + 1 END,
  "resetAt" = CASE WHEN ${T}."resetAt" <= CAST(? AS BIGINT) THEN EXCLUDED."resetAt" ELSE ${T}."resetAt" END,
  "expiresAt" = CASE WHEN ${T}."resetAt" <= CAST(? AS BIGINT) THEN EXCLUDED."expiresAt" ELSE ${T}."expiresAt" END
RETURNING "count", "resetAt"`;

const PEEK_SQL = `SELECT "count", "resetAt" FROM ${T} WHERE "key" = ?`;
const CLEAR_SQL = `DELETE FROM ${T} WHERE "key" = ? RETURNING "key"`;
const PRUNE_SQL = `DELETE FROM ${T} WHERE "expiresAt" < CAST(? AS BIGINT) RETURNING "key"`;

/**
 * Statement for a lockout schedule. While the key is locked (resetAt in the future) the row is left
 * as it is and the attempt is refused; otherwise the attempt is counted, takes the row (attemptId)
 * and sets the lockout that the NEW count earns, before the caller tries anything.
 */
function lockoutSql(schedule: LockoutSchedule): string {
  const locked = `${T}."resetAt" > CAST(? AS BIGINT)`;
  const next = `${T}."count" + 1`;
  const lock = (c: string) => lockoutCaseSql(c, schedule.lockMs, schedule.steps);
  const keep = (c: string) => lockoutCaseSql(c, schedule.lockMs, schedule.steps, schedule.keepMs);
  return `INSERT INTO ${T} ("key", "count", "resetAt", "expiresAt", "attemptId")
VALUES (?, 1, CAST(? AS BIGINT) + ${lock("1")}, CAST(? AS BIGINT) + ${keep("1")}, ?)
ON CONFLICT ("key") DO UPDATE SET
  "count" = CASE WHEN ${locked} THEN ${T}."count" ELSE ${next} END,
  "attemptId" = CASE WHEN ${locked} THEN ${T}."attemptId" ELSE EXCLUDED."attemptId" END,
  "resetAt" = CASE WHEN ${locked} THEN ${T}."resetAt" ELSE CAST(? AS BIGINT) + ${lock(next)} END,
  "expiresAt" = CASE WHEN ${locked} THEN ${T}."expiresAt" ELSE CAST(? AS BIGINT) + ${keep(next)} END
RETURNING "count", "resetAt", "attemptId"`;
}

/**
 * A lockout schedule as a SQL CASE over the attempt count: lockMs(n) for n = 1..steps, and
 * lockMs(steps) for every later attempt (the schedule must be flat from there on).
 */
export function lockoutCaseSql(countExpr: string, lockMs: (attempt: number) => number, steps: number, extraMs = 0): string {
  const whens = Array.from({ length: steps - 1 }, (_, i) => `WHEN ${countExpr} = ${i + 1} THEN ${ms(lockMs(i + 1) + extraMs)}`);
  return `(CASE ${whens.join(" ")} ELSE ${ms(lockMs(steps) + extraMs)} END)`;
}

export interface LimitStore {
  /** Counts one attempt in a fixed window of windowMs and says whether it is within the limit. */
  hitWindow(options: { key: string; limit: number; windowMs: number; now?: number }): Promise<WindowHit>;
  /** Whether the key has used up its window, without counting anything. */
  peekWindow(options: { key: string; limit: number; now?: number }): Promise<WindowHit>;
  /** Counts one attempt on a lockout schedule (see lockoutSql) and says whether it may go ahead. */
  hitLockout(options: { key: string; schedule: LockoutSchedule; now?: number }): Promise<LockoutHit>;
  /** Forgets a key (a right PIN). */
  clear(key: string): Promise<void>;
  /** Deletes rows that have expired; resolves with how many. */
  prune(now?: number): Promise<number>;
}

export interface LockoutSchedule {
  /** Lockout after the n-th attempt (1-based), in ms; flat from `steps` on. */
  lockMs: (attempt: number) => number;
  steps: number;
  /** How long a row is kept after its lockout ends (then the count starts over). */
  keepMs: number;
}

/** A limit store on the given prepared-statement runner (the app's database by default). */
export function createLimitStore(sql: () => PreparedSql): LimitStore {
  const lockoutStatements = new Map<LockoutSchedule, string>();
  let lastPrune = 0;

  const pruneSoon = (now: number) => {
    if (now - lastPrune < 60_000) return;
    lastPrune = now;
    void store.prune(now).catch((error: unknown) => log.warn("rate limits: could not delete expired rows", { error: String(error) }));
  };

  const store: LimitStore = {
    async hitWindow({ key, limit, windowMs, now = Date.now() }) {
      pruneSoon(now);
      const [row] = await sql().rows<{ count: unknown; resetAt: unknown }>(WINDOW_SQL, [key, ms(now + windowMs), ms(now + windowMs), ms(now), ms(now), ms(now)]);
      const count = num(row?.count);
      return { allowed: count <= limit, count, retryAfter: Math.max(1, secondsUntil(num(row?.resetAt), now)) };
    },

    async peekWindow({ key, limit, now = Date.now() }) {
      const [row] = await sql().rows<{ count: unknown; resetAt: unknown }>(PEEK_SQL, [key]);
      if (!row || num(row.resetAt) <= now) return { allowed: true, count: 0, retryAfter: 0 };
      const count = num(row.count);
      return { allowed: count < limit, count, retryAfter: Math.max(1, secondsUntil(num(row.resetAt), now)) };
    },

    async hitLockout({ key, schedule, now = Date.now() }) {
      pruneSoon(now);
      let statement = lockoutStatements.get(schedule);
      if (!statement) lockoutStatements.set(schedule, (statement = lockoutSql(schedule)));
      const attemptId = randomUUID();
      const t = ms(now);
      const [row] = await sql().rows<{ count: unknown; resetAt: unknown; attemptId: unknown }>(statement, [key, t, t, attemptId, t, t, t, t, t, t]);
      const allowed = row?.attemptId === attemptId;
      const retryAfter = secondsUntil(num(row?.resetAt), now);
      return { allowed, count: num(row?.count), retryAfter: allowed ? retryAfter : Math.max(1, retryAfter) };
    },

    async clear(key) {
      await sql().rows(CLEAR_SQL, [key]);
    },

    async prune(now = Date.now()) {
      return (await sql().rows(PRUNE_SQL, [ms(now)])).length;
    },
  };
  return store;
}

/** The process-wide limit store on the configured database. */
export function limitStore(): LimitStore {
  return (processState.limitStore ??= createLimitStore(preparedSql));
}
