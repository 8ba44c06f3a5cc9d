import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD_ATTEMPTS_PER_ADDRESS, SIGN_INS_STARTED_PER_ADDRESS } from "@/lib/limits/schedules";
import { CookieJar } from "../helpers/cookie-jar";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { followRedirects, nextAuthSignInUrl } from "../helpers/sign-in";

// Per-address limits on what costs plex.tv work (issue 9 §3): Plex PINs created, password tries.
describe("sign-ins per address", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex({ env: { PLEX_PASSWORD_SIGNIN: "true" } });
  });
  afterAll(async () => env?.stop());

  it("creates a generous number of Plex PINs for one address, then says to wait", async () => {
    const start = () => fetch(`${env.app.url}/api/plex/pin?state=limits-test-state`, { redirect: "manual" });
    for (let i = 0; i < SIGN_INS_STARTED_PER_ADDRESS.limit; i++) {
      const res = await start();
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toMatch(new RegExp(`^${env.fake.plexTvUrl}/auth`));
    }
    const refused = await start();
    expect(refused.status).toBe(303);
    expect(new URL(refused.headers.get("location")!).pathname + new URL(refused.headers.get("location")!).search).toBe("/signin?error=too_many_sign_ins");
    expect(await (await fetch(refused.headers.get("location")!)).text()).toMatch(/Too many sign-ins were started from this address lately\. Wait up to 10 minutes/);
  });

  it("lets one address try its password a generous number of times, then answers 429 with when to try again", async () => {
    const jar = new CookieJar();
    expect(await followRedirects(jar, await nextAuthSignInUrl(env.app.url, jar, "?mode=password"), env.app.url)).toBe("/signin/password");
    const submit = () =>
      jar.fetch(`${env.app.url}/api/plex/password`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login: "olivia", password: "nope" }) });
    for (let i = 0; i < PASSWORD_ATTEMPTS_PER_ADDRESS.limit; i++) {
      env.fake.resetThrottles(); // plex.tv's own throttle (1031 after 5) is not what this test is about
      expect((await submit()).status).toBe(401);
    }
    const refused = await submit();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(500);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe("Too many password sign-ins from this address. Try again in 10 minutes.");
  });
});
