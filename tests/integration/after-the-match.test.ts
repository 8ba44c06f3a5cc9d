/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LibraryItem } from "../fake-plex";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { allowedRatings } from "../helpers/restrictions";
import { createRoom, hostClient, joinAsGuest, profileClient, walkWholeDeck, type Client } from "./rooms-support";

/**
 * After the match (issue 16, items 1 and 2): "Play on…" one of the person's Plex players and the
 * person's own Plex watchlist, through the real app against the fake plex.tv, Plex server, players
 * and discover provider. Runs on SQLite or PostgreSQL (TEST_DATABASE).
 */
let env: PlexApp;
let olivia: Client;
const TV = "olivia-player-0001";

beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 200 } });
  olivia = await hostClient(env);
});
afterAll(async () => {
  await env?.stop();
});

const item = (ratingKey: string): LibraryItem => env.fake.library.item(ratingKey)!;
const guidOf = (ratingKey: string) => env.fake.library.details(item(ratingKey)).guid;
const discoverId = (ratingKey: string) => /^plex:\/\/movie\/(.+)$/.exec(guidOf(ratingKey))?.[1];

/**
 * A room of `host` and the `others` in which the films `pick` chooses (in deck order, `count` of
 * them) are matches: everyone swipes the deck in order, liking those and passing the rest.
 */
async function roomWithMatches(host: Client, others: Client[], pick: (card: any, chosen: any[]) => boolean, count: number): Promise<{ code: string; matches: string[] }> {
  const room = await createRoom(host);
  for (const other of others) {
    const joined = await other.call("POST", `/api/rooms/${room.code}/participants`, {});
    expect(joined.status, JSON.stringify(joined.body)).toBeLessThan(300);
  }
  const cards = await walkWholeDeck(host, room.code);
  const chosen: any[] = [];
  const upTo: any[] = [];
  for (const card of cards) {
    upTo.push(card);
    if (pick(card, chosen)) chosen.push(card);
    if (chosen.length === count) break;
  }
  expect(chosen.length, "films to match").toBe(count);
  for (const person of [host, ...others]) {
    for (const card of upTo) {
      const liked = chosen.includes(card);
      const res = await person.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: card.ratingKey, liked });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  }
  const matches = await host.call("GET", `/api/rooms/${room.code}/matches`);
  expect(matches.body.matches.map((m: any) => m.card.ratingKey).sort()).toEqual(chosen.map((c) => c.ratingKey).sort());
  return { code: room.code, matches: chosen.map((c) => c.ratingKey as string) };
}

const plexGuid = (card: any) => guidOf(card.ratingKey).startsWith("plex://");
const localGuid = (card: any) => guidOf(card.ratingKey).startsWith("local://");

