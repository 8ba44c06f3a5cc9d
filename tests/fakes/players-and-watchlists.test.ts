import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePlex } from "../fake-plex";
import { call, CLIENT_ID, json, start } from "./helpers";

let plex: FakePlex;
beforeAll(async () => {
  plex = await start({ films: 120 });
});
afterAll(async () => {
  await plex?.close();
});

interface Device {
  name: string;
  clientIdentifier: string;
  provides: string;
  presence: boolean;
  connections: { uri: string }[];
}

const serverId = () => plex.fixtures.server.machineIdentifier;
const visibleFilm = () => plex.library.films[0]!;
/** A film Kit (little_kid) may not see. */
const hiddenFromKid = async () => {
  for (const film of plex.library.films) {
    const res = await call(plex.pmsUrl, `/library/metadata/${film.ratingKey}`, { token: plex.fixtures.kid.serverToken!, clientId: null });
    if (res.status === 404) return film;
  }
  throw new Error("no film hidden from Kit");
};

function createQueue(token: string, ratingKey: string, opts: { json?: boolean; mid?: string } = {}) {
  const uri = `server://${opts.mid ?? serverId()}/com.plexapp.plugins.library/library/metadata/${ratingKey}`;
  return call(plex.pmsUrl, `/playQueues?type=video&uri=${encodeURIComponent(uri)}&shuffle=0&repeat=0&continuous=0&includeChapters=1&includeRelated=1`, { method: "POST", token, json: opts.json, clientId: null });
}

function playMedia(target: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  const query = new URLSearchParams(params);
  return call(plex.playerUrl, `/player/playback/playMedia?${query.toString()}`, { json: false, headers: { "X-Plex-Target-Client-Identifier": target, ...headers } });
}

describe("fake plex.tv: players in /resources", () => {
  it("lists the owner's players with presence and connections to the fake player, and a controller-only Plex Web", async () => {
    const devices = await json<Device[]>(await call(plex.plexTvUrl, "/api/v2/resources?includeHttps=1", { token: plex.fixtures.owner.token }));
    const players = devices.filter((d) => d.provides.split(",").includes("player"));
    expect(players.map((d) => [d.name, d.presence])).toEqual([
      ["Olivia's Living Room TV", true],
      ["Olivia's Bedroom TV", false],
    ]);
    expect(players[0]!.provides).toBe("player,pubsub-player,controller");
    expect(players[0]!.connections[0]!.uri).toBe(plex.playerUrl);
    expect(devices.some((d) => d.provides === "client,controller")).toBe(true);
  });

  it("gives a managed profile its own player", async () => {
    const devices = await json<Device[]>(await call(plex.plexTvUrl, "/api/v2/resources", { token: plex.fixtures.kid.token }));
    expect(devices.filter((d) => d.provides.includes("player")).map((d) => d.clientIdentifier)).toEqual(["kit-player-0004"]);
  });
});

describe("fake PMS: play queues", () => {
  it("creates a queue (JSON with Accept, XML without) and reads it back with the same token", async () => {
    const film = visibleFilm();
    const res = await createQueue(plex.fixtures.owner.serverToken!, film.ratingKey);
    expect(res.status).toBe(200);
    const mc = (await json<{ MediaContainer: Record<string, unknown> & { Metadata: { ratingKey: string }[] } }>(res)).MediaContainer;
    expect(mc).toMatchObject({ playQueueSelectedItemOffset: 0, playQueueSelectedMetadataItemID: film.ratingKey, playQueueTotalCount: 1, playQueueVersion: 1 });
    expect(typeof mc.playQueueID).toBe("number");
    expect(mc.Metadata[0]!.ratingKey).toBe(film.ratingKey);
    const back = await call(plex.pmsUrl, `/playQueues/${String(mc.playQueueID)}`, { token: plex.fixtures.owner.serverToken!, clientId: null });
    expect(back.status).toBe(200);
    expect((await json<{ MediaContainer: { playQueueID: number } }>(back)).MediaContainer.playQueueID).toBe(mc.playQueueID);
    const other = await call(plex.pmsUrl, `/playQueues/${String(mc.playQueueID)}`, { token: plex.fixtures.friend.serverToken!, clientId: null });
    expect(other.status).toBe(404);
    const xml = await createQueue(plex.fixtures.owner.serverToken!, film.ratingKey, { json: false });
    expect(await xml.text()).toMatch(/^<\?xml[^>]*>\n<MediaContainer [^>]*playQueueID="\d+"/);
  });

  it("needs a token, a uri of this server, and refuses a film the token may not see like its metadata (404)", async () => {
    const film = visibleFilm();
    expect((await call(plex.pmsUrl, `/playQueues?type=video&uri=x`, { method: "POST", clientId: null })).status).toBe(401);
    expect((await createQueue(plex.fixtures.owner.serverToken!, film.ratingKey, { mid: "0".repeat(40) })).status).toBe(400);
    expect((await createQueue(plex.fixtures.owner.serverToken!, "99999999")).status).toBe(404);
    const hidden = await hiddenFromKid();
    expect((await createQueue(plex.fixtures.kid.serverToken!, hidden.ratingKey)).status).toBe(404);
    expect((await createQueue(plex.fixtures.owner.serverToken!, hidden.ratingKey)).status).toBe(200);
  });
});

