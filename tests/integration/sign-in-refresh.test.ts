import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CookieJar } from "../helpers/cookie-jar";
import { execSql, querySql } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { postSetup, setupCodeIn } from "../helpers/setup";
import { followRedirects, signInRun } from "../helpers/sign-in";

async function userRow(env: PlexApp, plexId: number): Promise<Record<string, unknown>> {
  const [row] = await querySql(env.app.database, `SELECT * FROM "User" WHERE "plexId" = '${plexId}'`);
  return row!;
}

const timeOf = (value: unknown) => new Date(value as string | number | Date).getTime();

describe("every sign-in refreshes who the person is", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex();
  });
  afterAll(async () => env?.stop());

  it("signing in again rewrites role, server token, address, name, avatar and access-check time from plex.tv", async () => {
    const owner = env.fake.fixtures.owner;
    await signInRun(env.app.url, env.fake, "olivia");
    await execSql(
      env.app.database,
      `UPDATE "User" SET "name" = 'Old name', "image" = NULL, "role" = 'member', "serverTokenEnc" = NULL, "serverUri" = NULL,
       "accessCheckedAt" = '2000-01-01T00:00:00.000Z' WHERE "plexId" = '${owner.id}'`,
    );
    const before = Date.now();
    const again = await signInRun(env.app.url, env.fake, "olivia");
    expect(again.finalLocation).toBe("/");
    const row = await userRow(env, owner.id);
    expect(row.name).toBe("Olivia");
    expect(row.image).toBeTruthy();
    expect(row.role).toBe("admin");
    expect(row.serverTokenEnc).toMatch(/^v1\./);
    expect(row.serverUri).toMatch(/^https?:\/\//);
    expect(timeOf(row.accessCheckedAt)).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe("people who signed in before first-run setup was finished", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex({ unconfigured: true });
  });
  afterAll(async () => env?.stop());

  /** Where a browser with this jar ends up when it opens the home page (throws on a redirect loop). */
  const landing = (jar: CookieJar) => followRedirects(jar, `${env.app.url}/`, env.app.url);

  it("after the owner claims the server, the friend is a member and the stranger has no access, old sessions and new", async () => {
    const friendBefore = await signInRun(env.app.url, env.fake, "frank");
    const strangerBefore = await signInRun(env.app.url, env.fake, "sam");
    expect(friendBefore.finalLocation).toBe("/setup");
    expect(strangerBefore.finalLocation).toBe("/setup");

    const owner = await signInRun(env.app.url, env.fake, "olivia");
    const claim = await postSetup(owner.jar, env.app.url, { code: setupCodeIn(env.app.output()), serverId: env.fake.fixtures.server.machineIdentifier });
    expect(claim.status).toBe(200);

    // the old sessions, opened before the claim
    expect(await landing(friendBefore.jar)).toBe("/");
    const me = (await (await friendBefore.jar.fetch(`${env.app.url}/api/me`)).json()) as { user: { role: string } };
    expect(me.user.role).toBe("member");
    expect(await landing(strangerBefore.jar)).toMatch(/^\/no-access/);
    expect((await strangerBefore.jar.fetch(`${env.app.url}/api/me`)).status).toBe(401);

    // a new sign-in in a fresh browser
    const friendAfter = await signInRun(env.app.url, env.fake, "frank");
    expect(friendAfter.finalLocation).toBe("/");
    expect(await landing(friendAfter.jar)).toBe("/");
    expect((await userRow(env, env.fake.fixtures.friend.id)).role).toBe("member");
    const strangerAfter = await signInRun(env.app.url, env.fake, "sam");
    expect(strangerAfter.finalLocation).toMatch(/^\/no-access/);
    expect(await landing(strangerAfter.jar)).not.toBe("/setup");
  });
});
