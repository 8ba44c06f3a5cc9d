import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_ACCOUNTS, FIXTURES } from "../fake-plex/fixtures";
import { startApp, type RunningApp } from "../helpers/app";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { authPageParams, pinIdFromJar, signInRun, startPlexSignIn } from "../helpers/sign-in";
import { Client, createRoom, deck, joinAsGuest } from "./rooms-support";

/** Nothing leaks (issue 9, §4): addresses, PINs and tokens; pages carry the security headers. */
let env: PlexApp;
let admin: Client;
let roomCode: string;
// A PIN no other line of the log would contain by chance.
const HOME_PIN = "8351";
const originalPin = FIXTURES.kid.homePin;

beforeAll(async () => {
  FIXTURES.kid.homePin = HOME_PIN;
  env = await startAppWithPlex({ fake: { films: 400 }, env: { LOG_LEVEL: "debug" } });
  const owner = await signInRun(env.app.url, env.fake, "olivia");
  admin = new Client(env.app.url, owner.jar.header());
  roomCode = (await createRoom(admin)).code;
});
afterAll(async () => {
  FIXTURES.kid.homePin = originalPin;
  await env?.stop();
});

describe("the Plex server's address", () => {
  it("is never in a guest's or a member's error message; the admin is told it", async () => {
    const guest = await joinAsGuest(env, roomCode, "Gus");
    const member = new Client(env.app.url, (await signInRun(env.app.url, env.fake, "frank")).jar.header());
    expect((await member.call("POST", `/api/rooms/${roomCode}/participants`, {})).status).toBe(201);
    await deck(guest, roomCode);
    const address = new URL(env.fake.pmsUrl).host;
    await env.fake.setFault("pms", { refuse: true });
    try {
      let page = 60;
      const farDeck = (client: Client) => client.call("GET", `/api/rooms/${roomCode}/deck?from=${(page += 60)}&count=12`);
      for (const client of [guest, member]) {
        const res = await farDeck(client);
        expect(res.status).toBe(502);
        expect(res.body.error.message).toMatch(/^The Plex server .*Check that it is running/);
        expect(JSON.stringify(res.body)).not.toContain(address);
        expect(JSON.stringify(res.body)).not.toContain("127.0.0.1");
      }
      const forAdmin = await farDeck(admin);
      expect(forAdmin.status).toBe(502);
      expect(forAdmin.body.error.message).toContain(address);
    } finally {
      await env.fake.clearFaults();
    }
  });

  it("a member whose sign-in cannot reach the server is not told its addresses", async () => {
    await env.fake.setFault("pms", { refuse: true });
    try {
      const run = await signInRun(env.app.url, env.fake, "frank");
      expect(run.finalLocation).toMatch(/^\/signin\?error=server_unreachable/);
      const html = await (await fetch(env.app.url + run.finalLocation)).text();
      expect(html).toContain("the Plex server cannot be reached right now");
      expect(decodeURIComponent(run.finalLocation) + html).not.toContain(new URL(env.fake.pmsUrl).host);
    } finally {
      await env.fake.clearFaults();
    }
  });
});

describe("the no-access page", () => {
  const forged = `/no-access?server=${encodeURIComponent("Evil Corp: call 555-0100")}`;
  it("names the server from our database, not from the address bar, to the person just refused", async () => {
    const run = await signInRun(env.app.url, env.fake, "sam");
    expect(run.finalLocation).toBe("/no-access");
    const html = await (await run.jar.fetch(env.app.url + forged)).text();
    expect(html).toContain(FIXTURES.server.name);
    expect(html).not.toContain("Evil Corp");
  });
  it("tells a visitor who was not refused neither the server's name nor the link's", async () => {
    const html = await (await fetch(env.app.url + forged)).text();
    expect(html).toContain("this Plex server");
    expect(html).not.toContain(FIXTURES.server.name);
    expect(html).not.toContain("Evil Corp");
  });
});

describe("logs", () => {
  it("at debug level, after sign-ins and a Home profile switch with its PIN, hold no PIN and no token", async () => {
    const kid = (await admin.call("GET", "/api/me/profiles")).body.profiles.find((p: { name: string }) => p.name === "Kit");
    expect((await admin.call("POST", "/api/me/profiles", { uuid: kid.uuid, pin: "0000" })).status).toBe(403);
    const switched = await admin.call("POST", "/api/me/profiles", { uuid: kid.uuid, pin: HOME_PIN });
    expect(switched.status).toBe(200);
    const started = await startPlexSignIn(env.app.url);
    const pinCode = authPageParams(started.plexAuthUrl).get("code")!;
    const pinId = pinIdFromJar(started.jar);
    const again = await signInRun(env.app.url, env.fake, "olivia");

    const output = env.app.output();
    // debug lines were written: the test reads what a debugging admin would
    expect(output).toMatch(/"level":"debug".*switch\?pin=\[redacted\]/);
    // Request ids are random UUIDs: one can hold the PIN's four digits by chance ("5e212a38-8351-…").
    const withoutIds = output.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "<uuid>");
    expect(withoutIds).not.toMatch(new RegExp(`(?<![0-9A-Za-z])${HOME_PIN}(?![0-9A-Za-z])`));
    const secrets = [
      ...ALL_ACCOUNTS.flatMap((a) => [a.token, a.serverToken]).filter((t): t is string => Boolean(t)),
      pinCode,
      String(pinId),
      again.jar.get("next-auth.session-token")!,
      ...admin.header().split("; ").map((c) => c.slice(c.indexOf("=") + 1)),
    ].filter((s) => s.length >= 4);
    for (const secret of secrets) expect(output, secret).not.toMatch(new RegExp(`(?<![0-9A-Za-z-])${secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![0-9A-Za-z])`));
  });
});

describe("security headers", () => {
  const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

  it("every page has a CSP whose nonce is on every script, no inline script without it, and Permissions-Policy", async () => {
    const pages = ["/", "/signin", "/join", "/no-access", "/profiles", "/rooms/new", `/r/${roomCode}`, "/admin", "/setup", "/signin/password", "/does-not-exist"];
    const seen = new Set<string>();
    for (const path of pages) {
      const res = await fetch(env.app.url + path, { headers: { cookie: admin.header() }, redirect: "manual" });
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(res.headers.get("permissions-policy"), path).toMatch(/camera=\(\)/);
      // plain http here: no HSTS (it would pin the browser to an https that does not exist)
      expect(res.headers.get("strict-transport-security")).toBeNull();
      const nonce = nonceOf(csp)!;
      expect(seen.has(nonce), "a fresh nonce per response").toBe(false);
      seen.add(nonce);
      if (res.status >= 300 && res.status < 400) continue;
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
      expect(html).not.toMatch(/\son[a-z]+="/);
    }
  });
});

describe("HSTS", () => {
  let secure: RunningApp;
  beforeAll(async () => {
    secure = await startApp({ env: { APP_URL: "https://reelmatch.example" } });
  });
  afterAll(async () => {
    await secure?.stop();
    await secure?.database.drop();
  });

  it("is sent when APP_URL is https, with upgrade-insecure-requests in the CSP", async () => {
    const res = await fetch(`${secure.url}/signin`);
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect(res.headers.get("content-security-policy")).toMatch(/upgrade-insecure-requests/);
  });
});
