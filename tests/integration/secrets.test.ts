import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_ACCOUNTS } from "../fake-plex/fixtures";
import { startApp, type RunningApp } from "../helpers/app";
import { countRows, dumpDatabase } from "../helpers/db-dump";
import { plexEnv, startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { signInAs, signInRun } from "../helpers/sign-in";
import { Client } from "./rooms-support";

const TOKENS = ALL_ACCOUNTS.flatMap((a) => [a.token, a.serverToken]).filter((t): t is string => !!t);

describe("Plex tokens at rest and in logs", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex({ env: { LOG_LEVEL: "debug" } });
    for (const who of ["olivia", "frank", "sam", "olivia"] as const) await signInRun(env.app.url, env.fake, who);
  });
  afterAll(async () => env?.stop());

  it("the database holds no Plex token in plain text (but does hold the encrypted ones)", async () => {
    const dump = await dumpDatabase(env.app.database);
    expect(dump).toContain("Olivia"); // the dump is real
    expect(dump).toMatch(/"plexTokenEnc":"v1\./);
    for (const token of TOKENS) expect(dump).not.toContain(token);
  });

  it("the refused stranger left no user and no session behind", async () => {
    const dump = await dumpDatabase(env.app.database);
    expect(dump).not.toContain('"Sam"');
    expect(await countRows(env.app.database, "Session")).toBe(3);
  });

  it("the log of a full sign-in run at debug level contains no token", () => {
    const output = env.app.output();
    expect(output).toMatch(/sign-in approved/);
    expect(output).toMatch(/GET \/api\/v2\/resources/); // requests were logged...
    for (const token of TOKENS) expect(output).not.toContain(token); // ...without their tokens
  });

  it("no response sends a token to the browser", async () => {
    const run = await signInRun(env.app.url, env.fake, "olivia");
    for (const path of ["/", "/admin", "/api/me", "/api/admin/users", "/api/auth/session"]) {
      const body = await (await run.jar.fetch(env.app.url + path)).text();
      for (const token of TOKENS) expect(body, path).not.toContain(token);
    }
  });
});

describe("a changed SECRET (the data folder's generated secret lost, the database kept)", () => {
  let env: PlexApp;
  let app: RunningApp;
  beforeAll(async () => {
    env = await startAppWithPlex();
    await signInRun(env.app.url, env.fake, "olivia");
    await signInRun(env.app.url, env.fake, "frank");
  });
  afterAll(async () => {
    await app?.stop();
    await env?.stop();
  });

  it("never reads as 'no access': old sessions are asked to sign in again, a fresh sign-in works, the admin page says why", async () => {
    const oldCookie = await signInAs(env.app.url, env.fake, "olivia");
    await env.app.stop();
    rmSync(path.join(env.app.database.dataDir, "secret"));
    app = await startApp({ database: env.app.database, env: plexEnv(env.fake) });
    const oldOwner = new Client(app.url, oldCookie);

    const me = await oldOwner.call("GET", "/api/me");
    expect(me.status).toBe(401);
    const room = await oldOwner.call("POST", "/api/rooms", { sectionIds: ["1"] });
    expect(room.status).toBe(401);
    expect(JSON.stringify(room.body)).not.toMatch(/no access/i);

    const owner = new Client(app.url, await signInAs(app.url, env.fake, "olivia"));
    expect((await owner.call("POST", "/api/rooms", { sectionIds: ["1"] })).status).toBe(201);

    const admin = await owner.raw("/admin");
    expect(admin.status).toBe(200);
    const html = await admin.text();
    expect(html).toContain('data-testid="unreadable-tokens"');
    expect(html).toMatch(/could not be read/);
    expect(html).toMatch(/SECRET/);
  });
});
