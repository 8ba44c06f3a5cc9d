/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execSql, querySql } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { Client, createRoom, deck, hostClient, joinAsGuest, openEvents } from "./rooms-support";

// The room rules of issue 11, each tried as a careful user would (one app instance; the
// two-instance races are in rooms-concurrency.test.ts).

let env: PlexApp;
let host: Client;

beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 300 } });
  host = await hostClient(env);
});
afterAll(async () => {
  await env?.stop();
});

const swipe = (client: Client, code: string, ratingKey: string, liked: boolean) => client.call("POST", `/api/rooms/${code}/swipes`, { ratingKey, liked });
const state = async (client: Client, code: string) => (await client.call("GET", `/api/rooms/${code}`)).body;
const roomId = async (code: string) => String((await querySql(env.app.database, `SELECT "id" FROM "Room" WHERE "code" = '${code}'`))[0]!.id);

/**
 * A fault injected into the database: every insert of a room event of this type fails (a trigger),
 * until the returned function removes it. A command whose writes are one transaction leaves none
 * of them behind.
 */
async function failEventsOf(type: string): Promise<() => Promise<void>> {
  const db = env.app.database;
  if (db.kind === "sqlite") {
    await execSql(db, `CREATE TRIGGER "injected_fault" BEFORE INSERT ON "RoomEvent" WHEN NEW."type" = '${type}' BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    return () => execSql(db, `DROP TRIGGER "injected_fault"`);
  }
  await execSql(db, `CREATE OR REPLACE FUNCTION injected_fault() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$ LANGUAGE plpgsql`);
  await execSql(db, `CREATE TRIGGER injected_fault BEFORE INSERT ON "RoomEvent" FOR EACH ROW WHEN (NEW."type" = '${type}') EXECUTE FUNCTION injected_fault()`);
  return () => execSql(db, `DROP TRIGGER injected_fault ON "RoomEvent"`);
}

/** Runs `body` while inserts of that event type fail. */
async function withFailing<T>(type: string, body: () => Promise<T>): Promise<T> {
  const remove = await failEventsOf(type);
  try {
    return await body();
  } finally {
    await remove();
  }
}

const rowsOf = (sql: string) => querySql(env.app.database, sql);

describe("undo", () => {
  it("takes back the person's last swipe, whatever tab made it, not the card furthest along", async () => {
    const room = await createRoom(host);
    const [c0, c1, c2, c3] = await deck(host, room.code);
    // Tab 1 swipes three cards; tab 2 (the same person) changes its mind about the first.
    for (const c of [c0, c1, c2]) expect((await swipe(host, room.code, c.ratingKey, false)).status).toBe(200);
    expect((await swipe(host, room.code, c0.ratingKey, true)).body.duplicate).toBe(false);
    const undo = await host.call("DELETE", `/api/rooms/${room.code}/swipes/last`);
    expect(undo.status).toBe(200);
    // Swiped again, the card taken back leads on to c3: the person had swiped past it to c2.
    expect(undo.body).toMatchObject({ ratingKey: c0.ratingKey, position: c0.position, next: c0.position, resume: c3.position });
    // The card taken back is the person's next card: shown again, and the others stay swiped.
    expect((await state(host, room.code)).me.next).toBe(c0.position);
    expect((await swipe(host, room.code, c3.ratingKey, true)).status).toBe(409);
    expect((await swipe(host, room.code, c0.ratingKey, true)).body).toMatchObject({ duplicate: false, next: c3.position });
    // A second undo takes back the one before (c0 again: swiped last), a third c2.
    expect((await host.call("DELETE", `/api/rooms/${room.code}/swipes/last`)).body.ratingKey).toBe(c0.ratingKey);
    expect((await host.call("DELETE", `/api/rooms/${room.code}/swipes/last`)).body.ratingKey).toBe(c2.ratingKey);
  });
});

describe("progress", () => {
  it("counts the cards swiped, not the furthest position, after an undo leaves a gap", async () => {
    const room = await createRoom(host);
    const guest = await joinAsGuest(env, room.code, "Pia");
    const [c0, c1, c2] = await deck(host, room.code);
    for (const c of [c0, c1, c2]) expect((await swipe(host, room.code, c.ratingKey, false)).status).toBe(200);
    // A change of mind about the first card, then undone: the first card is unswiped, the others stay.
    expect((await swipe(host, room.code, c0.ratingKey, true)).status).toBe(200);
    const events = openEvents(guest, room.code);
    expect(await events.status()).toBe(200);
    expect((await host.call("DELETE", `/api/rooms/${room.code}/swipes/last`)).body.ratingKey).toBe(c0.ratingKey);
    const hostId = (await state(host, room.code)).me.participantId;
    const progress = await events.waitFor((e) => e.event === "progress" && e.data.participantId === hostId);
    expect(progress.data.swiped).toBe(2);
    const seen = await state(guest, room.code);
    expect(seen.participants.find((p: any) => p.id === hostId)?.swiped).toBe(2);
    expect((await state(host, room.code)).me.next).toBe(c0.position);
    // Swiping the gap again counts it once more.
    expect((await swipe(host, room.code, c0.ratingKey, true)).body.next).toBe(c2.position + 1);
    expect((await state(guest, room.code)).participants.find((p: any) => p.id === hostId)?.swiped).toBe(3);
    await events.close();
  });
});

describe("the next card", () => {
  it("accepts a swipe only for the person's next card or one they already swiped", async () => {
    const room = await createRoom(host);
    const cards = await deck(host, room.code, 0, 24);
    for (const c of cards.slice(0, 3)) expect((await swipe(host, room.code, c.ratingKey, true)).status).toBe(200);
    const far = await swipe(host, room.code, cards[20].ratingKey, true);
    expect(far.status).toBe(409);
    expect(far.body.error.message).toMatch(/^[A-Z].*next card/);
    expect((await state(host, room.code)).me.next).toBe(3);
    expect((await state(host, room.code)).participants[0].swiped).toBe(3);
    // One already swiped may be swiped again (the other way), and the next card goes on.
    expect((await swipe(host, room.code, cards[1].ratingKey, false)).status).toBe(200);
    expect((await swipe(host, room.code, cards[3].ratingKey, true)).body).toMatchObject({ duplicate: false, next: 4 });
  });

  it("answers a film of the deck that is not dealt yet as not the next card, not as outside the deck", async () => {
    const room = await createRoom(host);
    const dealt = new Set((await deck(host, room.code, 0, 12)).map((c: any) => c.ratingKey as string));
    const id = await roomId(room.code);
    for (const r of await querySql(env.app.database, `SELECT "ratingKey" FROM "DeckCard" WHERE "roomId" = '${id}'`)) dealt.add(String(r.ratingKey));
    const undealt = env.fake.library.films.find((f) => f.sectionKey === "1" && !dealt.has(f.ratingKey))!;
    const res = await swipe(host, room.code, undealt.ratingKey, true);
    expect(res.status).toBe(409);
    expect(res.body.error.message).not.toMatch(/not in this room's deck/);
  });
});

describe("leaving re-checks the rule", () => {
  it("everyone: two of three liked a film and the third leaves: it is a match, on every screen", async () => {
    const room = await createRoom(host);
    const a = await joinAsGuest(env, room.code, "Ann");
    const b = await joinAsGuest(env, room.code, "Bob");
    const [c0] = await deck(a, room.code);
    expect((await swipe(host, room.code, c0.ratingKey, true)).body.match).toBeNull();
    expect((await swipe(a, room.code, c0.ratingKey, true)).body.match).toBeNull();
    const events = openEvents(host, room.code);
    expect(await events.status()).toBe(200);
    expect((await b.call("DELETE", `/api/rooms/${room.code}/participants`)).status).toBe(200);
    const match = await events.waitFor((e) => e.event === "match");
    expect(match.data).toMatchObject({ card: { ratingKey: c0.ratingKey }, likes: 2, participants: 2 });
    const list = (await a.call("GET", `/api/rooms/${room.code}/matches`)).body;
    expect(list.matches.map((m: any) => [m.card.ratingKey, m.likes, m.needed])).toEqual([[c0.ratingKey, 2, 2]]);
    expect(list.nearMisses).toEqual([]);
    expect((await state(a, room.code)).matchCount).toBe(1);
    // Everyone who remains liked it: another leave breaks no match, even in a room left with one.
    expect((await a.call("DELETE", `/api/rooms/${room.code}/participants`)).status).toBe(200);
    await events.waitFor((e) => e.event === "participant_left" && events.events.filter((x) => x.event === "participant_left").length === 2);
    expect((await host.call("GET", `/api/rooms/${room.code}/matches`)).body.matches.map((m: any) => m.card.ratingKey)).toEqual([c0.ratingKey]);
    expect(events.events.filter((e) => e.event === "match_removed")).toEqual([]);
    await events.close();
  });

  it("at least N: a match whose liker left is withdrawn everywhere (list, events, state agree)", async () => {
    const room = await createRoom(host, { matchRule: "atLeast", matchThreshold: 2 });
    const a = await joinAsGuest(env, room.code, "Ann");
    await joinAsGuest(env, room.code, "Bob");
    const [c0] = await deck(a, room.code);
    await swipe(host, room.code, c0.ratingKey, true);
    expect((await swipe(a, room.code, c0.ratingKey, true)).body.match).toMatchObject({ ratingKey: c0.ratingKey });
    const events = openEvents(host, room.code);
    expect(await events.status()).toBe(200);
    expect((await a.call("DELETE", `/api/rooms/${room.code}/participants`)).status).toBe(200);
    expect((await events.waitFor((e) => e.event === "match_removed")).data).toEqual({ ratingKey: c0.ratingKey });
    const list = (await host.call("GET", `/api/rooms/${room.code}/matches`)).body;
    expect(list.matches).toEqual([]);
    expect(list.nearMisses.map((m: any) => [m.card.ratingKey, m.likes, m.needed])).toEqual([[c0.ratingKey, 1, 2]]);
    expect((await state(host, room.code)).matchCount).toBe(0);
    // Ann comes back: her like counts again, and the film is a match again (never "2 of 2 liked" and no match).
    expect((await a.call("POST", `/api/rooms/${room.code}/participants`, { name: "Ann" })).status).toBe(200);
    await events.waitFor((e) => e.event === "match" && e.data.card.ratingKey === c0.ratingKey);
    const back = (await host.call("GET", `/api/rooms/${room.code}/matches`)).body;
    expect(back.matches.map((m: any) => [m.card.ratingKey, m.likes, m.needed])).toEqual([[c0.ratingKey, 2, 2]]);
    expect(back.nearMisses).toEqual([]);
    await events.close();
  });
});

describe("a closed room stops", () => {
  it("deals no more cards, ends its event streams after room_closed and refuses new ones", async () => {
    const room = await createRoom(host);
    const guest = await joinAsGuest(env, room.code, "Gus");
    await deck(guest, room.code, 0, 12);
    const id = await roomId(room.code);
    const dealt = async () => Number((await querySql(env.app.database, `SELECT COUNT(*) AS n FROM "DeckCard" WHERE "roomId" = '${id}'`))[0]!.n);
    // Cards 0-15 are dealt for the page, 16-23 in the background after it: wait for those.
    const deadline = Date.now() + 10_000;
    while ((await dealt()) < 24 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const dealtBefore = await dealt();
    expect(dealtBefore).toBe(24);
    const events = openEvents(guest, room.code);
    expect(await events.status()).toBe(200);
    expect((await host.call("DELETE", `/api/rooms/${room.code}`)).status).toBe(200);
    await events.waitFor((e) => e.event === "room_closed");
    // The stream ends by itself (aborting it here, while its end is on the wire, can leave fetch's reader waiting).
    const ended = await Promise.race([events.ended.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
    expect(ended).toBe(true);
    await events.close();
    const far = await guest.call("GET", `/api/rooms/${room.code}/deck?from=200&count=12`);
    expect(far.status).toBe(410);
    expect(far.body.error.message).toMatch(/closed/);
    expect(await dealt()).toBe(dealtBefore);
    const late = openEvents(guest, room.code);
    expect(await late.status()).toBe(410);
    await late.close();
  });
});

describe("creating a room", () => {
  it("refuses the same library twice with a clear 422", async () => {
    const res = await host.call("POST", "/api/rooms", { sectionIds: ["1", "1"] });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/once/);
  });
});

describe("each command commits all of its writes or none", () => {
  it("a join stores the participant with its participant_joined event, or neither", async () => {
    const room = await createRoom(host);
    const id = await roomId(room.code);
    const fay = new Client(env.app.url);
    const failed = await withFailing("participant_joined", () => fay.call("POST", `/api/rooms/${room.code}/participants`, { name: "Fay" }));
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await rowsOf(`SELECT "id" FROM "Participant" WHERE "roomId" = '${id}' AND "guestName" = 'Fay'`)).toEqual([]);
    const joined = await fay.call("POST", `/api/rooms/${room.code}/participants`, { name: "Fay" });
    expect(joined.status).toBe(201);
    const events = await rowsOf(`SELECT "data" FROM "RoomEvent" WHERE "roomId" = '${id}' AND "type" = 'participant_joined'`);
    expect(events.map((e) => JSON.parse(String(e.data)))).toEqual([{ participantId: joined.body.participantId, name: "Fay" }]);
  });

  it("a signed-in person joins once, with their name in the participant_joined event", async () => {
    const frank = await hostClient(env, "frank");
    const room = await createRoom(frank);
    const id = await roomId(room.code);
    const first = await host.call("POST", `/api/rooms/${room.code}/participants`, {});
    expect(first.status).toBe(201);
    const again = await host.call("POST", `/api/rooms/${room.code}/participants`, {});
    expect(again).toMatchObject({ status: 200, body: { participantId: first.body.participantId, created: false } });
    const events = await rowsOf(`SELECT "data" FROM "RoomEvent" WHERE "roomId" = '${id}' AND "type" = 'participant_joined'`);
    expect(events.map((e) => JSON.parse(String(e.data)))).toEqual([{ participantId: first.body.participantId, name: expect.any(String) }]);
  });

  it("a rejoin brings the person back with the matches their likes make, or not at all", async () => {
    const room = await createRoom(host, { matchRule: "atLeast", matchThreshold: 2 });
    const id = await roomId(room.code);
    const a = await joinAsGuest(env, room.code, "Ann");
    await joinAsGuest(env, room.code, "Bob");
    const [c0] = await deck(a, room.code);
    await swipe(host, room.code, c0.ratingKey, true);
    expect((await swipe(a, room.code, c0.ratingKey, true)).body.match).toMatchObject({ ratingKey: c0.ratingKey });
    expect((await a.call("DELETE", `/api/rooms/${room.code}/participants`)).status).toBe(200);
    const joinsBefore = await rowsOf(`SELECT "id" FROM "RoomEvent" WHERE "roomId" = '${id}' AND "type" = 'participant_joined'`);
    // Her like makes the match again as she comes back: that match cannot be stored.
    const failed = await withFailing("match", () => a.call("POST", `/api/rooms/${room.code}/participants`, { name: "Ann" }));
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await rowsOf(`SELECT "id" FROM "Participant" WHERE "roomId" = '${id}' AND "guestName" = 'Ann' AND "leftAt" IS NULL`)).toEqual([]);
    expect(await rowsOf(`SELECT "id" FROM "RoomEvent" WHERE "roomId" = '${id}' AND "type" = 'participant_joined'`)).toEqual(joinsBefore);
    expect((await host.call("GET", `/api/rooms/${room.code}/matches`)).body.matches).toEqual([]);
    // Tried again: back in the room, and the film is a match again.
    expect((await a.call("POST", `/api/rooms/${room.code}/participants`, { name: "Ann" })).status).toBe(200);
    expect((await host.call("GET", `/api/rooms/${room.code}/matches`)).body.matches.map((m: any) => [m.card.ratingKey, m.likes])).toEqual([[c0.ratingKey, 2]]);
  });

  it("a leave takes the person out with the matches it makes, or not at all", async () => {
    const room = await createRoom(host);
    const id = await roomId(room.code);
    const a = await joinAsGuest(env, room.code, "Ann");
    const b = await joinAsGuest(env, room.code, "Bob");
    const [c0] = await deck(a, room.code);
    await swipe(host, room.code, c0.ratingKey, true);
    await swipe(a, room.code, c0.ratingKey, true);
    const failed = await withFailing("match", () => b.call("DELETE", `/api/rooms/${room.code}/participants`));
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await rowsOf(`SELECT "id" FROM "Participant" WHERE "roomId" = '${id}' AND "guestName" = 'Bob' AND "leftAt" IS NULL`)).toHaveLength(1);
    expect(await rowsOf(`SELECT "id" FROM "RoomEvent" WHERE "roomId" = '${id}' AND "type" = 'participant_left'`)).toEqual([]);
    expect((await b.call("DELETE", `/api/rooms/${room.code}/participants`)).status).toBe(200);
    expect((await host.call("GET", `/api/rooms/${room.code}/matches`)).body.matches.map((m: any) => m.card.ratingKey)).toEqual([c0.ratingKey]);
  });

  it("closing stores the closed room with its room_closed event, or neither", async () => {
    const room = await createRoom(host);
    const failed = await withFailing("room_closed", () => host.call("DELETE", `/api/rooms/${room.code}`));
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await rowsOf(`SELECT "status" FROM "Room" WHERE "code" = '${room.code}'`)).toEqual([{ status: "open" }]);
    expect((await host.call("DELETE", `/api/rooms/${room.code}`)).status).toBe(200);
    expect(await rowsOf(`SELECT "status" FROM "Room" WHERE "code" = '${room.code}'`)).toEqual([{ status: "closed" }]);
  });
});
