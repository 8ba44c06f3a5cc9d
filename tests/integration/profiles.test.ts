import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CookieJar } from "../helpers/cookie-jar";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { signInRun } from "../helpers/sign-in";

interface Profile {
  uuid: string;
  name: string;
  protected: boolean;
  restrictionProfile: string | null;
  current: boolean;
}

describe("Plex Home profiles", () => {
  let env: PlexApp;
  beforeAll(async () => {
    env = await startAppWithPlex();
  });
  afterAll(async () => env?.stop());

  const me = async (jar: CookieJar) => (await jar.fetch(`${env.app.url}/api/me`)).json() as Promise<{ user: { name: string; role: string; restricted: boolean; restrictionProfile: string | null } }>;
  const switchTo = (jar: CookieJar, uuid: string, pin?: string) =>
    jar.fetch(`${env.app.url}/api/me/profiles`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ uuid, ...(pin ? { pin } : {}) }) });
  const profiles = async (jar: CookieJar) => ((await (await jar.fetch(`${env.app.url}/api/me/profiles`)).json()) as { profiles: Profile[] }).profiles;

  it("lists the Home's profiles with avatars and restrictions", async () => {
    const { jar } = await signInRun(env.app.url, env.fake, "olivia");
    const list = await profiles(jar);
    expect(list.map((p) => p.name)).toEqual(["Olivia", "Kit", "Tess"]);
    expect(list.find((p) => p.name === "Kit")).toMatchObject({ protected: true, restrictionProfile: "little_kid", current: false });
    expect(list.find((p) => p.name === "Olivia")!.current).toBe(true);
  });

  it("a friend outside the Home has no profiles", async () => {
    const { jar } = await signInRun(env.app.url, env.fake, "frank");
    expect(await profiles(jar)).toEqual([]);
  });

  it("a protected profile asks for its PIN, refuses a wrong one, and the right one switches the session", async () => {
    const { jar } = await signInRun(env.app.url, env.fake, "olivia");
    const kit = (await profiles(jar)).find((p) => p.name === "Kit")!;
    const noPin = await switchTo(jar, kit.uuid);
    expect(noPin.status).toBe(403);
    expect(await noPin.json()).toMatchObject({ error: { pinRequired: true, message: "This profile is protected: enter its PIN." } });
    const wrong = await switchTo(jar, kit.uuid, "9999");
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe("That PIN is wrong. Try again.");
    const oldSession = jar.get("next-auth.session-token");
    const right = await switchTo(jar, kit.uuid, env.fake.fixtures.kid.homePin!);
    expect(right.status).toBe(200);
    expect(jar.get("next-auth.session-token")).not.toBe(oldSession);
    expect((await me(jar)).user).toMatchObject({ name: "Kit", role: "member", restricted: true, restrictionProfile: "little_kid" });
    // the old session is gone
    expect((await fetch(`${env.app.url}/api/me`, { headers: { cookie: `next-auth.session-token=${oldSession}` } })).status).toBe(401);
    // the profile page explains why films are missing
    expect(await (await jar.fetch(`${env.app.url}/profiles`)).text()).toMatch(/restricted by Plex/);
    // and back to the admin (no PIN on the fake owner)
    const olivia = (await profiles(jar)).find((p) => p.name === "Olivia")!;
    expect((await switchTo(jar, olivia.uuid)).status).toBe(200);
    expect((await me(jar)).user).toMatchObject({ name: "Olivia", role: "admin", restricted: false });
  });

  it("an unprotected profile switches without a PIN", async () => {
    const { jar } = await signInRun(env.app.url, env.fake, "olivia");
    const tess = (await profiles(jar)).find((p) => p.name === "Tess")!;
    expect((await switchTo(jar, tess.uuid)).status).toBe(200);
    expect((await me(jar)).user).toMatchObject({ name: "Tess", restrictionProfile: "teen" });
  });

  it("slows down repeated wrong PINs", async () => {
    const { jar } = await signInRun(env.app.url, env.fake, "olivia");
    const kit = (await profiles(jar)).find((p) => p.name === "Kit")!;
    for (let i = 0; i < 3; i++) expect((await switchTo(jar, kit.uuid, "0000")).status).toBe(403);
    const slowed = await switchTo(jar, kit.uuid, env.fake.fixtures.kid.homePin!);
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await slowed.json()) as { error: { message: string } }).error.message).toMatch(/^Too many wrong PINs for Kit\. Try again in \d+ seconds\.$/);
  });

  it("rejects malformed input with 422", async () => {
    const { jar } = await signInRun(env.app.url, env.fake, "olivia");
    expect((await switchTo(jar, "../../etc", "1234")).status).toBe(422);
    expect((await switchTo(jar, "abc", "12")).status).toBe(422);
    expect((await fetch(`${env.app.url}/api/me/profiles`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status).toBe(401);
  });
});
