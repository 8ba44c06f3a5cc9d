import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { querySql } from "../helpers/db-dump";
import { approvedPlexSignIn, type FakeUsername } from "../helpers/sign-in";

const BROWSERS = 6;

/** Several browsers of one Plex account come back from Plex at the same moment, the account being new to the app. */
async function concurrentFirstSignIns(env: PlexApp, username: FakeUsername) {
  const approved = await Promise.all(Array.from({ length: BROWSERS }, () => approvedPlexSignIn(env.app.url, env.fake, username)));
  const runs = await Promise.all(approved.map((a) => a.finish()));
  const me = await Promise.all(
    runs.map(async (run) => {
      const res = await run.jar.fetch(`${env.app.url}/api/me`);
      return { location: run.finalLocation, status: res.status, sessionToken: run.jar.get("next-auth.session-token") };
    }),
  );
  return me;
}

describe("first sign-in of one account from several browsers at once", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex();
  });
  afterAll(async () => env?.stop());

  it.each<FakeUsername>(["olivia", "frank"])("every browser of %s ends signed in as the same person", async (username) => {
    const results = await concurrentFirstSignIns(env, username);
    for (const r of results) {
      expect(r.location).toBe("/");
      expect(r.status).toBe(200);
    }
    const tokens = results.map((r) => `'${r.sessionToken ?? ""}'`).join(",");
    const owners = await querySql(env.app.database, `SELECT DISTINCT "userId" FROM "Session" WHERE "sessionToken" IN (${tokens})`);
    expect(owners).toHaveLength(1);
    const sessions = await querySql(env.app.database, `SELECT COUNT(*) AS n FROM "Session" WHERE "userId" = '${String(owners[0]!.userId)}'`);
    expect(Number(sessions[0]!.n)).toBe(BROWSERS);
  });
});
