import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app";
import { plexEnv, startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { postSetup, setupCodeIn } from "../helpers/setup";
import { signInRun } from "../helpers/sign-in";

describe("first-run setup (no PLEX_SERVER_ID)", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex({ unconfigured: true });
  });
  afterAll(async () => env?.stop());

  const setupCode = () => setupCodeIn(env.app.output());
  const post = (jar: Awaited<ReturnType<typeof signInRun>>["jar"], body: { code?: string; serverId?: string }) => postSetup(jar, env.app.url, body);

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

  it("guessing the setup code in parallel gets at most 10 tries per person, counted before the code is compared", async () => {
    const frank = await signInRun(env.app.url, env.fake, "frank");
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => post(frank.jar, { code: `AAAA-BBBB-${String(i).padStart(4, "0")}` }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 403)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const refused = await post(frank.jar, { code: setupCode() });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Too many setup code tries\. Try again in \d+ minutes?\./);
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


describe("first-run setup is claimed once", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex({ unconfigured: true });
  });
  afterAll(async () => env?.stop());

  it("two people sending the right code at the same moment: exactly one claims it, the other is told so; the claim is logged", async () => {
    const serverId = env.fake.fixtures.server.machineIdentifier;
    const code = setupCodeIn(env.app.output());
    const first = await signInRun(env.app.url, env.fake, "olivia");
    const second = await signInRun(env.app.url, env.fake, "olivia");
    const answers = await Promise.all([first, second].map((run) => postSetup(run.jar, env.app.url, { code, serverId })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/already set up/);
    const claimed = answers.find((a) => a.status === 200)!;
    expect(await claimed.json()).toEqual({ claimed: { id: serverId, name: "Reelmatch Demo Server" } });
    await expect.poll(() => env.app.output()).toMatch(/Olivia \(Plex account 1001\) claimed the Plex server Reelmatch Demo Server \(5e2f8a1c/);
  });
});

describe("the setup code is printed whatever the log level", () => {
  for (const level of ["warn", "silent"]) {
    it(`LOG_LEVEL=${level}`, async () => {
      const env = await startAppWithPlex({ unconfigured: true, env: { LOG_LEVEL: level } });
      try {
        expect(setupCodeIn(env.app.output())).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      } finally {
        await env.stop();
      }
    });
  }
});

describe("one setup code per installation: two instances on one PostgreSQL database", () => {
  let env: PlexApp;
  let other: RunningApp | undefined;
  beforeAll(async () => {
    env = await startAppWithPlex({ unconfigured: true, databaseKind: "postgresql" });
  });
  afterAll(async () => {
    await other?.stop();
    await env?.stop();
  });

  it("both print the same code, and it works on either", async () => {
    other = await startApp({ database: env.app.database, env: plexEnv(env.fake, { unconfigured: true }) });
    const code = setupCodeIn(env.app.output());
    expect(code).toBeTruthy();
    expect(setupCodeIn(other.output())).toBe(code);
    const owner = await signInRun(env.app.url, env.fake, "olivia");
    const onFirst = await postSetup(owner.jar, env.app.url, { code });
    expect(onFirst.status).toBe(200);
  });
});

describe("when the configured server changes (PLEX_SERVER_ID after a wrong claim, then removed)", () => {
  let env: PlexApp;
  let app: RunningApp | undefined;
  const OTHER_SERVER = "0123456789abcdef0123456789abcdef01234567";
  beforeAll(async () => {
    env = await startAppWithPlex({ unconfigured: true });
  });
  afterAll(async () => {
    await app?.stop();
    await env?.stop();
  });

  it("ends the claimer's admin sessions at once, and the claimed server does not come back", async () => {
    const claimer = await signInRun(env.app.url, env.fake, "olivia");
    const claim = await postSetup(claimer.jar, env.app.url, { code: setupCodeIn(env.app.output()), serverId: env.fake.fixtures.server.machineIdentifier });
    expect(claim.status).toBe(200);
    const cookie = claimer.jar.header();
    await env.app.stop();

    app = await startApp({ database: env.app.database, env: { ...plexEnv(env.fake), PLEX_SERVER_ID: OTHER_SERVER } });
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie } })).status).toBe(401);
    expect(app.output()).toMatch(/Plex server changed/);
    await app.stop();

    app = await startApp({ database: env.app.database, env: plexEnv(env.fake, { unconfigured: true }) });
    expect(setupCodeIn(app.output())).toBeUndefined();
    expect((await signInRun(app.url, env.fake, "olivia")).finalLocation).toMatch(/^\/no-access/);
  });
});
