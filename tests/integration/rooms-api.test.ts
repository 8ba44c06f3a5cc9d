/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import jpeg from "jpeg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentRatingAge } from "@/lib/rooms/content-ratings";
import { statSync } from "node:fs";
import { sqliteFilePath } from "@/lib/db/url";
import { integrationDatabaseKind } from "../helpers/database";
import { querySql } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { Client, createRoom, deck, hostClient, joinAsGuest, openEvents } from "./rooms-support";

let env: PlexApp;
let host: Client;
const films = () => env.fake.library.films.filter((f) => f.sectionKey === "1");

beforeAll(async () => {
  // TRUST_PROXY=1: the test plays a proxy, so X-Forwarded-For stands for different clients.
  env = await startAppWithPlex({ fake: { films: 400 }, env: { TRUST_PROXY: "1" } });
  host = await hostClient(env);
});
afterAll(async () => {
  await env?.stop();
});

describe("creating a room and dealing the deck", () => {
  it("deals the same order to everyone, stable across reloads, covering the library", async () => {
    const room = await createRoom(host);
    expect(room.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(room.deckSize).toBe(films().length);
    const first = await deck(host, room.code, 0, 24);
    expect(first).toHaveLength(24);
    const guest = await joinAsGuest(env, room.code, "Gus");
    const again = await deck(guest, room.code, 0, 24);
    expect(again.map((c) => c.ratingKey)).toEqual(first.map((c) => c.ratingKey));
    expect(new Set(first.map((c) => c.ratingKey)).size).toBe(24);
    // shuffled: not the library's own order
    const libraryOrder = films().slice(0, 24).map((f) => f.ratingKey);
    expect(first.map((c) => c.ratingKey)).not.toEqual(libraryOrder);
    const card = first[0];
    expect(card).toMatchObject({ title: expect.any(String), year: expect.any(Number), genres: expect.any(Array) });
    expect(card.thumb).toBeUndefined();
    expect(card.poster).toMatch(/^\/api\/posters\/\d+\?room=/);
    expect(JSON.stringify(first)).not.toContain(env.fake.pmsUrl);
  });

  it("pushes each filter down to Plex", async () => {
    const all = films();
    const check = async (input: Record<string, unknown>, expected: (f: (typeof all)[number]) => boolean, perCard?: (c: any) => boolean) => {
      const room = await createRoom(host, input);
      expect(room.deckSize, JSON.stringify(input)).toBe(all.filter(expected).length);
      const cards = await deck(host, room.code, 0, 24);
      if (perCard) for (const c of cards) expect(perCard(c), `${JSON.stringify(input)} ${JSON.stringify(c)}`).toBe(true);
      return cards;
    };
    const action = all[0]!.genres[0]!;
    await check({ genresInclude: [String(action.id)] }, (f) => f.genres.some((g) => g.id === action.id), (c) => c.genres.includes(action.tag));
    await check({ genresExclude: [String(action.id)] }, (f) => !f.genres.some((g) => g.id === action.id), (c) => !c.genres.includes(action.tag));
    await check({ yearFrom: 1990, yearTo: 2005 }, (f) => f.year >= 1990 && f.year <= 2005, (c) => c.year >= 1990 && c.year <= 2005);
    await check({ maxAge: 12 }, (f) => (contentRatingAge(f.contentRating) ?? 99) <= 12, (c) => (contentRatingAge(c.contentRating) ?? 99) <= 12);
    await check({ maxMinutes: 100 }, (f) => f.duration <= 100 * 60_000, (c) => c.minutes <= 100);
    await check({ minRating: 7 }, (f) => f.rating >= 7, (c) => c.rating >= 7);
    const owner = env.fake.fixtures.owner;
    await check({ unwatchedOnly: true }, (f) => env.fake.library.watchState(f, owner.id, owner.watchedShare).viewCount === 0);
    const top = await check({ order: "topRated" }, () => true);
    const ratings = top.map((c) => c.rating as number);
    expect([...ratings].sort((a, b) => b - a)).toEqual(ratings);
    expect(ratings[0]).toBe(Math.max(...all.map((f) => f.rating)));
    const recent = await check({ order: "recentlyAdded" }, () => true);
    expect(recent[0].ratingKey).toBe([...all].sort((a, b) => b.addedAt - a.addedAt)[0]!.ratingKey);
  });

  it("refuses filters nothing matches, and bad input, with 4xx", async () => {
    expect((await host.call("POST", "/api/rooms", { sectionIds: ["1"], yearFrom: 2099, yearTo: 2100 })).status).toBe(422);
    expect((await host.call("POST", "/api/rooms", { sectionIds: ["3"] })).status).toBe(422); // TV shows
    expect((await host.call("POST", "/api/rooms", { sectionIds: ["1"], order: "sideways" })).status).toBe(422);
    expect((await host.call("POST", "/api/rooms", "{not json")).status).toBe(422);
    expect((await host.call("POST", "/api/rooms", { sectionIds: ["1"], pad: "x".repeat(40_000) })).status).toBe(413);
    expect((await new Client(env.app.url).call("POST", "/api/rooms", { sectionIds: ["1"] })).status).toBe(401);
  });
});

describe("only film libraries are film libraries", () => {
  it("offers and accepts the film libraries, never home videos or TV shows", async () => {
    // The fake server has a "Home Videos" section: type "movie" but agent com.plexapp.agents.none
    // (PLEX_API.md 7.3: personal media), next to Films, Documentaries and TV Shows.
    const home = env.fake.library.section("4")!;
    expect(home).toMatchObject({ type: "movie", agent: "com.plexapp.agents.none" });
    expect(home.items.length).toBeGreaterThan(0);
    const options = await host.call("GET", "/api/rooms/options");
    expect(options.status).toBe(200);
    expect(options.body.sections).toEqual([
      { id: "1", title: "Films" },
      { id: "2", title: "Documentaries" },
    ]);
    for (const sectionIds of [["4"], ["1", "4"], ["3"]]) {
      const res = await host.call("POST", "/api/rooms", { sectionIds });
      expect(res.status, JSON.stringify(sectionIds)).toBe(422);
      expect(res.body.error.message).toMatch(/^Library \d is not a film library on this server\. Choose one of the film libraries/);
    }
  });
});

describe("joining", () => {
  it("a guest joins with a name; refresh or a new tab (same cookie) is the same person", async () => {
    const room = await createRoom(host);
    const guest = await joinAsGuest(env, room.code, "Gus");
    const state = await guest.call("GET", `/api/rooms/${room.code}`);
    expect(state.body).toMatchObject({ joined: true, isHost: false, me: { name: "Gus" } });
    const again = await guest.call("POST", `/api/rooms/${room.code}/participants`, { name: "Gus again" });
    expect(again.status).toBe(200);
    expect(again.body.participantId).toBe(state.body.me.participantId);
    const hostState = await host.call("GET", `/api/rooms/${room.code}`);
    expect(hostState.body.participants.map((p: any) => p.name)).toEqual(expect.arrayContaining(["Gus"]));
    expect(hostState.body.isHost).toBe(true);
    // a stranger without the cookie is not in the room: the room's films are as missing as a room that does not exist
    expect((await new Client(env.app.url).call("GET", `/api/rooms/${room.code}/deck`)).status).toBe(404);
    // a forged cookie does not make one a participant
    const forged = new Client(env.app.url, `rm_room_${room.code}=${state.body.me.participantId}.forged`);
    expect((await forged.call("GET", `/api/rooms/${room.code}/deck`)).status).toBe(404);
  });

  it("a guest who leaves and joins again is the same person, with their swipes, and everyone sees them back", async () => {
    const room = await createRoom(host);
    const guest = await joinAsGuest(env, room.code, "Gus");
    const first = (await deck(guest, room.code, 0, 1))[0];
    expect((await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: first.ratingKey, liked: true })).status).toBe(200);
    const before = (await guest.call("GET", `/api/rooms/${room.code}`)).body.me.participantId;
    expect((await guest.call("DELETE", `/api/rooms/${room.code}/participants`)).status).toBe(200);
    expect((await host.call("GET", `/api/rooms/${room.code}`)).body.participants.map((p: any) => p.name)).not.toContain("Gus");
    const back = await guest.call("POST", `/api/rooms/${room.code}/participants`, { name: "Gus" });
    expect(back.body).toMatchObject({ participantId: before, created: false });
    const hostView = (await host.call("GET", `/api/rooms/${room.code}`)).body;
    expect(hostView.participants.find((p: any) => p.name === "Gus")).toMatchObject({ id: before, swiped: 1 });
    // leaving a room one is not in is the same 404 as any other room route
    expect((await new Client(env.app.url).call("DELETE", `/api/rooms/${room.code}/participants`)).status).toBe(404);
  });

  it("guests switched off: a guest cannot join, a Plex member can", async () => {
    const room = await createRoom(host, { guestsAllowed: false });
    const res = await new Client(env.app.url).call("POST", `/api/rooms/${room.code}/participants`, { name: "Gus" });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/guests off/);
    const frank = await hostClient(env, "frank");
    expect((await frank.call("POST", `/api/rooms/${room.code}/participants`, {})).status).toBe(201);
  });

  it("answers unknown and malformed codes with 404, and rate-limits an address that guesses", async () => {
    const stranger = new Client(env.app.url);
    const headers = { "x-forwarded-for": "203.0.113.9" };
    expect((await stranger.raw("/api/rooms/ZZZZZZZZ", { headers })).status).toBe(404);
    expect((await stranger.raw("/api/rooms/%3Cscript%3E", { headers })).status).toBe(404);
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await stranger.raw(`/api/rooms/ZZZZZZZ${"ABCDEFGHJKMNPQRSTUVWXYZ"[i]}`, { headers })).status;
    expect(last).toBe(429);
    // another address is not affected
    expect((await stranger.raw("/api/rooms/ZZZZZZZZ", { headers: { "x-forwarded-for": "203.0.113.10" } })).status).toBe(404);
  });
});

