/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakePlex, type FakePlex } from "../fake-plex";
import { startApp, type RunningApp } from "../helpers/app";
import { plexEnv } from "../helpers/plex-app";
import { signInAs } from "../helpers/sign-in";
import { Client, createRoom, deck, joinAsGuest, openDatabase, openEvents } from "./rooms-support";

let fake: FakePlex;
let app: RunningApp;
const envOf = () => plexEnv(fake);

beforeAll(async () => {
  fake = await startFakePlex({ quiet: true, films: 200 });
  app = await startApp({ env: envOf() });
});
afterAll(async () => {
  await app?.stop();
  await app?.database.drop();
  await fake?.close();
});

describe("restarting the app in the middle of a room", () => {
  it("keeps swipes and matches, replays the missed match after Last-Event-ID, and removes idle rooms", async () => {
    const plexApp = { app, fake, stop: async () => {} };
    const host = new Client(app.url, await signInAs(app.url, fake, "olivia"));
    const room = await createRoom(host);
    const idle = await createRoom(host);
    const guest = await joinAsGuest(plexApp, room.code, "Gus");
    const [c0, c1] = await deck(guest, room.code);
    const stream = openEvents(host, room.code);
    expect(await stream.status()).toBe(200);
    for (const who of [host, guest]) await who.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: true });
    await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c1.ratingKey, liked: true });
    const firstMatch = await stream.waitFor((e) => e.event === "match");
    expect(firstMatch.data.card.ratingKey).toBe(c0.ratingKey);
    await stream.waitFor((e) => e.event === "progress" && e.data.swiped === 2);
    const lastSeen = Math.max(...stream.events.map((e) => e.id));

    // The idle room has not been touched for longer than ROOM_TTL_DAYS (7).
    const db = openDatabase(plexApp);
    await db.room.update({ where: { code: idle.code }, data: { lastActivityAt: new Date(Date.now() - 8 * 86_400_000) } });
    await db.$disconnect();

    await app.stop();
    await stream.close();
    app = await startApp({ env: envOf(), database: app.database, port: app.port });

    const state = await guest.call("GET", `/api/rooms/${room.code}`);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ joined: true, matchCount: 1, me: { name: "Gus", next: 1 } });
    expect(state.body.participants.find((p: any) => p.isHost).swiped).toBe(2);
    expect((await host.call("GET", `/api/rooms/${idle.code}`)).status).toBe(404);

    // The match happens while the host's stream is down; reconnecting with Last-Event-ID delivers it.
    const res = await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c1.ratingKey, liked: true });
    expect(res.body.match).toMatchObject({ ratingKey: c1.ratingKey });
    const resumed = openEvents(host, room.code, { lastEventId: lastSeen });
    const missed = await resumed.waitFor((e) => e.event === "match");
    expect(missed.data.card.ratingKey).toBe(c1.ratingKey);
    expect(missed.id).toBeGreaterThan(lastSeen);
    expect(resumed.events.every((e) => e.id > lastSeen)).toBe(true);
    const matches = await host.call("GET", `/api/rooms/${room.code}/matches`);
    expect(matches.body.matches.map((m: any) => m.card.ratingKey).sort()).toEqual([c0.ratingKey, c1.ratingKey].sort());
    await resumed.close();
  });
});
