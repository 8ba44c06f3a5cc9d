import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { signInRun } from "../helpers/sign-in";

describe("sign in with Plex (PIN flow)", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex();
  });
  afterAll(async () => env?.stop());

  it("signs the owner in as admin with name and avatar from Plex", async () => {
    const run = await signInRun(env.app.url, env.fake, "olivia");
    expect(run.finalLocation).toBe("/");
    expect(run.jar.get("next-auth.session-token")).toBeTruthy();
    const home = await (await run.jar.fetch(env.app.url + "/")).text();
    expect(home).toContain("Olivia");
    expect(home).toContain("Server owner");
    expect(home).toContain("/avatar");
  });

  it("signs a friend with a share in as member", async () => {
    const run = await signInRun(env.app.url, env.fake, "frank");
    const home = await (await run.jar.fetch(env.app.url + "/")).text();
    expect(home).toContain("Frank");
    expect(home).toContain("Member");
  });

  it("refuses the stranger with the no-access page and creates no session", async () => {
    const run = await signInRun(env.app.url, env.fake, "sam");
    expect(run.finalLocation).toMatch(/^\/no-access\?server=Reelmatch(\+|%20)Demo(\+|%20)Server/);
    expect(run.jar.get("next-auth.session-token")).toBeUndefined();
    const page = await (await run.jar.fetch(env.app.url + run.finalLocation)).text();
    expect(page).toContain("Reelmatch Demo Server");
    expect(page).toContain("Ask the server");
  });
});
