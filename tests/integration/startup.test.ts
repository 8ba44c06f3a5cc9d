import { afterAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app";
import { createTestDatabase, integrationDatabaseKind } from "../helpers/database";

const kind = integrationDatabaseKind();

describe(`start-up on an empty ${kind} database`, () => {
  const apps: RunningApp[] = [];
  afterAll(async () => {
    for (const app of apps) {
      await app.stop();
      await app.database.drop();
    }
  });

  it("applies the migrations and serves the landing page", async () => {
    const app = await startApp({ databaseKind: kind });
    apps.push(app);
    expect(app.output()).toMatch(/"applied":\["0001_init".*"msg":"database ready \((sqlite|postgresql)\)"/);
    const res = await fetch(app.url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Sign in with Plex");
    expect(html).toContain("Reelmatch");
  });

  it("starts again on the same database without re-applying migrations", async () => {
    const first = apps[0]!;
    await first.stop();
    const again = await startApp({ database: first.database });
    apps.push(again);
    expect(again.output()).toMatch(/database ready/);
    expect(again.output()).not.toMatch(/applied/);
    expect((await fetch(again.url)).status).toBe(200);
  });
});

describe("a wrong configuration value stops start-up", () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of debug, info, warn, error, silent \(got "loud"\)/],
    ["APP_URL", { APP_URL: "not a url" }, /APP_URL must be/],
    ["ROOM_TTL_DAYS", { ROOM_TTL_DAYS: "-3" }, /ROOM_TTL_DAYS must be a whole number from 1 to 3650/],
    ["SECRET", { SECRET: "short" }, /SECRET must be at least 32 characters/],
    ["DATABASE_URL", { DATABASE_URL: "mysql://x" }, /DATABASE_URL must start with file:/],
    ["PLEX_TV_URL", { PLEX_TV_URL: "ftp://plex" }, /PLEX_TV_URL must be an http\(s\) URL/],
  ];
  for (const [name, env, message] of cases) {
    it(`names ${name}`, async () => {
      const db = await createTestDatabase("sqlite");
      const app = await startApp({ database: db, env, expectExit: true });
      await app.stop();
      await db.drop();
      expect(app.exitCode()).toBe(1);
      expect(app.output()).toMatch(message);
      expect(app.output()).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
    });
  }

  it("says what to do when PostgreSQL cannot be reached", async () => {
    const db = await createTestDatabase("sqlite");
    const app = await startApp({ database: db, env: { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" }, expectExit: true });
    await db.drop();
    expect(app.exitCode()).toBe(1);
    expect(app.output()).toMatch(/Cannot reach the PostgreSQL database at 127\.0\.0\.1:1\/none.*Start PostgreSQL/);
  });
});
