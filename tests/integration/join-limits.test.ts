import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WRONG_ROOM_CODES_PER_ADDRESS } from "@/lib/limits/schedules";
import { ROOM_CODE_ALPHABET } from "@/lib/rooms/codes";
import { startApp, type RunningApp } from "../helpers/app";
import { integrationDatabaseKind } from "../helpers/database";
import { plexEnv, startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { Client, createRoom, deck, hostClient, joinAsGuest, openEvents } from "./rooms-support";

// Join guessing (issue 9 §3, issue 11 §4). Every request here comes from one address (the test's,
// no proxy headers): the guesser shares it with the people in the room, as on a home network.
const LIMIT = WRONG_ROOM_CODES_PER_ADDRESS.limit;

/** A well-formed code that is (almost surely) no room. */
const wrongCode = () => Array.from({ length: 8 }, () => ROOM_CODE_ALPHABET[Math.floor(Math.random() * ROOM_CODE_ALPHABET.length)]).join("");
const guess = (client: Client, code = wrongCode()) => client.call("POST", `/api/rooms/${code}/participants`, { name: "Eve" });

describe("wrong room codes, one app instance", () => {
  let env: PlexApp;
  let host: Client;
  let guest: Client;
  let room: { code: string };
  beforeAll(async () => {
    env = await startAppWithPlex({ fake: { films: 60 } });
    host = await hostClient(env);
    room = await createRoom(host);
    guest = await joinAsGuest(env, room.code, "Gia");
  });
  afterAll(async () => env?.stop());

  it("a burst of parallel wrong codes gets no more 404s than the limit", async () => {
    const guesser = new Client(env.app.url);
    const statuses = (await Promise.all(Array.from({ length: 3 * LIMIT }, () => guess(guesser)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * LIMIT);
  });

  it("the guessing address is still served its own room's deck, swipes and events; only strangers to a room are refused", async () => {
    const [card] = await deck(guest, room.code);
    expect((await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: card.ratingKey, liked: true })).status).toBe(200);
    expect((await guest.call("GET", `/api/rooms/${room.code}`)).status).toBe(200);
    const events = openEvents(guest, room.code);
    expect(await events.status()).toBe(200);
    await events.close();
    expect((await host.call("GET", `/api/rooms/${room.code}/matches`)).status).toBe(200);

    // someone from that address asking for a room they are not in: the same 429 as a wrong code
    const stranger = new Client(env.app.url);
    const refused = await guess(stranger, room.code);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/^Too many wrong room codes from this address\. Try again in \d+ minutes?\.$/);
    expect((await guess(stranger)).status).toBe(429);
  });
});

describe.skipIf(integrationDatabaseKind() !== "postgresql")("wrong room codes, two app instances on one PostgreSQL database", () => {
  let a: PlexApp;
  let b: RunningApp;
  beforeAll(async () => {
    a = await startAppWithPlex({ fake: { films: 30 }, databaseKind: "postgresql" });
    b = await startApp({ database: a.app.database, env: plexEnv(a.fake) });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("share one budget: wrong codes split across both hit the limit at the same total as one", async () => {
    const onA = new Client(a.app.url);
    const onB = new Client(b.url);
    for (let i = 0; i < LIMIT; i++) expect((await guess(i % 2 ? onB : onA)).status).toBe(404);
    expect((await guess(onA)).status).toBe(429);
    expect((await guess(onB)).status).toBe(429);
  });
});