describe("swiping and matching", () => {
  it("records swipes idempotently, only for films in the deck; bad bodies are 4xx", async () => {
    const room = await createRoom(host, { yearFrom: 2000, yearTo: 2005 });
    const cards = await deck(host, room.code);
    const rk = cards[0].ratingKey;
    const a = await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: rk, liked: true });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ duplicate: false, next: cards[0].position + 1 });
    const b = await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: rk, liked: true });
    expect(b.body.duplicate).toBe(true);
    const outside = films().find((f) => f.year < 2000)!;
    // a film outside the deck is not the next card (the same answer as a film not dealt yet)
    expect((await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: outside.ratingKey, liked: true })).status).toBe(409);
    expect((await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: "99999999", liked: true })).status).toBe(409);
    expect((await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: rk })).status).toBe(422);
    expect((await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: "../etc", liked: true })).status).toBe(422);
    expect((await host.call("POST", `/api/rooms/${room.code}/swipes`, "][")).status).toBe(422);
    expect((await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: rk, liked: true, x: "y".repeat(5000) })).status).toBe(413);
    expect((await host.call("GET", `/api/rooms/${room.code}/deck?from=-1`)).status).toBe(422);
    expect((await host.call("POST", `/api/rooms/ZZZZZZZZ/swipes`, { ratingKey: rk, liked: true })).status).toBe(404);
    const matches = await host.call("GET", `/api/rooms/${room.code}/matches`);
    expect(matches.body.nearMisses[0]).toMatchObject({ likes: 1, card: { ratingKey: rk } });
  });

  it("everyone: a match when all like it, sent to every stream with Open in Plex links; undo withdraws it", async () => {
    const room = await createRoom(host);
    const guest = await joinAsGuest(env, room.code, "Gus");
    const hostEvents = openEvents(host, room.code);
    const guestEvents = openEvents(guest, room.code);
    expect(await hostEvents.status()).toBe(200);
    const [c0, c1] = await deck(guest, room.code);
    await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: true });
    await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: false });
    await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c1.ratingKey, liked: true });
    const res = await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c1.ratingKey, liked: true });
    expect(res.body.match).toMatchObject({ ratingKey: c1.ratingKey });
    for (const stream of [hostEvents, guestEvents]) {
      const e = await stream.waitFor((x) => x.event === "match");
      expect(e.data.card.ratingKey).toBe(c1.ratingKey);
      expect(e.id).toBeGreaterThan(0);
    }
    expect(hostEvents.events.filter((e) => e.event === "match")).toHaveLength(1);
    const list = await guest.call("GET", `/api/rooms/${room.code}/matches`);
    const machine = env.fake.fixtures.server.machineIdentifier;
    expect(list.body.matches).toHaveLength(1);
    expect(list.body.matches[0].plex).toEqual({
      web: `https://app.plex.tv/desktop/#!/server/${machine}/details?key=%2Flibrary%2Fmetadata%2F${c1.ratingKey}`,
      app: `plex://preplay/?metadataKey=%2Flibrary%2Fmetadata%2F${c1.ratingKey}&server=${machine}`,
    });
    expect(list.body.nearMisses.map((m: any) => [m.card.ratingKey, m.likes, m.needed])).toEqual([[c0.ratingKey, 1, 2]]);
    const undo = await guest.call("DELETE", `/api/rooms/${room.code}/swipes/last`);
    expect(undo.body).toMatchObject({ ratingKey: c1.ratingKey, next: c0.position + 1 });
    await hostEvents.waitFor((x) => x.event === "match_removed");
    expect((await guest.call("GET", `/api/rooms/${room.code}/matches`)).body.matches).toHaveLength(0);
    expect((await guest.call("DELETE", `/api/rooms/${room.code}/swipes/last`)).status).toBe(200);
    expect((await guest.call("DELETE", `/api/rooms/${room.code}/swipes/last`)).status).toBe(409);
    await hostEvents.close();
    await guestEvents.close();
  });

  it("a swipe changed the other way is not a duplicate and takes a match back; swipes, matches and events are stored as Prisma stores them", async () => {
    const room = await createRoom(host);
    const guest = await joinAsGuest(env, room.code, "Tia");
    const [c0] = await deck(guest, room.code);
    const before = Date.now();
    expect((await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: false })).body.duplicate).toBe(false);
    expect((await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: true })).body.duplicate).toBe(false);
    expect((await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: true })).body.match).toMatchObject({ ratingKey: c0.ratingKey });
    // The hot path writes with prepared statements: rows must read back like Prisma's own
    // (booleans, UTC times in Prisma's format), and the room state and matches read them through Prisma.
    const db = env.app.database;
    const roomId = String((await querySql(db, `SELECT "id" FROM "Room" WHERE "code" = '${room.code}'`))[0]!.id);
    const swipes = await querySql(db, `SELECT "liked", "createdAt" FROM "Swipe" WHERE "roomId" = '${roomId}'`);
    const [match] = await querySql(db, `SELECT "createdAt" FROM "Match" WHERE "roomId" = '${roomId}'`);
    const [event] = await querySql(db, `SELECT "createdAt" FROM "RoomEvent" WHERE "roomId" = '${roomId}' AND "type" = 'match'`);
    const [joined] = await querySql(db, `SELECT "joinedAt" FROM "Participant" WHERE "roomId" = '${roomId}' AND "guestName" = 'Tia'`);
    expect(swipes.map((r) => r.liked === true || r.liked === 1)).toEqual([true, true]);
    const times = [...swipes.map((r) => r.createdAt), match!.createdAt, event!.createdAt];
    for (const t of times) {
      if (db.kind === "sqlite") expect(String(t)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      expect(typeof t).toBe(typeof joined!.joinedAt);
      expect(Math.abs(new Date(t as string).getTime() - before)).toBeLessThan(30_000);
    }
    const list = await guest.call("GET", `/api/rooms/${room.code}/matches`);
    expect(list.body.matches.map((m: any) => m.card.ratingKey)).toEqual([c0.ratingKey]);
    expect((await guest.call("GET", `/api/rooms/${room.code}`)).status).toBe(200);
    // Swiping the matched film again as a nope takes the like back, as an undo would: the match goes.
    const events = openEvents(host, room.code);
    expect(await events.status()).toBe(200);
    expect((await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: false })).body.duplicate).toBe(false);
    expect((await events.waitFor((x) => x.event === "match_removed")).data).toEqual({ ratingKey: c0.ratingKey });
    expect((await guest.call("GET", `/api/rooms/${room.code}/matches`)).body.matches).toEqual([]);
    await events.close();
  });

  it.skipIf(integrationDatabaseKind() !== "sqlite")("SQLite: writes reach the database file within seconds, checkpointed off the request thread", async () => {
    // The app's connection never checkpoints (lib/db/sqlite-checkpointer): only the worker thread
    // writes the database file itself; without it a few swipes would stay in the WAL file alone.
    const file = sqliteFilePath(env.app.database.url);
    const room = await createRoom(host);
    const cards = await deck(host, room.code);
    const wrote = Date.now();
    for (const c of cards) await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c.ratingKey, liked: true });
    const deadline = Date.now() + 5000;
    while (statSync(file).mtimeMs < wrote && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).mtimeMs).toBeGreaterThanOrEqual(wrote);
    expect(env.app.output()).not.toMatch(/SQLite: /);
  });

  it("at least N: two likes match in a room of three", async () => {
    const room = await createRoom(host, { matchRule: "atLeast", matchThreshold: 2 });
    const a = await joinAsGuest(env, room.code, "A");
    await joinAsGuest(env, room.code, "B");
    const [c0] = await deck(a, room.code);
    expect((await a.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: true })).body.match).toBeNull();
    expect((await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: true })).body.match).not.toBeNull();
  });

  it("a closed room refuses swipes and joins with 410; only the host closes it", async () => {
    const room = await createRoom(host);
    const guest = await joinAsGuest(env, room.code, "Gus");
    const [c0] = await deck(guest, room.code);
    expect((await guest.call("DELETE", `/api/rooms/${room.code}`)).status).toBe(403);
    expect((await host.call("DELETE", `/api/rooms/${room.code}`)).status).toBe(200);
    expect((await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: true })).status).toBe(410);
    expect((await new Client(env.app.url).call("POST", `/api/rooms/${room.code}/participants`, { name: "Late" })).status).toBe(410);
  });

  it("a slow or dead Plex server while swiping: dealt cards still swipe, new cards get a clear 502", async () => {
    const room = await createRoom(host);
    const guest = await joinAsGuest(env, room.code, "Gus");
    const [c0] = await deck(guest, room.code, 0, 12);
    await env.fake.setFault("pms", { status: 503 });
    try {
      expect((await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: true })).status).toBe(200);
      const far = await guest.call("GET", `/api/rooms/${room.code}/deck?from=120&count=12`);
      expect(far.status).toBe(502);
      expect(far.body.error.message).toMatch(/Plex server/);
      await env.fake.setFault("pms", { latencyMs: 5000 });
      const slow = await guest.call("GET", `/api/rooms/${room.code}/deck?from=240&count=12`);
      expect(slow.status).toBe(502);
      expect(slow.body.error.message).toMatch(/did not answer/);
    } finally {
      await env.fake.clearFaults();
    }
  });
});

