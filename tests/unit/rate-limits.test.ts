import { readFileSync } from "node:fs";
import path from "node:path";
import Database, { type Database as SqliteDatabase } from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sqlitePrepared } from "@/lib/db/prepared";
import { PIN_LOCKOUT } from "@/lib/limits/schedules";
import { createLimitStore, type LimitStore } from "@/lib/limits/store";
import { waitText } from "@/lib/limits/wait-text";

// The limiter's SQL on a real SQLite database with the migration's table (the integration suites
// run the same statements on PostgreSQL, in parallel and across instances).
const migration = readFileSync(path.resolve(import.meta.dirname, "../../prisma/migrations/sqlite/0002_limits_rate_limit/migration.sql"), "utf8");
const DAY = 86_400_000;
const YEAR = 365 * DAY;

let db: SqliteDatabase;
let store: LimitStore;
beforeEach(() => {
  db = new Database(":memory:");
  db.exec(migration);
  const sql = sqlitePrepared(() => Promise.resolve(db));
  store = createLimitStore(() => sql);
});
afterEach(() => {
  db.close();
});

describe("fixed windows", () => {
  it("lets `limit` attempts through per window, says when the window ends, and starts over after it", async () => {
    const now = 1_000_000;
    const hits = [];
    for (let i = 0; i < 5; i++) hits.push(await store.hitWindow({ key: "k", limit: 3, windowMs: 60_000, now: now + i }));
    expect(hits.map((h) => h.allowed)).toEqual([true, true, true, false, false]);
    expect(hits[4]).toMatchObject({ count: 5, retryAfter: 60 });
    expect(await store.peekWindow({ key: "k", limit: 3, now: now + 10 })).toMatchObject({ allowed: false, retryAfter: 60 });
    expect(await store.peekWindow({ key: "other", limit: 3, now })).toMatchObject({ allowed: true, count: 0 });
    expect(await store.hitWindow({ key: "k", limit: 3, windowMs: 60_000, now: now + 60_000 })).toMatchObject({ allowed: true, count: 1 });
  });

  it("deletes expired rows", async () => {
    await store.hitWindow({ key: "old", limit: 3, windowMs: 1000, now: 0 });
    await store.hitWindow({ key: "new", limit: 3, windowMs: 1000, now: 5000 });
    expect(await store.prune(2000)).toBe(1);
    expect(db.prepare(`SELECT "key" FROM "RateLimit"`).all()).toEqual([{ key: "new" }]);
  });
});

describe("PIN lockouts", () => {
  it("lets 3 attempts through, then locks for 30 s, 1 min, 2 min ...; the refused ones are not counted; a right PIN clears", async () => {
    const t = 1_000_000;
    const at = (ms: number) => store.hitLockout({ key: "pin", schedule: PIN_LOCKOUT, now: t + ms });
    expect((await Promise.all([at(0), at(0), at(0), at(0), at(0)])).map((h) => h.allowed)).toEqual([true, true, true, false, false]);
    expect(await at(1000)).toMatchObject({ allowed: false, count: 3, retryAfter: 29 });
    expect(await at(30_000)).toMatchObject({ allowed: true, count: 4, retryAfter: 60 });
    expect(await at(89_000)).toMatchObject({ allowed: false, retryAfter: 1 });
    expect(await at(90_000)).toMatchObject({ allowed: true, count: 5, retryAfter: 120 });
    await store.clear("pin");
    expect(await at(90_001)).toMatchObject({ allowed: true, count: 1, retryAfter: 0 });
  });

  it("keeps a 4-digit PIN safe for years: 10,000 guesses, each at the first moment allowed, take more than 25 years", async () => {
    let now = 0;
    let guesses = 0;
    while (guesses < 10_000) {
      const hit = await store.hitLockout({ key: "pin", schedule: PIN_LOCKOUT, now });
      if (hit.allowed) guesses++;
      now += hit.allowed ? hit.retryAfter * 1000 : 0;
      expect(hit.allowed || hit.retryAfter === 0).toBe(true);
    }
    expect(now).toBeGreaterThan(25 * YEAR);
    // the first lockouts grow from 30 s; from the 15th attempt on, one a day
    expect(PIN_LOCKOUT.lockMs(2)).toBe(0);
    expect(PIN_LOCKOUT.lockMs(3)).toBe(30_000);
    expect(PIN_LOCKOUT.lockMs(14)).toBeLessThan(DAY);
    expect(PIN_LOCKOUT.lockMs(15)).toBe(DAY);
    expect(PIN_LOCKOUT.lockMs(1000)).toBe(DAY);
  });

  it("forgets a count 30 days after its lockout ended, not before", async () => {
    const at = (ms: number) => store.hitLockout({ key: "pin", schedule: PIN_LOCKOUT, now: ms });
    for (let i = 0; i < 3; i++) await at(0);
    expect(await store.prune(30_000 + 30 * DAY - 1)).toBe(0);
    expect(await store.prune(30_000 + 30 * DAY + 1)).toBe(1);
    expect(await at(30_000 + 30 * DAY + 2)).toMatchObject({ allowed: true, count: 1 });
  });
});

describe("waiting times in words", () => {
  it("rounds up to the unit a person reads", () => {
    expect(waitText(1)).toBe("1 second");
    expect(waitText(29.2)).toBe("30 seconds");
    expect(waitText(61)).toBe("2 minutes");
    expect(waitText(3600)).toBe("1 hour");
    expect(waitText(17 * 3600 + 1)).toBe("18 hours");
    expect(waitText(86_400)).toBe("1 day");
  });
});