describe("Play on a Plex player", () => {
  let code: string;
  let film: string;
  let guest: Client;

  beforeAll(async () => {
    const room = await createRoom(olivia);
    guest = await joinAsGuest(env, room.code, "Gus");
    const [first] = await walkWholeDeck(olivia, room.code);
    for (const person of [olivia, guest]) expect((await person.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: first.ratingKey, liked: true })).status).toBe(200);
    code = room.code;
    film = first.ratingKey;
  });

  it("lists the person's players that are online and provide `player` (not the offline TV, not Plex Web)", async () => {
    const res = await olivia.call("GET", `/api/rooms/${code}/players`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.players).toEqual([{ id: TV, name: "Olivia's Living Room TV", product: "Plex for Android (TV)" }]);
  });

  it("makes a play queue with the person's server token, then the player gets playMedia for that film on that server", async () => {
    const before = env.fake.playerCommands().length;
    const res = await olivia.call("POST", `/api/rooms/${code}/matches/${film}/play`, { playerId: TV });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.player).toEqual({ id: TV, name: "Olivia's Living Room TV" });
    const commands = env.fake.playerCommands().slice(before);
    expect(commands).toHaveLength(1);
    const [command] = commands;
    expect(command).toMatchObject({ player: TV, path: "/player/playback/playMedia", via: "direct", ratingKey: film, serverMatches: true, queueFound: true });
    expect(command!.params).toMatchObject({ providerIdentifier: "com.plexapp.plugins.library", offset: "0", type: "video", token: env.fake.fixtures.owner.serverToken });
    expect(command!.params.containerKey).toMatch(/^\/playQueues\/\d+\?window=100&own=1$/);
    expect(command!.controller.length).toBeGreaterThan(8);
    // commandID increases per command from one controller.
    await olivia.call("POST", `/api/rooms/${code}/matches/${film}/play`, { playerId: TV });
    const [a, b] = env.fake.playerCommands().slice(before);
    expect(b!.commandID).toBeGreaterThan(a!.commandID);
  });

  it("a player that does not answer: 502 within seconds, saying so, with the Open in Plex link; one dropping connections the same", async () => {
    for (const mode of ["silent", "refuse"] as const) {
      env.fake.setPlayerDown(TV, mode);
      const started = Date.now();
      const res = await olivia.call("POST", `/api/rooms/${code}/matches/${film}/play`, { playerId: TV });
      env.fake.setPlayerDown(TV, null);
      expect(res.status, JSON.stringify(res.body)).toBe(502);
      expect(res.body.error.message).toMatch(/^Olivia's Living Room TV did not answer.*Open the film in Plex instead\.$/);
      expect(res.body.error.fallback.web).toContain(`%2Flibrary%2Fmetadata%2F${film}`);
      expect(Date.now() - started).toBeLessThan(8_000);
    }
  });

  it("a player Reelmatch cannot reach at its own address gets the command through the Plex server", async () => {
    env.fake.setPlayerDown(TV, "server-only");
    try {
      const before = env.fake.playerCommands().length;
      const res = await olivia.call("POST", `/api/rooms/${code}/matches/${film}/play`, { playerId: TV });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(env.fake.playerCommands().slice(before)).toMatchObject([{ player: TV, via: "server", ratingKey: film, serverMatches: true, queueFound: true }]);
    } finally {
      env.fake.setPlayerDown(TV, null);
    }
  });

  it("refuses what it should: a player not online or unknown (404), a film that is not a match (404), a bad body (422), a guest (403), a stranger (404)", async () => {
    expect((await olivia.call("POST", `/api/rooms/${code}/matches/${film}/play`, { playerId: "olivia-player-offline-0001" })).status).toBe(404);
    expect((await olivia.call("POST", `/api/rooms/${code}/matches/${film}/play`, { playerId: "olivia-plexweb-0001" })).status).toBe(404);
    const notMatch = (await walkWholeDeck(olivia, code))[1].ratingKey;
    expect((await olivia.call("POST", `/api/rooms/${code}/matches/${notMatch}/play`, { playerId: TV })).status).toBe(404);
    expect((await olivia.call("POST", `/api/rooms/${code}/matches/${film}/play`, { player: TV })).status).toBe(422);
    const asGuest = await guest.call("POST", `/api/rooms/${code}/matches/${film}/play`, { playerId: TV });
    expect(asGuest.status).toBe(403);
    expect(asGuest.body.error.message).toMatch(/ask the host/);
    expect((await guest.call("GET", `/api/rooms/${code}/players`)).status).toBe(403);
    const frank = await hostClient(env, "frank");
    expect((await frank.call("GET", `/api/rooms/${code}/players`)).status).toBe(404);
    expect((await frank.call("POST", `/api/rooms/${code}/matches/${film}/play`, { playerId: "frank-player-0002" })).status).toBe(404);
  });

  it("guests see which players the host may use (names only), not the players themselves; strangers see nothing", async () => {
    const seen = await guest.call("GET", `/api/rooms/${code}/host-players`);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({ players: ["Olivia's Living Room TV"] });
    expect(JSON.stringify(seen.body)).not.toContain(TV);
    const frank = await hostClient(env, "frank");
    expect((await frank.call("GET", `/api/rooms/${code}/host-players`)).status).toBe(404);
  });
});