describe("posters", () => {
  it("serves posters and film details of the room's deck to its guests, and nothing else", async () => {
    const room = await createRoom(host, { yearFrom: 2000, yearTo: 2005 });
    const guest = await joinAsGuest(env, room.code, "Gus");
    const [c0] = await deck(guest, room.code);
    const res = await guest.raw(`${c0.poster}&dpr=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\//);
    const etag = res.headers.get("etag")!;
    expect(etag).toBeTruthy();
    expect(res.headers.get("cache-control")).toMatch(/max-age/);
    expect((await guest.raw(`${c0.poster}&dpr=1`, { headers: { "if-none-match": etag } })).status).toBe(304);
    const outside = films().find((f) => f.year < 2000)!;
    expect((await guest.raw(`/api/posters/${outside.ratingKey}?room=${room.code}`)).status).toBe(404);
    expect((await guest.raw(`/api/posters/${outside.ratingKey}`)).status).toBe(404);
    // nor the details of a film outside the deck; a card of the deck has them
    expect((await guest.call("GET", `/api/rooms/${room.code}/films/${outside.ratingKey}`)).status).toBe(404);
    expect((await guest.call("GET", `/api/rooms/${room.code}/films/${c0.ratingKey}`)).status).toBe(200);
    expect((await guest.raw(`/api/posters/${c0.ratingKey}?room=ZZZZZZZZ`)).status).toBe(404);
    expect((await new Client(env.app.url).raw(c0.poster)).status).toBe(404);
    expect((await guest.raw(`/api/posters/${c0.ratingKey}?room=${room.code}&dpr=9`)).status).toBe(422);
    // guests read cards of this room's deck only; another room's films are not reachable
    const other = await createRoom(host, { yearFrom: 1950, yearTo: 1999 });
    expect((await guest.call("GET", `/api/rooms/${other.code}/deck`)).status).toBe(404);
    // a signed-in member may fetch any poster they can see
    expect((await host.raw(`/api/posters/${outside.ratingKey}?dpr=2`)).status).toBe(200);
  });

  it("answers many simultaneous requests for one new poster, all 200 with the same picture, at the asked width", async () => {
    const room = await createRoom(host, { yearFrom: 2006, yearTo: 2008 });
    const guest = await joinAsGuest(env, room.code, "Pia");
    const cards = await deck(guest, room.code);
    const card = cards[cards.length - 1]!;
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await guest.raw(`${card.poster}&w=720`);
        return { status: res.status, type: res.headers.get("content-type"), body: Buffer.from(await res.arrayBuffer()) };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 200));
    for (const a of answers) expect(a.body.equals(answers[0]!.body)).toBe(true);
    const decoded = jpeg.decode(answers[0]!.body, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([720, 1080]);
    expect(answers[0]!.type).toBe("image/jpeg");
    expect((await guest.raw(`${card.poster}&w=700`)).status).toBe(422);
    // the card carries the poster's own colours for the placeholder
    expect(card.colors?.topLeft).toMatch(/^#[0-9a-f]{6}$/);
  });
});