describe("fake player: remote control", () => {
  const player = "olivia-player-0001";

  it("records a complete playMedia and answers <Response code=200>", async () => {
    const film = visibleFilm();
    const queue = (await json<{ MediaContainer: { playQueueID: number } }>(await createQueue(plex.fixtures.owner.serverToken!, film.ratingKey))).MediaContainer;
    const before = plex.playerCommands().length;
    const res = await playMedia(player, {
      providerIdentifier: "com.plexapp.plugins.library",
      machineIdentifier: serverId(),
      key: `/library/metadata/${film.ratingKey}`,
      containerKey: `/playQueues/${queue.playQueueID}?window=100&own=1`,
      offset: "0",
      type: "video",
      token: plex.fixtures.owner.serverToken!,
      commandID: "7",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Response code="200" status="OK"/>');
    const command = plex.playerCommands()[before]!;
    expect(command).toMatchObject({ player, controller: CLIENT_ID, commandID: 7, via: "direct", ratingKey: film.ratingKey, serverMatches: true, queueFound: true });
  });

  it("refuses a command without its parameters or for an unknown player (400), and records nothing", async () => {
    const before = plex.playerCommands().length;
    expect((await playMedia(player, { key: "/library/metadata/1" })).status).toBe(400);
    expect((await playMedia("nobody", { commandID: "1", machineIdentifier: serverId(), key: "/library/metadata/1", containerKey: "/playQueues/1", token: "t" })).status).toBe(400);
    expect(plex.playerCommands().length).toBe(before);
  });

  it("a player that is down does not answer: silent (times out) or refusing the connection", async () => {
    const params = { commandID: "1", machineIdentifier: serverId(), key: "/library/metadata/1", containerKey: "/playQueues/1", token: "t" };
    plex.setPlayerDown(player, "silent");
    await expect(fetch(`${plex.playerUrl}/player/playback/playMedia?${new URLSearchParams(params).toString()}`, { headers: { "X-Plex-Target-Client-Identifier": player, "X-Plex-Client-Identifier": CLIENT_ID }, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    plex.setPlayerDown(player, "refuse");
    await expect(playMedia(player, params)).rejects.toThrow();
    plex.setPlayerDown(player, null);
    expect((await playMedia(player, params)).status).toBe(200);
  });

  it("the Plex server forwards a command to the player (proxyThroughServer): with a server token, not to a player that is down", async () => {
    const params = new URLSearchParams({ commandID: "9", machineIdentifier: serverId(), key: "/library/metadata/1", containerKey: "/playQueues/1", token: "t" });
    const viaServer = (token?: string) =>
      call(plex.pmsUrl, `/player/playback/playMedia?${params.toString()}`, { token, json: false, headers: { "X-Plex-Target-Client-Identifier": player } });
    expect((await viaServer()).status).toBe(401);
    // Unreachable from here at its own address, reachable by the server (its LAN).
    plex.setPlayerDown(player, "server-only");
    try {
      await expect(playMedia(player, Object.fromEntries(params))).rejects.toThrow();
      const before = plex.playerCommands().length;
      const res = await viaServer(plex.fixtures.owner.serverToken!);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<Response code="200" status="OK"/>');
      expect(plex.playerCommands().slice(before)).toMatchObject([{ player, via: "server", commandID: 9 }]);
      plex.setPlayerDown(player, "silent");
      expect((await viaServer(plex.fixtures.owner.serverToken!)).status).toBe(404);
    } finally {
      plex.setPlayerDown(player, null);
    }
  });
});

describe("fake discover provider: watchlists", () => {
  const idOf = (guid: string) => /^plex:\/\/movie\/(.+)$/.exec(guid)?.[1];
  const plexFilms = () => plex.library.films.filter((f) => idOf(plex.library.details(f).guid));
  const put = (action: string, id: string, token?: string) => call(plex.discoverUrl, `/actions/${action}?ratingKey=${id}`, { method: "PUT", token });
  const list = (token: string, start: number, size: number) =>
    call(plex.discoverUrl, "/library/sections/watchlist/all?includeCollections=1&includeExternalMedia=1", { token, headers: { "X-Plex-Container-Start": String(start), "X-Plex-Container-Size": String(size) } });

  it("some films keep local:// guids; the rest have plex://movie/ ids", () => {
    const guids = plex.library.films.map((f) => plex.library.details(f).guid);
    expect(guids.some((g) => g.startsWith("local://"))).toBe(true);
    expect(guids.filter((g) => g.startsWith("plex://movie/")).length).toBeGreaterThan(guids.length / 2);
  });

  it("adds, pages, reports userState and removes, per account; Kit's list is her own", async () => {
    const [a, b, c] = plexFilms().map((f) => idOf(plex.library.details(f).guid)!);
    const token = plex.fixtures.friend.token;
    for (const id of [a!, b!, c!]) expect((await put("addToWatchlist", id, token)).status).toBe(200);
    expect((await put("addToWatchlist", a!, token)).status).toBe(200);
    const first = await list(token, 0, 2);
    expect(first.headers.get("x-plex-container-total-size")).toBe("3");
    const page = (await json<{ MediaContainer: { totalSize: number; size: number; Metadata: { ratingKey: string; guid: string }[] } }>(first)).MediaContainer;
    expect(page.totalSize).toBe(3);
    expect(page.Metadata.length).toBe(2);
    const second = (await json<{ MediaContainer: { Metadata: { ratingKey: string }[] } }>(await list(token, 2, 2))).MediaContainer;
    expect([...page.Metadata, ...second.Metadata].map((m) => m.ratingKey).sort()).toEqual([a, b, c].sort());
    const state = (await json<{ MediaContainer: { UserState: { watchlistedAt?: number }[] } }>(await call(plex.discoverUrl, `/library/metadata/${a}/userState`, { token }))).MediaContainer;
    expect(state.UserState[0]!.watchlistedAt).toBeGreaterThan(0);
    expect((await put("removeFromWatchlist", a!, token)).status).toBe(200);
    expect(plex.watchlist(plex.fixtures.friend.id).sort()).toEqual([b, c].sort());
    expect(plex.watchlist(plex.fixtures.kid.id)).toEqual([]);
    expect((await put("addToWatchlist", b!, plex.fixtures.kid.token)).status).toBe(200);
    expect(plex.watchlist(plex.fixtures.kid.id)).toEqual([b]);
  });

  it("refuses no token or a server token (401, plex.tv's envelope) and an unknown id (404)", async () => {
    const id = idOf(plex.library.details(plexFilms()[0]!).guid)!;
    expect((await put("addToWatchlist", id)).status).toBe(401);
    const server = await put("addToWatchlist", id, plex.fixtures.friend.serverToken!);
    expect(server.status).toBe(401);
    expect((await json<{ errors: { code: number }[] }>(server)).errors[0]!.code).toBe(1001);
    expect((await put("addToWatchlist", "deadbeef", plex.fixtures.friend.token)).status).toBe(404);
  });
});
