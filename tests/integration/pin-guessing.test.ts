import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakePlex, type FakePlex } from "../fake-plex";
import { startApp, type RunningApp } from "../helpers/app";
import { plexEnv } from "../helpers/plex-app";
import type { CookieJar } from "../helpers/cookie-jar";
import { signInRun } from "../helpers/sign-in";

// Home profile PINs (issue 9 §1): counted per profile in the database before plex.tv sees them.
let fake: FakePlex;
let app: RunningApp;
const envOf = () => plexEnv(fake);

beforeAll(async () => {
  fake = await startFakePlex({ quiet: true, films: 60 });
  // The admin's profile is protected too: the prize a child would guess for.
  fake.setHomePin(fake.fixtures.owner.id, "4321");
  app = await startApp({ env: envOf() });
});
afterAll(async () => {
  await app?.stop();
  await app?.database.drop();
  await fake?.close();
});

interface Refusal {
  error: { message: string; pinRequired?: boolean };
}

const switchTo = (jar: CookieJar, ref: string, pin?: string) =>
  jar.fetch(`${app.url}/api/me/profiles`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ uuid: ref, ...(pin ? { pin } : {}) }) });
const whoAmI = async (jar: CookieJar) => ((await (await jar.fetch(`${app.url}/api/me`)).json()) as { user: { name: string; role: string } }).user;

/** Olivia signs in and hands the browser to Kit (her child's protected, restricted profile). */
async function kitsSession(): Promise<CookieJar> {
  const { jar } = await signInRun(app.url, fake, "olivia");
  expect((await switchTo(jar, fake.fixtures.kid.uuid, fake.fixtures.kid.homePin!)).status).toBe(200);
  expect((await whoAmI(jar)).name).toBe("Kit");
  return jar;
}

describe("Home profile PINs cannot be guessed", () => {
  it("a child's profile never rides on the admin's token past a PIN", async () => {
    // plex.tv lets some accounts' tokens switch without the PIN (PLEX_API.md 6.2): here the admin's.
    fake.skipPinFor(fake.fixtures.owner.id);
    try {
      const jar = await kitsSession();
      const noPin = await switchTo(jar, fake.fixtures.owner.uuid);
      expect(noPin.status).toBe(403);
      expect(((await noPin.json()) as Refusal).error).toMatchObject({ pinRequired: true, message: "This profile is protected: enter its PIN." });
      const wrong = await switchTo(jar, fake.fixtures.owner.uuid, "1111");
      expect(wrong.status).toBe(403);
      expect(((await wrong.json()) as Refusal).error.message).toBe("That PIN is wrong. Try again.");
      expect(await whoAmI(jar)).toMatchObject({ name: "Kit", role: "member" });
      // the admin's own PIN does it (and clears the count)
      expect((await switchTo(jar, fake.fixtures.owner.uuid, "4321")).status).toBe(200);
      expect(await whoAmI(jar)).toMatchObject({ name: "Olivia", role: "admin" });
    } finally {
      fake.skipPinFor(fake.fixtures.owner.id, false);
    }
  });

  it("200 parallel wrong PINs from a child's session: a handful reach plex.tv, then even the right PIN waits, told how long", async () => {
    const jar = await kitsSession();
    const before = fake.switchRequests();
    const answers = await Promise.all(Array.from({ length: 200 }, () => switchTo(jar, fake.fixtures.owner.uuid, "0000")));
    const reached = fake.switchRequests() - before;
    const statuses = answers.map((a) => a.status);
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 403)).toHaveLength(reached);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - reached);

    const right = await switchTo(jar, fake.fixtures.owner.uuid, "4321");
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await right.json()) as Refusal).error.message).toMatch(/^Too many wrong PINs for Olivia\. Try again in \d+ (seconds?|minutes?)\.$/);
    expect(fake.switchRequests() - before).toBe(reached);
    expect((await whoAmI(jar)).name).toBe("Kit");

    // A restart of the app forgets nothing: still locked, or (if the restart outlasted the lock)
    // the next wrong PIN earns a longer lock at once, where a fresh count would have let both through.
    await app.stop();
    app = await startApp({ env: envOf(), database: app.database, port: app.port });
    expect([403, 429]).toContain((await switchTo(jar, fake.fixtures.owner.uuid, "0000")).status);
    const afterRestart = await switchTo(jar, fake.fixtures.owner.uuid, "4321");
    expect(afterRestart.status).toBe(429);
    expect((await whoAmI(jar)).name).toBe("Kit");
  });

  it("the same profile by its uuid or its numeric id shares one budget", async () => {
    const { jar } = await signInRun(app.url, fake, "olivia");
    const { kid } = fake.fixtures;
    for (let i = 0; i < 3; i++) expect((await switchTo(jar, kid.uuid, "0000")).status).toBe(403);
    const byId = await switchTo(jar, String(kid.id), "0000");
    expect(byId.status).toBe(429);
    expect(((await byId.json()) as Refusal).error.message).toMatch(/^Too many wrong PINs for Kit\. Try again in/);
    expect((await switchTo(jar, String(kid.id), kid.homePin!)).status).toBe(429);
    expect((await whoAmI(jar)).name).toBe("Olivia");
  });
});
