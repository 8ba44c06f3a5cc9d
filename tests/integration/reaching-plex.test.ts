import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { execSql, querySql } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { signInAs, signInRun } from "../helpers/sign-in";

/** Reaching the Plex server from where Reelmatch runs, and treating plex.tv and the server kindly. */
describe("reaching Plex", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex({ fake: { films: 20 } });
  });
  afterEach(async () => {
    await env.fake.clearFaults();
    env.fake.serveNullResourceFields(false);
    env.fake.refuseAccessTokenOf(env.fake.fixtures.owner.id, false);
  });
  afterAll(async () => env?.stop());

  const serverUriOf = async (plexId: number) => String((await querySql(env.app.database, `SELECT "serverUri" FROM "User" WHERE "plexId" = '${plexId}'`))[0]?.serverUri);
  const options = (cookie: string) => fetch(`${env.app.url}/api/rooms/options`, { headers: { cookie } });

  // First: plex.tv's resources are cached 30 s per account, so no earlier sign-in of Olivia may have cached them.
  it("falls back to the owner's account token when the server refuses the access token plex.tv gave", async () => {
    env.fake.refuseAccessTokenOf(env.fake.fixtures.owner.id);
    const owner = await signInAs(env.app.url, env.fake, "olivia");
    const res = await options(owner);
    expect(res.status).toBe(200);
    expect(env.app.output()).toMatch(/refused the access token plex\.tv gave/);
  });

  // Frank's first sign-in here, for the same reason.
  it("signs in when plex.tv sends nulls in optional resource fields and a device it cannot read", async () => {
    env.fake.serveNullResourceFields(true);
    const run = await signInRun(env.app.url, env.fake, "frank");
    expect(run.finalLocation).toBe("/");
  });

  it("picks the server's address again when the saved one stops answering (instead of keeping it an hour)", async () => {
    const owner = await signInAs(env.app.url, env.fake, "olivia");
    expect(await serverUriOf(env.fake.fixtures.owner.id)).toBe(env.fake.pmsUrl);
    await execSql(env.app.database, `UPDATE "User" SET "serverUri" = 'http://127.0.0.1:9' WHERE "plexId" = '${env.fake.fixtures.owner.id}'`);
    await new Promise((r) => setTimeout(r, 2100)); // past the 2 s session cache
    expect((await options(owner)).status).toBe(200);
    expect(await serverUriOf(env.fake.fixtures.owner.id)).toBe(env.fake.pmsUrl);
    expect(env.app.output()).toMatch(/stopped answering at the saved address/);
  });

  it("signs in through plex.tv's 429s (jittered back-off) instead of failing at once", async () => {
    await env.fake.setFault("plextv", { status: 429, times: 2 });
    const run = await signInRun(env.app.url, env.fake, "frank");
    expect(run.finalLocation).toBe("/");
    expect(run.jar.get("next-auth.session-token")).toBeDefined();
  });

  it("the admin page shows each address, whether it answered and how fast, and which is in use", async () => {
    const owner = await signInAs(env.app.url, env.fake, "olivia");
    const html = await (await fetch(`${env.app.url}/admin`, { headers: { cookie: owner } })).text();
    const rows = [...html.matchAll(/data-testid="connection" data-answered="(true|false)" data-in-use="(true|false)"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => ({
      answered: m[1] === "true",
      inUse: m[2] === "true",
      text: m[3]!.replace(/<[^>]+>/g, " "),
    }));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const inUse = rows.filter((r) => r.inUse);
    expect(inUse).toHaveLength(1);
    expect(inUse[0]!.text).toContain(env.fake.pmsUrl);
    expect(inUse[0]!.text).toMatch(/answered in \d+ ms/);
    expect(rows.some((r) => !r.answered && /local/.test(r.text) && /could not connect/.test(r.text))).toBe(true);
  });
});
