import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, execSql } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { signInRun } from "../helpers/sign-in";

/** Sessions re-check access with plex.tv once the last check is over an hour old. */
describe("access re-check", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex();
  });
  afterAll(async () => env?.stop());

  // Sessions are cached for 2 s (lib/auth/session-cache.ts): let that pass after moving time.
  const ageChecks = async () => {
    await execSql(env.app.database, `UPDATE "User" SET "accessCheckedAt" = '2000-01-01T00:00:00.000Z'`);
    await new Promise((r) => setTimeout(r, 2100));
  };

  it("plex.tv being unreachable does not lock people out", async () => {
    const frank = await signInRun(env.app.url, env.fake, "frank");
    await ageChecks();
    await env.fake.setFault("plextv", { status: 503 });
    expect((await frank.jar.fetch(`${env.app.url}/api/me`)).status).toBe(200);
    await env.fake.setFault("plextv", { refuse: true });
    expect((await frank.jar.fetch(`${env.app.url}/api/me`)).status).toBe(200);
    await env.fake.clearFaults();
  });

  it("access that is gone (the Plex token was revoked) ends every session of that person", async () => {
    const frank = await signInRun(env.app.url, env.fake, "frank");
    const other = await signInRun(env.app.url, env.fake, "frank");
    const before = await countRows(env.app.database, "Session");
    // Frank signs out of Plex everywhere: his token dies at plex.tv
    const signout = await fetch(`${env.fake.plexTvUrl}/api/v2/users/signout`, {
      method: "DELETE",
      headers: { "X-Plex-Token": env.fake.fixtures.friend.token, "X-Plex-Client-Identifier": "test" },
    });
    expect(signout.status).toBeLessThan(300);
    expect((await frank.jar.fetch(`${env.app.url}/api/me`)).status).toBe(200); // checked under an hour ago
    await ageChecks();
    expect((await frank.jar.fetch(`${env.app.url}/api/me`)).status).toBe(401);
    expect((await other.jar.fetch(`${env.app.url}/api/me`)).status).toBe(401);
    expect(await countRows(env.app.database, "Session")).toBeLessThan(before);
  });
});
