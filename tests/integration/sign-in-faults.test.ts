import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { CookieJar } from "../helpers/cookie-jar";
import { authPageParams, followRedirects, nextAuthSignInUrl, pinIdFromJar, signInRun, startPlexSignIn } from "../helpers/sign-in";

/** Each failure shows its own message on the sign-in page; nothing crashes. */
describe("sign-in failures a person can act on", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex();
  });
  afterEach(async () => env.fake.clearFaults());
  afterAll(async () => env?.stop());

  async function messageOn(path: string): Promise<string> {
    const html = await (await fetch(env.app.url + path)).text();
    return /data-testid="sign-in-error"[^>]*>([^<]*)/.exec(html)?.[1] ?? "";
  }

  it("plex.tv down: 'Plex.tv cannot be reached right now'", async () => {
    await env.fake.setFault("plextv", { refuse: true });
    const jar = new CookieJar();
    const jarRun = await followRedirects(jar, await nextAuthSignInUrl(env.app.url, jar), env.app.url);
    expect(jarRun).toBe("/signin?error=plextv_unreachable");
    expect(await messageOn(jarRun)).toMatch(/^Plex\.tv cannot be reached right now/);
  });

  it("plex.tv 5xx while checking the PIN: the same message, never 'bad token'", async () => {
    const started = await startPlexSignIn(env.app.url);
    const params = authPageParams(started.plexAuthUrl);
    await fetch(`${env.fake.plexTvUrl}/_fake/auth/approve`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: params.get("code"), clientID: params.get("clientID"), username: "olivia" }) });
    await env.fake.setFault("plextv", { status: 503 });
    const end = await followRedirects(started.jar, params.get("forwardUrl")!, env.app.url);
    expect(end).toBe("/signin?error=plextv_unreachable");
    expect(await messageOn(end)).toMatch(/^Plex\.tv cannot be reached right now/);
  });

  it("PIN expired or not approved: 'Sign-in was not completed, try again'", async () => {
    const notApproved = await startPlexSignIn(env.app.url);
    const end1 = await followRedirects(notApproved.jar, authPageParams(notApproved.plexAuthUrl).get("forwardUrl")!, env.app.url);
    expect(end1).toBe("/signin?error=not_completed");
    expect(await messageOn(end1)).toBe("Sign-in was not completed, try again.");

    const expired = await startPlexSignIn(env.app.url);
    env.fake.expirePin(pinIdFromJar(expired.jar));
    const end2 = await followRedirects(expired.jar, authPageParams(expired.plexAuthUrl).get("forwardUrl")!, env.app.url);
    expect(end2).toBe("/signin?error=not_completed");
  });

  it("PIN polled too fast (429): the sign-in backs off and goes through", async () => {
    const started = await startPlexSignIn(env.app.url);
    const params = authPageParams(started.plexAuthUrl);
    const pinId = pinIdFromJar(started.jar);
    await fetch(`${env.fake.plexTvUrl}/_fake/auth/approve`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: params.get("code"), clientID: params.get("clientID"), username: "olivia" }) });
    for (let i = 0; i < 3; i++) {
      await fetch(`${env.fake.plexTvUrl}/api/v2/pins/${pinId}`, { headers: { Accept: "application/json", "X-Plex-Client-Identifier": params.get("clientID")! } });
    }
    const end = await followRedirects(started.jar, params.get("forwardUrl")!, env.app.url);
    expect(end).toBe("/");
  });

  it("plex.tv rate-limiting for longer than Reelmatch waits: 'wait and try again'", async () => {
    await env.fake.setFault("plextv", { status: 429, retryAfter: 60 });
    const jar = new CookieJar();
    const end = await followRedirects(jar, await nextAuthSignInUrl(env.app.url, jar), env.app.url);
    expect(end).toBe("/signin?error=rate_limited");
    expect(await messageOn(end)).toMatch(/Plex asked us to slow down\. Wait a few seconds/);
  });

  it("the Plex server down: says so and which addresses were tried", async () => {
    await env.fake.setFault("pms", { refuse: true });
    const run = await signInRun(env.app.url, env.fake, "olivia");
    expect(run.finalLocation).toMatch(/^\/signin\?error=server_unreachable&detail=/);
    expect(run.jar.get("next-auth.session-token")).toBeUndefined();
    const html = await (await fetch(env.app.url + run.finalLocation)).text();
    expect(html).toContain("the Plex server cannot be reached right now");
    expect(html).toContain(env.fake.pmsUrl);
  });

  it("a crafted link cannot put words on the sign-in page (the detail is signed by the server)", async () => {
    // what the page shows (the flight data in <script> carries the address bar as it is, unrendered)
    const shown = async (url: string) => (await (await fetch(url)).text()).replace(/<script[\s\S]*?<\/script>/g, "");
    const forged = await shown(`${env.app.url}/signin?error=server_unreachable&detail=${encodeURIComponent("Call 555-0100 for help.sig")}`);
    expect(forged).toContain("the Plex server cannot be reached right now");
    expect(forged).not.toContain("555-0100");
    const unsigned = await shown(`${env.app.url}/signin?error=failed&detail=Your+account+is+suspended`);
    expect(unsigned).not.toContain("suspended");
  });

  it("a slow plex.tv past the timeout is reported as unreachable, not as a crash", async () => {
    await env.fake.setFault("plextv", { latencyMs: 3500 });
    const jar = new CookieJar();
    const end = await followRedirects(jar, await nextAuthSignInUrl(env.app.url, jar), env.app.url);
    expect(end).toBe("/signin?error=plextv_unreachable");
  });

  it("a tampered or missing sign-in cookie never signs anyone in", async () => {
    const started = await startPlexSignIn(env.app.url);
    const params = authPageParams(started.plexAuthUrl);
    await fetch(`${env.fake.plexTvUrl}/_fake/auth/approve`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: params.get("code"), clientID: params.get("clientID"), username: "olivia" }) });
    const res = await fetch(params.get("forwardUrl")!, { redirect: "manual" }); // another browser: no cookie
    expect(res.headers.get("location")).toMatch(/\/signin\?error=not_completed$/);
    // a forged callback with a made-up code is refused by NextAuth
    const forged = await followRedirects(started.jar, `${env.app.url}/api/auth/callback/plex?code=abc&state=xyz`, env.app.url);
    expect(forged).toMatch(/^\/signin\?.*error=/);
    expect(started.jar.get("next-auth.session-token")).toBeUndefined();
  });
});
