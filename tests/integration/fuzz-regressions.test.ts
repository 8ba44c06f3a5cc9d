import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";

/** Cases the fuzzer (tests/integration/fuzz.test.ts) found, kept as plain regression tests. */
let env: PlexApp;
beforeAll(async () => {
  env = await startAppWithPlex();
});
afterAll(async () => {
  await env?.stop();
});

const post = (path: string, body: string, contentType = "application/json") =>
  fetch(env.app.url + path, { method: "POST", headers: { "content-type": contentType, origin: env.app.url }, body, redirect: "manual" });

describe("found by fuzzing", () => {
  it("a malformed JSON body to NextAuth's routes is a 4xx with a message, not a 500", async () => {
    for (const path of ["/api/auth/%20", "/api/auth/session", "/api/auth/signin", "/api/auth/signout"]) {
      for (const body of ['{"name":', ""]) {
        const res = await post(path, body);
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^The request body is not valid JSON/);
      }
    }
    // a well-formed body still reaches NextAuth
    expect((await post("/api/auth/xyz", "{}")).status).toBe(400);
  });

  it("a callback URL NextAuth cannot use (query or cookie) is a 422 that clears the cookie, not a 500", async () => {
    for (const path of ["/api/auth/session", "/api/auth/csrf", "/api/auth/providers"]) {
      const res = await fetch(env.app.url + path, { headers: { cookie: "next-auth.callback-url=!" }, redirect: "manual" });
      expect(res.status, path).toBe(422);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^The address to return to after signing in is not valid\. Reload/);
      expect(res.headers.getSetCookie().join("\n")).toMatch(/^next-auth\.callback-url=; Path=\/; Max-Age=0/);
    }
    expect((await fetch(`${env.app.url}/api/auth/session?callbackUrl=!`)).status).toBe(422);
    // usable ones still work
    expect((await fetch(`${env.app.url}/api/auth/session`, { headers: { cookie: "next-auth.callback-url=%2Fr%2FABC" } })).status).toBe(200);
    expect((await fetch(`${env.app.url}/api/auth/session?callbackUrl=/r/ABC`)).status).toBe(200);
  });

  it("a callback URL NextAuth cannot use in the body, or repeated in the query, is a 422 too", async () => {
    const res = await post("/api/auth/session", '{"callbackUrl":"4NJCUJTQ"}');
    expect(res.status).toBe(422);
    expect((await post("/api/auth/session", '{"callbackUrl":{"a":1}}')).status).toBe(422);
    expect((await post("/api/auth/signin/plex", "callbackUrl=nope", "application/x-www-form-urlencoded")).status).toBe(422);
    expect((await fetch(`${env.app.url}/api/auth/session?callbackUrl=/ok&callbackUrl=!`)).status).toBe(422);
    expect((await post("/api/auth/session", `{"callbackUrl":"${env.app.url}/r/ABC"}`)).status).toBeLessThan(500);
  });

  it("the sign-in page takes the first of a repeated query parameter instead of failing", async () => {
    const res = await fetch(`${env.app.url}/signin?callbackUrl=0&callbackUrl=0&error=a&error=b`, { redirect: "manual" });
    expect(res.status).toBe(200);
  });

  it("an error code NextAuth cannot put in a redirect is a 422, plain codes still redirect", async () => {
    for (const path of ["/api/auth/error?error=%C4%80", "/api/auth/error/%C4%80", "/api/auth/error?error=a%0Ab", "/api/auth/error?error=Verification&error=%C4%80"]) {
      const res = await fetch(env.app.url + path, { redirect: "manual" });
      expect(res.status, path).toBe(422);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^Unknown sign-in error\./);
    }
    expect((await fetch(`${env.app.url}/api/auth/error?error=Verification`, { redirect: "manual" })).status).toBe(302);
  });
});
