import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { signInRun } from "../helpers/sign-in";

describe("first-run setup (no PLEX_SERVER_ID)", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex({ unconfigured: true });
  });
  afterAll(async () => env?.stop());

  const setupCode = () => /enter this one-time setup code: ([A-Z0-9-]+)/.exec(env.app.output())?.[1];
  const post = (jar: Awaited<ReturnType<typeof signInRun>>["jar"], body: object) =>
    jar.fetch(`${env.app.url}/api/setup`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  it("prints a one-time setup code to the log and shows it nowhere else", async () => {
    const code = setupCode();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const landing = await (await fetch(env.app.url)).text();
    expect(landing).not.toContain(code);
  });

  it("cannot be claimed without the setup code, even by the owner, nor signed out", async () => {
    expect((await fetch(`${env.app.url}/api/setup`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: setupCode() }) })).status).toBe(401);
    const owner = await signInRun(env.app.url, env.fake, "olivia");
    expect(owner.finalLocation).toBe("/setup");
    const wrong = await post(owner.jar, { code: "AAAA-BBBB-CCCC", serverId: env.fake.fixtures.server.machineIdentifier });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/setup code is wrong/);
    const missing = await post(owner.jar, { serverId: env.fake.fixtures.server.machineIdentifier });
    expect(missing.status).toBe(422);
    // a signed-in person still has no access to anything until setup is done
    expect((await owner.jar.fetch(`${env.app.url}/api/me`)).status).toBe(401);
  });

  it("a stranger who reaches the site first cannot claim it, even with the code", async () => {
    const sam = await signInRun(env.app.url, env.fake, "sam");
    const listed = await post(sam.jar, { code: setupCode() });
    expect(((await listed.json()) as { servers: unknown[] }).servers).toEqual([]);
    const claim = await post(sam.jar, { code: setupCode(), serverId: env.fake.fixtures.server.machineIdentifier });
    expect(claim.status).toBe(403);
  });

  it("with the code, the owner picks one of the servers they own and becomes admin", async () => {
    const owner = await signInRun(env.app.url, env.fake, "olivia");
    const listed = await post(owner.jar, { code: setupCode()!.toLowerCase() });
    expect(listed.status).toBe(200);
    const { servers } = (await listed.json()) as { servers: { id: string; name: string }[] };
    expect(servers).toEqual([{ id: env.fake.fixtures.server.machineIdentifier, name: "Reelmatch Demo Server" }]);
    const claim = await post(owner.jar, { code: setupCode(), serverId: servers[0]!.id });
    expect(claim.status).toBe(200);
    const me = (await (await owner.jar.fetch(`${env.app.url}/api/me`)).json()) as { user: { role: string } };
    expect(me.user.role).toBe("admin");
    // the code is burnt; the server is set up; others now get the normal access check
    expect((await post(owner.jar, { code: setupCode() })).status).toBe(409);
    expect((await signInRun(env.app.url, env.fake, "frank")).finalLocation).toBe("/");
    expect((await signInRun(env.app.url, env.fake, "sam")).finalLocation).toMatch(/^\/no-access/);
  });
});
