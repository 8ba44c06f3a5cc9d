import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePlex } from "../fake-plex";
import { call, container, json, start } from "./helpers";

let plex: FakePlex;
beforeAll(async () => {
  plex = await start();
});
afterAll(async () => {
  await plex.close();
});

const SAMPLE_401 = path.resolve(__dirname, "../../../shared/plex-reference/samples/pms-401.html");

describe("fake PMS: identity and auth", () => {
  it("answers /identity without a token, XML by default and JSON on request", async () => {
    const xml = await fetch(`${plex.pmsUrl}/identity`);
    expect(xml.status).toBe(200);
    expect(await xml.text()).toContain(`<MediaContainer size="0" claimed="1" machineIdentifier="${plex.fixtures.server.machineIdentifier}"`);
    const res = await fetch(`${plex.pmsUrl}/identity`, { headers: { Accept: "application/json" } });
    expect(await res.json()).toEqual({
      MediaContainer: { size: 0, claimed: true, machineIdentifier: plex.fixtures.server.machineIdentifier, version: plex.fixtures.server.version },
    });
  });

  it("answers 401 with the HTML body of a real PMS for missing or unknown tokens", async () => {
    const expected = readFileSync(SAMPLE_401, "utf8").trim();
    for (const token of [undefined, "nope", plex.fixtures.stranger.token, plex.fixtures.friend.token]) {
      const res = await call(plex.pmsUrl, "/library/sections", { token, clientId: null });
      expect(res.status, String(token)).toBe(401);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect((await res.text()).trim()).toBe(expected);
    }
  });

  it("accepts the token as a query parameter", async () => {
    const res = await fetch(`${plex.pmsUrl}/library/sections?X-Plex-Token=${plex.fixtures.owner.token}`, { headers: { Accept: "application/json" } });
    expect(res.status).toBe(200);
  });

  it("returns server info at /", async () => {
    const mc = await container(plex, "/", plex.fixtures.owner.token);
    expect(mc).toMatchObject({ friendlyName: "Reelmatch Demo Server", machineIdentifier: plex.fixtures.server.machineIdentifier, myPlexUsername: "olivia@example.com" });
  });

  it("stops accepting the owner's token after sign-out", async () => {
    const other = await start({ films: 5 });
    try {
      const { owner } = other.fixtures;
      expect((await call(other.pmsUrl, "/", { token: owner.token })).status).toBe(200);
      await call(other.plexTvUrl, "/api/v2/users/signout", { method: "DELETE", token: owner.token });
      expect((await call(other.pmsUrl, "/", { token: owner.token })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe("fake PMS: sections", () => {
  const titles = async (token: string) => (await container(plex, "/library/sections", token)).Directory?.map((d) => [d.key, d.title, d.type]);

  it("lists the sections each token may see", async () => {
    const { owner, friend, kid, teen } = plex.fixtures;
    expect(await titles(owner.token)).toEqual([
      ["1", "Films", "movie"],
      ["2", "Documentaries", "movie"],
      ["3", "TV Shows", "show"],
      ["4", "Home Videos", "movie"],
    ]);
    expect(await titles(friend.serverToken ?? "")).toEqual([["1", "Films", "movie"]]);
    expect(await titles(kid.serverToken ?? "")).toEqual([
      ["1", "Films", "movie"],
      ["2", "Documentaries", "movie"],
    ]);
    expect(await titles(teen.serverToken ?? "")).toEqual([
      ["1", "Films", "movie"],
      ["2", "Documentaries", "movie"],
    ]);
  });

  it("has an 'Other videos' section of home videos: type movie, agent com.plexapp.agents.none", async () => {
    // PLEX_API.md 7.3: `agent` ... `com.plexapp.agents.none` = personal media (Overseerr skips these).
    const home = (await container(plex, "/library/sections", plex.fixtures.owner.token)).Directory?.find((d) => d.key === "4");
    expect(home).toMatchObject({ type: "movie", title: "Home Videos", agent: "com.plexapp.agents.none", scanner: "Plex Video Files Scanner" });
    const videos = await container(plex, "/library/sections/4/all", plex.fixtures.owner.token);
    expect(videos.totalSize).toBe(plex.library.homeVideos.length);
    expect(videos.Metadata?.every((m) => m.type === "movie" && m.contentRating === undefined)).toBe(true);
    expect((await container(plex, "/library/sections/4/contentRating", plex.fixtures.owner.token)).Directory ?? []).toEqual([]);
  });

  it("has Documentaries about 10% the size of Films and a few shows", async () => {
    expect(plex.library.films.length).toBe(200);
    expect(plex.library.documentaries.length).toBe(20);
    const shows = await container(plex, "/library/sections/3/all", plex.fixtures.owner.token);
    expect(shows.totalSize).toBeGreaterThanOrEqual(3);
    expect(shows.Metadata?.every((m) => m.type === "show")).toBe(true);
  });

  it("renders sections as XML with string keys by default", async () => {
    const res = await call(plex.pmsUrl, "/library/sections", { token: plex.fixtures.owner.token, json: false, clientId: null });
    const xml = await res.text();
    expect(xml).toContain('<MediaContainer size="4" allowSync="0" title1="Plex Library">');
    expect(xml).toMatch(/<Directory [^>]*key="1" type="movie" title="Films"/);
    expect(xml).toContain('<Location id="1" path="/data/films"/>');
  });

  it("answers 404 for unknown sections and sections the token may not see", async () => {
    expect((await call(plex.pmsUrl, "/library/sections/9/all", { token: plex.fixtures.owner.token })).status).toBe(404);
    expect((await call(plex.pmsUrl, "/library/sections/2/all", { token: plex.fixtures.friend.serverToken ?? "" })).status).toBe(404);
    expect((await call(plex.pmsUrl, "/library/sections/2/genre", { token: plex.fixtures.friend.serverToken ?? "" })).status).toBe(404);
  });

  it("renders items as <Video> in XML, with string ratingKeys in JSON and viewCount only when watched", async () => {
    const res = await call(plex.pmsUrl, "/library/sections/1/all?X-Plex-Container-Size=3", { token: plex.fixtures.owner.token, json: false });
    const xml = await res.text();
    expect(xml.match(/<Video /g)?.length).toBe(3);
    expect(xml).toMatch(/<Genre tag="[^"]+"\/>/);
    const mc = await container(plex, "/library/sections/1/all", plex.fixtures.owner.token);
    for (const m of mc.Metadata ?? []) {
      expect(typeof m.ratingKey).toBe("string");
      expect(m.key).toBe(`/library/metadata/${m.ratingKey}`);
      if ("viewCount" in m) expect(m.viewCount).toBeGreaterThan(0);
    }
    const watched = (mc.Metadata ?? []).filter((m) => "viewCount" in m).length;
    expect(watched / (mc.Metadata?.length ?? 1)).toBeGreaterThan(0.2);
    expect(watched / (mc.Metadata?.length ?? 1)).toBeLessThan(0.4);
  });

  it("returns full metadata for one or several ratingKeys", async () => {
    const [a, b] = plex.library.films;
    const mc = await container(plex, `/library/metadata/${a?.ratingKey},${b?.ratingKey}`, plex.fixtures.owner.token);
    expect(mc.size).toBe(2);
    const m = mc.Metadata?.[0];
    expect(m).toMatchObject({
      ratingKey: a?.ratingKey,
      title: a?.title,
      year: a?.year,
      contentRating: a?.contentRating,
      duration: a?.duration,
      rating: a?.rating,
      audienceRating: a?.audienceRating,
      originallyAvailableAt: a?.originallyAvailableAt,
      addedAt: a?.addedAt,
      librarySectionID: 1,
      librarySectionTitle: "Films",
      thumb: `/library/metadata/${a?.ratingKey}/thumb/${a?.addedAt}`,
    });
    expect(typeof m?.summary).toBe("string");
    expect((m?.Director as unknown[]).length).toBeGreaterThanOrEqual(1);
    expect((m?.Role as unknown[]).length).toBeGreaterThanOrEqual(4);
    expect((m?.Role as unknown[]).length).toBeLessThanOrEqual(8);
    expect(m?.Genre?.[0]).toEqual({ id: a?.genres[0]?.id, filter: `genre=${a?.genres[0]?.id}`, tag: a?.genres[0]?.tag });
    expect((m?.Media as { videoResolution: string }[])[0]?.videoResolution).toBe(a?.resolution);
    expect((await call(plex.pmsUrl, "/library/metadata/1", { token: plex.fixtures.owner.token })).status).toBe(404);
  });

  it("lists genres and content ratings with key, title and fastKey", async () => {
    const genres = await container(plex, "/library/sections/1/genre", plex.fixtures.owner.token);
    const expected = new Set(plex.library.films.flatMap((f) => f.genres.map((g) => String(g.id))));
    expect(new Set(genres.Directory?.map((d) => d.key))).toEqual(expected);
    const action = genres.Directory?.find((d) => d.title === "Action");
    expect(action).toEqual({ fastKey: "/library/sections/1/all?genre=89", key: "89", title: "Action", type: "genre" });
    const ratings = await container(plex, "/library/sections/1/contentRating", plex.fixtures.owner.token);
    expect(new Set(ratings.Directory?.map((d) => d.key))).toEqual(new Set(plex.library.films.map((f) => f.contentRating)));
    const gb = ratings.Directory?.find((d) => d.key === "gb/12A");
    expect(gb).toEqual({ fastKey: "/library/sections/1/all?contentRating=gb%2F12A", key: "gb/12A", title: "12A" });
  });

  it("needs GET: other methods are refused", async () => {
    const res = await fetch(`${plex.pmsUrl}/library/sections/1/refresh?X-Plex-Token=${plex.fixtures.friend.serverToken}`, { method: "PUT" });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await json(await call(plex.pmsUrl, "/identity", {}))).toHaveProperty("MediaContainer");
  });
});
