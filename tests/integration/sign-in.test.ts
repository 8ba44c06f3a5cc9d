import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { signInRun, signOut } from "../helpers/sign-in";

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

  it("keeps the session in the database: httpOnly, SameSite=Lax cookie, 30 days", async () => {
    const run = await signInRun(env.app.url, env.fake, "olivia");
    const line = run.jar.received.find((l) => l.startsWith("next-auth.session-token=") && !/=;/.test(l))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).not.toMatch(/Secure/i); // APP_URL is http here; https makes it Secure (unit-tested in config)
    const expires = new Date(/Expires=([^;]+)/i.exec(line)![1]!).getTime();
    expect(Math.abs(expires - Date.now() - 30 * 24 * 3600 * 1000)).toBeLessThan(60_000);
    const session = (await (await run.jar.fetch(`${env.app.url}/api/auth/session`)).json()) as { user: { name: string }; expires: string };
    expect(session.user.name).toBe("Olivia");
    expect(Math.abs(new Date(session.expires).getTime() - Date.now() - 30 * 24 * 3600 * 1000)).toBeLessThan(60_000);
  });

  it("signs a friend with a share in as member", async () => {
    const run = await signInRun(env.app.url, env.fake, "frank");
    const home = await (await run.jar.fetch(env.app.url + "/")).text();
    expect(home).toContain("Frank");
    expect(home).toContain("Member");
  });

  it("refuses the stranger with the no-access page and creates no session", async () => {
    const run = await signInRun(env.app.url, env.fake, "sam");
    expect(run.finalLocation).toBe("/no-access");
    expect(run.jar.get("next-auth.session-token")).toBeUndefined();
    const page = await (await run.jar.fetch(env.app.url + run.finalLocation)).text();
    expect(page).toContain("Reelmatch Demo Server");
    expect(page).toContain("Ask the server");
  });

  it("sign-out deletes the session: the old cookie then gets 401", async () => {
    const run = await signInRun(env.app.url, env.fake, "olivia");
    const oldCookie = run.jar.header();
    expect((await fetch(`${env.app.url}/api/me`, { headers: { cookie: oldCookie } })).status).toBe(200);
    await signOut(env.app.url, run.jar);
    expect(run.jar.get("next-auth.session-token")).toBeUndefined();
    const res = await fetch(`${env.app.url}/api/me`, { headers: { cookie: oldCookie } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Sign in with Plex/);
  });

  it("sign out everywhere ends every session of that person", async () => {
    const a = await signInRun(env.app.url, env.fake, "frank");
    const b = await signInRun(env.app.url, env.fake, "frank");
    expect((await b.jar.fetch(`${env.app.url}/api/me/sessions`, { method: "DELETE" })).status).toBe(200);
    expect((await a.jar.fetch(`${env.app.url}/api/me`)).status).toBe(401);
    expect((await b.jar.fetch(`${env.app.url}/api/me`)).status).toBe(401);
  });

  it("the admin sees everyone who signed in and can revoke their sessions; members cannot", async () => {
    const frank = await signInRun(env.app.url, env.fake, "frank");
    const olivia = await signInRun(env.app.url, env.fake, "olivia");
    expect((await frank.jar.fetch(`${env.app.url}/api/admin/users`)).status).toBe(403);
    const { users } = (await (await olivia.jar.fetch(`${env.app.url}/api/admin/users`)).json()) as { users: { id: string; name: string; role: string }[] };
    const frankRow = users.find((u) => u.name === "Frank")!;
    expect(frankRow.role).toBe("member");
    expect(users.find((u) => u.name === "Olivia")!.role).toBe("admin");
    expect(users.some((u) => u.name === "Sam")).toBe(false);
    expect((await olivia.jar.fetch(`${env.app.url}/api/admin/users/${frankRow.id}/sessions`, { method: "DELETE" })).status).toBe(200);
    expect((await frank.jar.fetch(`${env.app.url}/api/me`)).status).toBe(401);
    const admin = await (await olivia.jar.fetch(`${env.app.url}/admin`)).text();
    expect(admin).toContain("Reelmatch Demo Server");
    expect(admin).toContain(env.fake.pmsUrl);
  });

  it("members may create rooms by default; the admin can switch that off", async () => {
    const olivia = await signInRun(env.app.url, env.fake, "olivia");
    const frank = await signInRun(env.app.url, env.fake, "frank");
    expect(await (await frank.jar.fetch(`${env.app.url}/`)).text()).toContain("Create a room");
    const patch = (v: boolean) =>
      olivia.jar.fetch(`${env.app.url}/api/admin/settings`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ membersMayCreateRooms: v }) });
    expect((await patch(false)).status).toBe(200);
    expect(await (await frank.jar.fetch(`${env.app.url}/`)).text()).not.toContain("Create a room");
    expect((await patch(true)).status).toBe(200);
  });
});
