import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePlex } from "../fake-plex";
import { start } from "./helpers";

let plex: FakePlex;
beforeAll(async () => {
  plex = await start({ films: 5 });
});
afterAll(async () => {
  await plex.close();
});

const get = (path: string, token?: string) =>
  fetch(`${plex.plexTvUrl}${path}${token ? `${path.includes("?") ? "&" : "?"}X-Plex-Token=${token}` : ""}`);

describe("fake plex.tv: legacy v1 XML", () => {
  it("/api/users lists the friend and managed users with the server (Overseerr's access check)", async () => {
    const res = await get("/api/users", plex.fixtures.owner.token);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain('<MediaContainer friendlyName="myPlex" identifier="com.plexapp.plugins.myplex"');
    expect(xml).toMatch(/<User id="2002" title="Frank" username="frank" email="frank@example.com"[^>]*restricted="0"><Server [^>]*machineIdentifier="5e2f8a1c9d4b7e3f6a0c8b2d4e6f1a3c5b7d9e0f"/);
    expect(xml).toMatch(/<User id="4004" title="Kit" [^>]*home="1"[^>]*restricted="1"/);
    expect(xml).not.toContain('id="3003"');
    expect((await get("/api/users")).status).toBe(401);
    expect(await (await get("/api/users", plex.fixtures.stranger.token)).text()).toContain('size="0"');
  });

  it("/api/home/users omits restrictionProfile when there is no preset", async () => {
    const xml = await (await get("/api/home/users", plex.fixtures.owner.token)).text();
    expect(xml).toMatch(/<User id="1001" uuid="8f3a2b1c4d5e6f70" admin="1" guest="0" restricted="0" hasPassword="1"/);
    expect(xml).toMatch(/<User id="4004" [^>]*restrictionProfile="little_kid"[^>]*protected="1"/);
  });

  it("/api/servers/{mid}/shared_servers gives per-user server tokens and shared sections", async () => {
    const mid = plex.fixtures.server.machineIdentifier;
    const xml = await (await get(`/api/servers/${mid}/shared_servers`, plex.fixtures.owner.token)).text();
    expect(xml).toMatch(/<SharedServer [^>]*userID="2002" accessToken="friend-server-token-0002"/);
    expect(xml).toMatch(/<SharedServer [^>]*userID="4004" accessToken="kid-server-token-0004"[^>]*filterMovies="contentRating=G%2CTV-G/);
    expect(xml).toContain('<Section id="118181362" key="2" title="Documentaries" type="movie" shared="0"/>');
    expect((await get(`/api/servers/${mid}/shared_servers`, plex.fixtures.friend.token)).status).toBe(401);
    expect((await get(`/api/servers/abc/shared_servers`, plex.fixtures.owner.token)).status).toBe(404);
  });

  it("/users/account.json returns the account", async () => {
    const body = (await (await get("/users/account.json", plex.fixtures.friend.token)).json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({ id: 2002, username: "frank", authToken: "friend-plex-token-0002" });
  });
});
