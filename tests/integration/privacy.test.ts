import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_ACCOUNTS, FIXTURES } from "../fake-plex/fixtures";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { expandRoute, listAppRoutes } from "../helpers/routes";
import { signInRun } from "../helpers/sign-in";

/**
 * Walks every page and API route (found on disk) signed out and with a revoked session: no
 * response may carry library data (titles, server name, addresses), user data or a token, and
 * none may be a 500.
 */
describe("private by default", () => {
  let env: PlexApp;
  let forbidden: string[];
  let values: Record<string, string[]>;
  let revokedCookie: string;
  let invitation: string[];

  beforeAll(async () => {
    env = await startAppWithPlex();
    const owner = await signInRun(env.app.url, env.fake, "olivia");
    await signInRun(env.app.url, env.fake, "frank");
    const room = await owner.jar.fetch(`${env.app.url}/api/rooms`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sectionIds: ["1"] }),
    });
    expect(room.status).toBe(201);
    const { code } = (await room.json()) as { code: string };
    const users = (await (await owner.jar.fetch(`${env.app.url}/api/admin/users`)).json()) as { users: { id: string }[] };
    const film = env.fake.library.films[0]!;
    invitation = [FIXTURES.owner.title];
    values = {
      code: [code, "ZZZZZZZZ"],
      id: users.users.map((u) => u.id).slice(0, 1),
      ratingKey: [film.ratingKey],
      nextauth: ["session", "csrf", "providers", "signin", "signout", "error", "callback/plex"],
    };
    // a session that has been revoked (sign out everywhere)
    const revoked = await signInRun(env.app.url, env.fake, "olivia");
    revokedCookie = revoked.jar.header();
    expect((await revoked.jar.fetch(`${env.app.url}/api/me/sessions`, { method: "DELETE" })).status).toBe(200);

    const titles = [...env.fake.library.films, ...env.fake.library.documentaries].map((f) => f.title);
    forbidden = [
      ...titles,
      FIXTURES.server.name,
      FIXTURES.server.machineIdentifier,
      env.fake.pmsUrl,
      ...ALL_ACCOUNTS.flatMap((a) => [a.token, a.serverToken ?? "", a.email ?? "", a.title, a.uuid]).filter((s) => s.length > 2),
    ];
  });
  afterAll(async () => env?.stop());

  for (const who of ["signed out", "revoked session"] as const) {
    it(`shows nothing private to a visitor (${who})`, async () => {
      const routes = listAppRoutes();
      expect(routes.length).toBeGreaterThan(15);
      const checked: string[] = [];
      for (const route of routes) {
        for (const url of expandRoute(route.pattern, values)) {
          for (const method of route.methods) {
            const res = await fetch(env.app.url + url, {
              method,
              redirect: "manual",
              headers: { ...(who === "revoked session" ? { cookie: revokedCookie } : {}), ...(method === "GET" ? {} : { "Content-Type": "application/json" }) },
              body: method === "GET" ? undefined : "{}",
              signal: AbortSignal.timeout(5000),
            }).catch((e: Error) => e);
            if (res instanceof Error) {
              // streams (SSE) may hold the connection open: the route must have refused before streaming
              throw new Error(`${method} ${url} did not answer: ${res.message}`);
            }
            const body = await res.text();
            const where = `${method} ${url} -> ${res.status}`;
            expect(res.status, where).toBeLessThan(500);
            // A room's code is its invitation: its join page names the host who invited you (issue 13), and nothing else.
            const allowed = url === `/r/${values.code![0]}` && method === "GET" ? invitation : [];
            for (const secret of forbidden) if (!allowed.includes(secret)) expect(body.includes(secret), `${where} shows "${secret}"`).toBe(false);
            const location = res.headers.get("location") ?? "";
            for (const secret of forbidden) expect(location.includes(secret), `${where} redirects with "${secret}"`).toBe(false);
            checked.push(where);
          }
        }
      }
      expect(checked.length).toBeGreaterThan(30);
    });
  }
});
