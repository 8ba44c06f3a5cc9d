import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_ACCOUNTS } from "../fake-plex/fixtures";
import { countRows, dumpDatabase } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { signInRun } from "../helpers/sign-in";

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
