import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePlex } from "../fake-plex";
import { call, errorCode, json, start } from "./helpers";

let plex: FakePlex;
beforeAll(async () => {
  plex = await start();
});
afterAll(async () => {
  await plex.close();
});

describe("fake plex.tv: conventions", () => {
  it("rejects /api/v2 calls without X-Plex-Client-Identifier with 400/1000", async () => {
    for (const [method, path] of [
      ["POST", "/api/v2/pins"],
      ["GET", "/api/v2/user"],
      ["POST", "/api/v2/users/signin"],
      ["GET", "/api/v2/resources"],
    ] as const) {
      const res = await call(plex.plexTvUrl, path, { method, clientId: null, token: plex.fixtures.owner.token });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(await res.json()).toEqual({ errors: [{ code: 1000, message: "X-Plex-Client-Identifier is missing", status: 400 }] });
    }
  });

  it("answers XML without Accept: application/json, errors included", async () => {
    const err = await call(plex.plexTvUrl, "/api/v2/pins", { method: "POST", clientId: null, json: false });
    expect(err.status).toBe(400);
    expect(err.headers.get("content-type")).toContain("xml");
    expect(await err.text()).toMatch(/<errors><error code="1000" message="X-Plex-Client-Identifier is missing" status="400"\/><\/errors>/);

    const user = await call(plex.plexTvUrl, "/api/v2/user", { token: plex.fixtures.owner.token, json: false });
    expect(user.status).toBe(200);
    const xml = await user.text();
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('<user id="1001" uuid="8f3a2b1c4d5e6f70" username="olivia"');
    expect(xml).toContain('authToken="owner-plex-token-0001"');
  });

  it("accepts X-Plex-* values as query parameters", async () => {
    const { owner } = plex.fixtures;
    const res = await fetch(`${plex.plexTvUrl}/api/v2/user?X-Plex-Client-Identifier=q&X-Plex-Token=${owner.token}`, {
      headers: { Accept: "application/json" },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).username).toBe("olivia");
  });
});

describe("fake plex.tv: user, ping, sign-out", () => {
  it("returns the account for each token", async () => {
    const { owner, friend, stranger } = plex.fixtures;
    const o = await json(await call(plex.plexTvUrl, "/api/v2/user", { token: owner.token }));
    expect(o).toMatchObject({
      id: 1001,
      uuid: owner.uuid,
      username: "olivia",
      title: "Olivia",
      email: "olivia@example.com",
      authToken: owner.token,
      restricted: false,
      home: true,
      homeAdmin: true,
      protected: false,
      twoFactorEnabled: false,
      thumb: `${plex.plexTvUrl}/users/${owner.uuid}/avatar`,
    });
    expect((o.subscription as { active: boolean }).active).toBe(true);
    const f = await json(await call(plex.plexTvUrl, "/api/v2/user", { token: friend.token }));
    expect(f).toMatchObject({ id: 2002, username: "frank", title: "Frank", twoFactorEnabled: true, home: false });
    const s = await json(await call(plex.plexTvUrl, "/api/v2/user", { token: stranger.token }));
    expect(s).toMatchObject({ id: 3003, username: "sam", title: "Sam" });
  });

  it("shows managed profiles with their restriction profile", async () => {
    const { kid, teen } = plex.fixtures;
    const k = await json(await call(plex.plexTvUrl, "/api/v2/user", { token: kid.token }));
    expect(k).toMatchObject({ id: 4004, uuid: kid.uuid, title: "Kit", restricted: true, restrictionProfile: "little_kid", protected: true, username: "" });
    const t = await json(await call(plex.plexTvUrl, "/api/v2/user", { token: teen.token }));
    expect(t).toMatchObject({ id: 5005, title: "Tess", restricted: true, restrictionProfile: "teen", protected: false });
  });

  it("answers 401/1001 for unknown or missing tokens", async () => {
    const res = await call(plex.plexTvUrl, "/api/v2/user", { token: "nope" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ errors: [{ code: 1001, message: "User could not be authenticated", status: 401 }] });
    const missing = await call(plex.plexTvUrl, "/api/v2/user");
    expect(missing.status).toBe(401);
  });

  it("pings and signs out", async () => {
    const { stranger } = plex.fixtures;
    const ping = await call(plex.plexTvUrl, "/api/v2/ping", { token: stranger.token });
    expect(ping.status).toBe(200);
    expect(await ping.json()).toEqual({ pong: true });
    const out = await call(plex.plexTvUrl, "/api/v2/users/signout", { method: "DELETE", token: stranger.token });
    expect(out.status).toBe(204);
    const after = await call(plex.plexTvUrl, "/api/v2/user", { token: stranger.token });
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe(1001);
    // signing in again hands out the token again
    const signin = await call(plex.plexTvUrl, "/api/v2/users/signin", { method: "POST", form: { login: "sam", password: "stranger-password" } });
    expect(signin.status).toBe(201);
    expect((await call(plex.plexTvUrl, "/api/v2/ping", { token: stranger.token })).status).toBe(200);
  });

  it("serves avatar images at the user's thumb URL", async () => {
    const user = await json(await call(plex.plexTvUrl, "/api/v2/user", { token: plex.fixtures.friend.token }));
    const res = await fetch(String(user.thumb));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const buf = Buffer.from(await res.arrayBuffer());
    expect(buf.subarray(1, 4).toString("latin1")).toBe("PNG");
  });
});
