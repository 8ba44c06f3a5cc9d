import { describe, expect, it } from "vitest";
import { playQueueQuery } from "@/lib/plex/play-queue";
import { listPlayers } from "@/lib/plex/players";
import { playMediaQuery } from "@/lib/plex/remote-control";
import { readableResources } from "@/lib/plex/schemas";
import { discoverIdOf } from "@/lib/plex/watchlist";

const device = (over: Record<string, unknown>) => ({
  name: "TV",
  product: "Plex for Android (TV)",
  provides: "player,pubsub-player,controller",
  clientIdentifier: "tv-1",
  presence: true,
  connections: [
    { protocol: "http", address: "203.0.113.5", port: 32500, uri: "http://203.0.113.5:32500", local: false, relay: false },
    { protocol: "http", address: "192.168.1.30", port: 32500, uri: "http://192.168.1.30:32500", local: true, relay: false },
  ],
  ...over,
});

describe("players of an account (PLEX_API.md 7.10)", () => {
  it("keeps devices that provide player and are online, their local address first", () => {
    const resources = readableResources([
      device({}),
      device({ clientIdentifier: "off", presence: false }),
      device({ clientIdentifier: "unknown-presence", presence: null }),
      device({ clientIdentifier: "web", provides: "client,controller" }),
      device({ clientIdentifier: "server", provides: "server" }),
      device({ clientIdentifier: "nowhere", connections: [] }),
    ]);
    const players = listPlayers(resources);
    expect(players.map((p) => p.id)).toEqual(["tv-1"]);
    expect(players[0]!.connections.map((c) => c.uri)).toEqual(["http://192.168.1.30:32500", "http://203.0.113.5:32500"]);
  });
});

describe("the play queue and playMedia queries", () => {
  it("a queue of one film on this server, as python-plexapi creates it", () => {
    expect(playQueueQuery({ machineIdentifier: "abc", ratingKey: "42" })).toEqual({
      type: "video",
      uri: "server://abc/com.plexapp.plugins.library/library/metadata/42",
      shuffle: 0,
      repeat: 0,
      continuous: 0,
      includeChapters: 1,
      includeRelated: 1,
    });
  });

  it("playMedia names the server by machine identifier and address, the film, the queue and the token", () => {
    const q = playMediaQuery({ server: { machineIdentifier: "abc", uri: "https://plex.example.com", token: "tok" }, ratingKey: "42", playQueueId: "3100", commandId: 5 });
    expect(q).toMatchObject({ machineIdentifier: "abc", protocol: "https", address: "plex.example.com", port: 443, key: "/library/metadata/42", containerKey: "/playQueues/3100?window=100&own=1", token: "tok", commandID: 5, offset: 0, type: "video" });
    expect(playMediaQuery({ server: { machineIdentifier: "abc", uri: "http://[fd00::2]:32400", token: "t" }, ratingKey: "1", playQueueId: "1", commandId: 1 })).toMatchObject({ protocol: "http", address: "fd00::2", port: "32400" });
  });
});

describe("discover ids (PLEX_API.md 7.11)", () => {
  it("is the last segment of plex://movie/ guids; local:// and others have none", () => {
    expect(discoverIdOf("plex://movie/5d776825880197001ec967c4")).toBe("5d776825880197001ec967c4");
    expect(discoverIdOf("local://1234")).toBeNull();
    expect(discoverIdOf("com.plexapp.agents.imdb://tt0111161?lang=en")).toBeNull();
    expect(discoverIdOf("plex://show/5d9c086fe98e47001eb0c8a2")).toBeNull();
    expect(discoverIdOf(undefined)).toBeNull();
  });
});
