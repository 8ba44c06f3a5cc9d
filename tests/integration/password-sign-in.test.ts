import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar } from "../helpers/cookie-jar";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { followRedirects, nextAuthSignInUrl } from "../helpers/sign-in";

interface Answer {
  ok: boolean;
  step?: string;
  error?: string;
  message?: string;
  redirect?: string;
}

describe("password sign-in (PLEX_PASSWORD_SIGNIN=true)", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex({ env: { PLEX_PASSWORD_SIGNIN: "true", LOG_LEVEL: "debug" } });
  });
  afterAll(async () => env?.stop());

  /** Starts NextAuth's sign-in in password mode; returns a jar bound to it. */
  async function begin(): Promise<CookieJar> {
    const jar = new CookieJar();
    const end = await followRedirects(jar, await nextAuthSignInUrl(env.app.url, jar, "?mode=password"), env.app.url);
    expect(end).toBe("/signin/password");
    return jar;
  }
  async function submit(jar: CookieJar, body: object): Promise<{ status: number; answer: Answer }> {
    const res = await jar.fetch(`${env.app.url}/api/plex/password`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, answer: (await res.json()) as Answer };
  }

  it("signs in with login and password", async () => {
    const jar = await begin();
    const { answer } = await submit(jar, { login: "olivia", password: "owner-password" });
    expect(answer.ok).toBe(true);
    expect(await followRedirects(jar, answer.redirect!, env.app.url)).toBe("/");
    expect(jar.get("next-auth.session-token")).toBeTruthy();
  });

  it("asks for the two-factor code, refuses a wrong one, accepts the right one", async () => {
    const jar = await begin();
    const first = await submit(jar, { login: "frank@example.com", password: "friend-password" });
    expect(first.answer).toMatchObject({ ok: false, step: "code" });
    expect(first.answer.message).toMatch(/6-digit code/);
    const wrong = await submit(jar, { login: "frank@example.com", password: "friend-password", code: "000000" });
    expect(wrong.answer).toMatchObject({ ok: false, step: "code", error: "wrong_code" });
    expect(wrong.answer.message).toMatch(/two-factor code is wrong/);
    const right = await submit(jar, { login: "frank@example.com", password: "friend-password", code: env.fake.fixtures.twoFactorCode });
    expect(right.answer.ok).toBe(true);
    await followRedirects(jar, right.answer.redirect!, env.app.url);
    expect(jar.get("next-auth.session-token")).toBeTruthy();
  });

  it("says when the password is wrong, and when Plex throttles the address", async () => {
    const jar = await begin();
    const wrong = await submit(jar, { login: "olivia", password: "nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.answer).toMatchObject({ ok: false, error: "wrong_credentials" });
    expect(wrong.answer.message).toMatch(/login or password is wrong/);
    let last = wrong;
    for (let i = 0; i < 6 && last.answer.error !== "throttled"; i++) last = await submit(jar, { login: "olivia", password: "nope" });
    expect(last.status).toBe(429);
    expect(last.answer.error).toBe("throttled");
    expect(last.answer.message).toMatch(/paused sign-ins from this address/);
    env.fake.resetThrottles();
  });

  it("never writes the password to the log", () => {
    expect(env.app.output()).not.toContain("owner-password");
    expect(env.app.output()).not.toContain("friend-password");
  });

  it("is refused without starting a sign-in first, and malformed input is 4xx", async () => {
    const cold = await fetch(`${env.app.url}/api/plex/password`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login: "a", password: "b" }) });
    expect(cold.status).toBe(422);
    const jar = await begin();
    expect((await jar.fetch(`${env.app.url}/api/plex/password`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{not json" })).status).toBe(422);
    expect((await submit(jar, { login: "", password: "x" })).status).toBe(422);
    expect((await submit(jar, { login: "olivia", password: "x", code: "12" })).status).toBe(422);
  });
});