describe("the person's Plex watchlist", () => {
  it("shows each match's state, adds and removes one, says why a local:// film cannot be added, adds all the rest", async () => {
    const frank = await hostClient(env, "frank");
    let plexOnes = 0;
    const { code, matches } = await roomWithMatches(olivia, [frank], (card, chosen) => {
      if (plexGuid(card) && plexOnes < 2) {
        plexOnes++;
        return true;
      }
      return localGuid(card) && !chosen.some(localGuid);
    }, 3);
    const [local] = matches.filter((rk) => guidOf(rk).startsWith("local://"));
    const [one, two] = matches.filter((rk) => guidOf(rk).startsWith("plex://"));

    const state = await olivia.call("GET", `/api/rooms/${code}/watchlist`);
    expect(state.status, JSON.stringify(state.body)).toBe(200);
    expect(state.body.films).toEqual({ [one!]: "not_listed", [two!]: "not_listed", [local!]: "unavailable" });

    const added = await olivia.call("POST", `/api/rooms/${code}/matches/${one}/watchlist`);
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.films[one!]).toBe("listed");
    expect(env.fake.watchlist(env.fake.fixtures.owner.id)).toEqual([discoverId(one!)]);
    expect((await olivia.call("GET", `/api/rooms/${code}/watchlist`)).body.films[one!]).toBe("listed");
    // Frank's watchlist is his own.
    expect((await frank.call("GET", `/api/rooms/${code}/watchlist`)).body.films[one!]).toBe("not_listed");

    const cannot = await olivia.call("POST", `/api/rooms/${code}/matches/${local}/watchlist`);
    expect(cannot.status).toBe(409);
    expect(cannot.body.error.message).toContain(item(local!).title);
    expect(cannot.body.error.message).toMatch(/cannot go on a Plex watchlist/);

    const removed = await olivia.call("DELETE", `/api/rooms/${code}/matches/${one}/watchlist`);
    expect(removed.status).toBe(200);
    expect(removed.body.films[one!]).toBe("not_listed");
    expect(env.fake.watchlist(env.fake.fixtures.owner.id)).toEqual([]);

    const all = await frank.call("POST", `/api/rooms/${code}/watchlist`);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.films).toEqual({ [one!]: "listed", [two!]: "listed", [local!]: "unavailable" });
    expect(all.body.skipped).toEqual([{ ratingKey: local, title: item(local!).title, reason: expect.stringMatching(/no Plex match/) }]);
    expect(env.fake.watchlist(env.fake.fixtures.friend.id).sort()).toEqual([discoverId(one!), discoverId(two!)].sort());
    expect((await frank.call("DELETE", `/api/rooms/${code}/watchlist`)).body.films[two!]).toBe("not_listed");
    expect(env.fake.watchlist(env.fake.fixtures.friend.id)).toEqual([]);
  });

  it("guests have no watchlist (403); a film that is not a match is 404; plex.tv refusing is a message to act on", async () => {
    const room = await createRoom(olivia);
    const guest = await joinAsGuest(env, room.code, "Gil");
    expect((await guest.call("GET", `/api/rooms/${room.code}/watchlist`)).status).toBe(403);
    // The first film Plex identified (a local:// one would be refused before the watchlist is asked).
    const cards = await walkWholeDeck(olivia, room.code);
    const at = cards.findIndex((c: any) => discoverId(c.ratingKey));
    const card = cards[at];
    expect((await olivia.call("POST", `/api/rooms/${room.code}/matches/${card.ratingKey}/watchlist`)).status).toBe(404);
    expect((await guest.call("POST", `/api/rooms/${room.code}/matches/${card.ratingKey}/watchlist`)).status).toBe(403);
    await env.fake.setFault("discover", { status: 503 });
    try {
      for (const person of [olivia, guest]) {
        for (const before of cards.slice(0, at)) expect((await person.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: before.ratingKey, liked: false })).status).toBe(200);
        expect((await person.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: card.ratingKey, liked: true })).status).toBe(200);
      }
      const down = await olivia.call("POST", `/api/rooms/${room.code}/matches/${card.ratingKey}/watchlist`);
      expect(down.status).toBe(502);
      expect(down.body.error.message).toMatch(/^Plex's watchlist service is having trouble/);
    } finally {
      await env.fake.clearFaults();
    }
  });
});

describe("restricted profiles play and watchlist only what they may see", () => {
  it("Kit plays on her own player with her own server token and lists on her own watchlist; a match she may not see is 404 and reaches neither", async () => {
    const allowed = allowedRatings("little_kid");
    const kidSees = (card: any) => allowed.has(item(card.ratingKey).contentRating);
    const gus = await hostClient(env, "frank");
    const { code, matches } = await roomWithMatches(olivia, [gus], (card, chosen) => (chosen.length === 0 ? !kidSees(card) : kidSees(card) && plexGuid(card)), 2);
    const [hidden, visible] = matches;
    const kit = await profileClient(env, "Kit");
    expect((await kit.call("POST", `/api/rooms/${code}/participants`, {})).status).toBeLessThan(300);
    // Kit joined: the film she may not see left the room, its match with it. She likes the other.
    await expect.poll(async () => (await kit.call("GET", `/api/rooms/${code}/matches`)).body.matches?.map((m: any) => m.card.ratingKey)).not.toContain(hidden);

    const players = await kit.call("GET", `/api/rooms/${code}/players`);
    expect(players.body.players.map((p: any) => p.id)).toEqual(["kit-player-0004"]);
    const before = env.fake.playerCommands().length;
    expect((await kit.call("POST", `/api/rooms/${code}/matches/${hidden}/play`, { playerId: "kit-player-0004" })).status).toBe(404);
    expect((await kit.call("POST", `/api/rooms/${code}/matches/${hidden}/watchlist`)).status).toBe(404);
    expect(env.fake.playerCommands().length).toBe(before);
    expect(env.fake.watchlist(env.fake.fixtures.kid.id)).toEqual([]);

    // The visible film is still a match only if Kit likes it too (everyone likes it); ask Plex through her anyway.
    const kitDeck = await walkWholeDeck(kit, code);
    for (const card of kitDeck) {
      const res = await kit.call("POST", `/api/rooms/${code}/swipes`, { ratingKey: card.ratingKey, liked: card.ratingKey === visible });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      if (card.ratingKey === visible) break;
    }
    const played = await kit.call("POST", `/api/rooms/${code}/matches/${visible}/play`, { playerId: "kit-player-0004" });
    expect(played.status, JSON.stringify(played.body)).toBe(200);
    const command = env.fake.playerCommands().at(-1)!;
    expect(command).toMatchObject({ player: "kit-player-0004", ratingKey: visible, queueFound: true });
    expect(command.params.token).toBe(env.fake.fixtures.kid.serverToken);
    expect((await kit.call("POST", `/api/rooms/${code}/matches/${visible}/watchlist`)).status).toBe(200);
    expect(env.fake.watchlist(env.fake.fixtures.kid.id)).toEqual([discoverId(visible!)]);
    expect(env.fake.watchlist(env.fake.fixtures.owner.id)).not.toContain(discoverId(visible!));
  });
});
