import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execSql, querySql } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { allowedRatings } from "../helpers/restrictions";
import { createRoom, deck, hostClient, joinAsGuest, openEvents, switchToProfile, type Client } from "./rooms-support";

/**
 * Event streams are checked after they open (issue 9 §2): leaving, a revoked session, a closed or
 * expired room end a stream within seconds, and one person cannot hold hundreds of streams.
 */
let env: PlexApp;
let olivia: Client;

beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 60 } });
  olivia = await hostClient(env);
});
afterAll(async () => {
  await env?.stop();
});

/** Resolves true when the stream ended within the time, false otherwise. */
function endsWithin(stream: { ended: Promise<void> }, ms: number): Promise<boolean> {
  return Promise.race([stream.ended.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}

describe("an open event stream", () => {
  it("ends when its participant leaves the room", async () => {
    const room = await createRoom(olivia);
    const gus = await joinAsGuest(env, room.code, "Gus");
    const stream = openEvents(gus, room.code);
    expect(await stream.status()).toBe(200);
    const other = openEvents(olivia, room.code);
    expect(await other.status()).toBe(200);
    expect((await gus.call("DELETE", `/api/rooms/${room.code}/participants`)).status).toBe(200);
    expect(await endsWithin(stream, 5000)).toBe(true);
    // the others' streams go on, and tell them
    await other.waitFor((e) => e.event === "participant_left");
    expect(await endsWithin(other, 300)).toBe(false);
    await other.close();
  });

  it("ends when the person's sessions are revoked", async () => {
    const room = await createRoom(olivia);
    const frank = await hostClient(env, "frank");
    expect((await frank.call("POST", `/api/rooms/${room.code}/participants`, {})).status).toBe(201);
    const stream = openEvents(frank, room.code);
    expect(await stream.status()).toBe(200);
    expect((await frank.call("DELETE", "/api/me/sessions")).status).toBe(200);
    expect(await endsWithin(stream, 8000)).toBe(true);
  });

  it("ends after room_closed when the host closes the room, and no new stream opens", async () => {
    const room = await createRoom(olivia);
    const gus = await joinAsGuest(env, room.code, "Gus");
    const stream = openEvents(gus, room.code);
    expect(await stream.status()).toBe(200);
    expect((await olivia.call("DELETE", `/api/rooms/${room.code}`)).status).toBe(200);
    expect(await endsWithin(stream, 5000)).toBe(true);
    expect(stream.events.map((e) => e.event)).toContain("room_closed");
    expect(await openEvents(gus, room.code).status()).toBe(410);
  });

  it("ends when the room expires (its rows are removed)", async () => {
    const room = await createRoom(olivia);
    const gus = await joinAsGuest(env, room.code, "Gus");
    const stream = openEvents(gus, room.code);
    expect(await stream.status()).toBe(200);
    await execSql(env.app.database, `DELETE FROM "Room" WHERE "code" = '${room.code}'`);
    expect(await endsWithin(stream, 8000)).toBe(true);
  });
});

describe("what a stream carries", () => {
  it("never an event about a film withdrawn after the stream opened", async () => {
    const room = await createRoom(olivia);
    const gus = await joinAsGuest(env, room.code, "Gus");
    const teen = allowedRatings("teen");
    const cards = await deck(olivia, room.code, 0, 24);
    const hidden = cards.find((c) => !teen.has(c.contentRating));
    expect(hidden, "a card above the teen's ratings").toBeDefined();
    // a swipe is taken only for one's next card: both pass the cards before it, then like it
    const upToHidden = cards.slice(0, cards.indexOf(hidden) + 1);
    for (const who of [gus, olivia]) {
      for (const c of upToHidden) expect((await who.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c.ratingKey, liked: c === hidden })).status).toBe(200);
    }
    // a stream opened while nobody restricted is in the room
    const stream = openEvents(gus, room.code);
    expect(await stream.status()).toBe(200);
    const tess = await switchToProfile(env, "Tess");
    expect((await tess.call("POST", `/api/rooms/${room.code}/participants`, {})).status).toBe(201);
    await stream.waitFor((e) => e.event === "deck_withdrawn");
    // Olivia takes her like back: the (withdrawn) match is removed, and that event names the film
    expect((await olivia.call("DELETE", `/api/rooms/${room.code}/swipes/last`)).status).toBe(200);
    const rows = await querySql(env.app.database, `SELECT COUNT(*) AS n FROM "Match" WHERE "ratingKey" = '${hidden.ratingKey}'`);
    expect(Number(rows[0]!.n)).toBe(0);
    await joinAsGuest(env, room.code, "Hal"); // a later event, to know the stream got that far
    await stream.waitFor((e) => e.event === "participant_joined" && e.data.name === "Hal");
    await stream.close();
    expect(JSON.stringify(stream.events)).not.toContain(`"${hidden.ratingKey}"`);
  });
});

describe("streams per person", () => {
  it("are capped at 10 open streams per participant: the 11th is refused with 429 until one closes", async () => {
    const room = await createRoom(olivia);
    const gus = await joinAsGuest(env, room.code, "Gus");
    const streams = Array.from({ length: 10 }, () => openEvents(gus, room.code));
    expect(await Promise.all(streams.map((s) => s.status()))).toEqual(Array(10).fill(200));
    const refused = await gus.raw(`/api/rooms/${room.code}/events`);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^[A-Z].*close/i);
    // someone else in the room is not affected
    const others = openEvents(olivia, room.code);
    expect(await others.status()).toBe(200);
    await streams[0]!.close();
    const deadline = Date.now() + 5000;
    let status = 0;
    while (Date.now() < deadline) {
      const again = openEvents(gus, room.code);
      status = await again.status();
      await again.close();
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    await Promise.all([...streams.slice(1), others].map((s) => s.close()));
  });
});
