/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pickWinner } from "@/lib/rooms/final-round/pick-winner";
import { startApp, type RunningApp } from "../helpers/app";
import { integrationDatabaseKind } from "../helpers/database";
import { querySql } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { allowedRatings } from "../helpers/restrictions";
import { Client, createRoom, deck, hostClient, joinAsGuest, openEvents, switchToProfile } from "./rooms-support";

// The final round among a room's matches (issue 16, item 3). On PostgreSQL the racing last votes
// go to two app instances on one database; on SQLite (one instance) they are parallel requests.

const twoInstances = integrationDatabaseKind() === "postgresql";
let env: PlexApp;
let second: RunningApp | undefined;
let host: Client;

beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 120 } });
  host = await hostClient(env);
  if (twoInstances) {
    second = await startApp({
      database: env.app.database,
      env: { PLEX_TV_URL: env.fake.plexTvUrl, PLEX_APP_URL: env.fake.plexTvUrl, PLEX_SERVER_ID: env.fake.fixtures.server.machineIdentifier, PLEX_TIMEOUT_MS: "3000" },
    });
  }
}, 120_000);
afterAll(async () => {
  await second?.stop();
  await env?.stop();
});

const rows = (sql: string) => querySql(env.app.database, sql);
const roomId = async (code: string) => String((await rows(`SELECT "id" FROM "Room" WHERE "code" = '${code}'`))[0]!.id);
const swipe = (client: Client, code: string, ratingKey: string, liked: boolean) => client.call("POST", `/api/rooms/${code}/swipes`, { ratingKey, liked });
const start = (client: Client, code: string) => client.call("POST", `/api/rooms/${code}/final-round`, {});
const vote = (client: Client, code: string, ratingKey: string) => client.call("POST", `/api/rooms/${code}/final-round/vote`, { ratingKey });
const finish = (client: Client, code: string) => client.call("POST", `/api/rooms/${code}/final-round/finish`, {});
const round = async (client: Client, code: string) => (await client.call("GET", `/api/rooms/${code}/final-round`)).body.round;

/** The same person (same cookies) on the other instance, or on the same one on SQLite. */
function onOther(client: Client): Client {
  const other = new Client(second?.url ?? client.baseUrl);
  other.cookies = client.cookies;
  return other;
}

/**
 * A room of the host and `guests` guests, with `likes[i]` = who likes card i (indexes into
 * [host, ...guests]; the others nope it), every card swiped by everyone in order.
 */
async function roomWith(options: { guests: number; likes: number[][]; input?: Record<string, unknown> }) {
  const room = await createRoom(host, options.input);
  const guests = [];
  for (let i = 0; i < options.guests; i++) guests.push(await joinAsGuest(env, room.code, `Guest ${i + 1}`));
  const people = [host, ...guests];
  const cards = (await deck(host, room.code, 0, options.likes.length)).slice(0, options.likes.length);
  for (const [i, card] of cards.entries()) {
    for (const [p, person] of people.entries()) expect((await swipe(person, room.code, card.ratingKey, options.likes[i]!.includes(p))).status).toBe(200);
  }
  return { code: room.code, people, guests, keys: cards.map((c: any) => c.ratingKey as string) };
}

describe("starting a final round", () => {
  it("needs two matches, and only the host may", async () => {
    const { code, guests, keys } = await roomWith({ guests: 1, likes: [[0, 1], [0]] });
    const one = await start(host, code);
    expect(one.status, JSON.stringify(one.body)).toBe(409);
    expect(one.body.error.message).toMatch(/at least two matches/);
    expect(await round(host, code)).toBeNull();
    // The guest likes the second film: two matches now.
    expect((await swipe(guests[0]!, code, keys[1]!, true)).status).toBe(200);
    const byGuest = await start(guests[0]!, code);
    expect(byGuest.status).toBe(403);
    expect(Number((await rows(`SELECT COUNT(*) AS n FROM "FinalRound" WHERE "roomId" = '${await roomId(code)}'`))[0]!.n)).toBe(0);
    const started = await start(host, code);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.films).toBe(2);
    expect((await start(host, code)).status).toBe(409);
    // A stranger gets the answer of a room that does not exist; a body with fields is refused.
    expect((await new Client(env.app.url).call("GET", `/api/rooms/${code}/final-round`)).status).toBe(404);
    expect((await host.call("POST", `/api/rooms/${code}/final-round/finish`, { now: true })).status).toBe(422);
    const view = await round(guests[0]!, code);
    expect(view).toMatchObject({ status: "voting", voters: [], present: 2, myVote: null, winner: null });
    expect(view.films.map((f: any) => f.card.ratingKey).sort()).toEqual([...keys].sort());
    expect(view.films[0].plex.web).toMatch(/^https?:\/\//);
  }, 60_000);
});

describe("voting", () => {
  it("votes change until everyone has voted, are hidden until then, and the most voted film wins on every stream, replayed after a reconnect", async () => {
    const { code, people, keys } = await roomWith({ guests: 2, likes: [[0, 1, 2], [0, 1, 2], [0, 1, 2]] });
    const [, g1, g2] = people as [Client, Client, Client];
    const stream = openEvents(g1, code);
    expect(await stream.status()).toBe(200);
    expect((await start(host, code)).status).toBe(201);
    const started = await stream.waitFor((e) => e.event === "final_round_started");
    expect(started.data.films).toBe(3);
    // A film outside the round is refused.
    expect((await vote(g1, code, "999999")).status).toBe(422);
    expect((await vote(host, code, keys[0]!)).status).toBe(200);
    expect((await vote(g1, code, keys[1]!)).status).toBe(200);
    expect((await vote(g1, code, keys[0]!)).body).toEqual({ decided: false });
    const voting = await round(g2, code);
    expect(voting.voters.sort()).toHaveLength(2);
    expect(voting.films.every((f: any) => f.votes === null)).toBe(true);
    expect((await round(g1, code)).myVote).toBe(keys[0]);
    await stream.waitFor((e) => e.event === "final_round_voted" && e.data.voters.length === 2);
    // The last vote decides it.
    expect((await vote(g2, code, keys[2]!)).body).toEqual({ decided: true });
    const decided = await stream.waitFor((e) => e.event === "final_round_decided");
    expect(decided.data).toMatchObject({ card: { ratingKey: keys[0] }, decidedBy: "votes", endedBy: "everyone", votes: 2 });
    const after = await round(host, code);
    expect(after).toMatchObject({ status: "decided", winner: keys[0], decidedBy: "votes", endedBy: "everyone" });
    expect(Object.fromEntries(after.films.map((f: any) => [f.card.ratingKey, f.votes]))).toEqual({ [keys[0]!]: 2, [keys[1]!]: 0, [keys[2]!]: 1 });
    expect((await vote(g1, code, keys[1]!)).status).toBe(409);
    await stream.close();

    // A stream that reconnects from before the decision gets it replayed.
    const replay = openEvents(g2, code, { lastEventId: started.id });
    const replayed = await replay.waitFor((e) => e.event === "final_round_decided");
    expect(replayed.id).toBe(decided.id);
    expect(replayed.data.card.ratingKey).toBe(keys[0]);
    await replay.close();
    // A new round can follow the decided one.
    expect((await start(host, code)).status).toBe(201);
  }, 90_000);

  it("a tie in votes goes to the film with more likes", async () => {
    // At least 2 of 3: film 0 liked by all three, films 1 and 2 by two.
    const { code, people, keys } = await roomWith({ guests: 2, likes: [[0, 1], [0, 1, 2], [1, 2]], input: { matchRule: "atLeast", matchThreshold: 2 } });
    expect((await start(host, code)).status).toBe(201);
    // One vote each: a three-way tie.
    for (const i of [0, 1]) expect((await vote(people[i]!, code, keys[i]!)).status).toBe(200);
    expect((await vote(people[2]!, code, keys[2]!)).body.decided).toBe(true);
    expect(await round(host, code)).toMatchObject({ status: "decided", winner: keys[1], decidedBy: "likes" });
  }, 60_000);

  it("a tie in votes and likes is drawn from the round's stored seed, the same on every screen", async () => {
    const { code, people, keys } = await roomWith({ guests: 1, likes: [[0, 1], [0, 1], [0, 1]] });
    expect((await start(host, code)).status).toBe(201);
    expect((await vote(people[0]!, code, keys[0]!)).status).toBe(200);
    expect((await vote(people[1]!, code, keys[1]!)).body.decided).toBe(true);
    const [stored] = await rows(`SELECT "seed", "winnerRatingKey", "decidedBy", "candidates" FROM "FinalRound" WHERE "roomId" = '${await roomId(code)}'`);
    expect(stored!.decidedBy).toBe("draw");
    const expected = pickWinner({ candidates: JSON.parse(String(stored!.candidates)), votes: new Map([[keys[0]!, 1], [keys[1]!, 1]]), likes: new Map(keys.map((k) => [k, 2])), seed: String(stored!.seed) });
    expect(stored!.winnerRatingKey).toBe(expected.ratingKey);
    const views = await Promise.all(people.map((p) => round(p, code)));
    for (const v of views) expect(v).toMatchObject({ winner: expected.ratingKey, decidedBy: "draw" });
  }, 60_000);

  it("the host may end the round early (not a guest); the votes in so far decide", async () => {
    const { code, people, keys } = await roomWith({ guests: 2, likes: [[0, 1, 2], [0, 1, 2]] });
    expect((await start(host, code)).status).toBe(201);
    expect((await vote(people[1]!, code, keys[1]!)).body.decided).toBe(false);
    expect((await finish(people[1]!, code)).status).toBe(403);
    expect((await finish(host, code)).status).toBe(200);
    expect(await round(people[2]!, code)).toMatchObject({ status: "decided", winner: keys[1], decidedBy: "votes", endedBy: "host" });
    expect((await finish(host, code)).status).toBe(409);
  }, 60_000);

  it("when the last person yet to vote leaves, the round is decided", async () => {
    const { code, people, keys } = await roomWith({ guests: 2, likes: [[0, 1, 2], [0, 1, 2]] });
    expect((await start(host, code)).status).toBe(201);
    expect((await vote(people[0]!, code, keys[0]!)).status).toBe(200);
    expect((await vote(people[1]!, code, keys[0]!)).status).toBe(200);
    expect((await people[2]!.call("DELETE", `/api/rooms/${code}/participants`)).status).toBe(200);
    expect(await round(host, code)).toMatchObject({ status: "decided", winner: keys[0], endedBy: "everyone" });
  }, 60_000);
});

describe("restricted people", () => {
  it("a child who joins during the round sees only the matches they may see, and so does everyone; the winner is one of them", async () => {
    const room = await createRoom(host);
    const guest = await joinAsGuest(env, room.code, "Gus");
    const allowed = allowedRatings("little_kid");
    // The deck is shuffled: its first 40 cards once held a single film for Kit. Read on until it
    // holds two films for Kit and one not for Kit.
    const cards: any[] = [];
    const forKit = (c: any) => allowed.has(c.contentRating);
    while (cards.filter(forKit).length < 2 || cards.every(forKit)) {
      const page = await deck(host, room.code, cards.length, 40);
      if (!page.length) throw new Error("the deck ran out before two films for Kit and one not for Kit");
      cards.push(...page);
    }
    const forKids = cards.filter(forKit).slice(0, 2);
    const notForKids = cards.find((c: any) => !allowed.has(c.contentRating));
    expect(forKids).toHaveLength(2);
    expect(notForKids).toBeDefined();
    const liked = new Set([...forKids, notForKids].map((c: any) => c.ratingKey as string));
    const last = Math.max(...cards.filter((c: any) => liked.has(c.ratingKey)).map((c: any) => cards.indexOf(c)));
    for (const c of cards.slice(0, last + 1)) {
      for (const person of [host, guest]) expect((await swipe(person, room.code, c.ratingKey, liked.has(c.ratingKey))).status).toBe(200);
    }
    expect((await start(host, room.code)).body.films).toBe(3);
    const kit = await switchToProfile(env, "Kit");
    expect((await kit.call("POST", `/api/rooms/${room.code}/participants`, {})).status).toBeLessThan(300);
    const kids = forKids.map((c: any) => c.ratingKey as string).sort();
    for (const person of [kit, host]) expect((await round(person, room.code)).films.map((f: any) => f.card.ratingKey).sort()).toEqual(kids);
    expect((await vote(kit, room.code, notForKids.ratingKey)).status).toBe(422);
    expect((await vote(host, room.code, notForKids.ratingKey)).status).toBe(422);
    for (const person of [host, guest, kit]) expect((await vote(person, room.code, kids[0]!)).status).toBe(200);
    expect(await round(kit, room.code)).toMatchObject({ status: "decided", winner: kids[0] });
  }, 90_000);
});

describe("simultaneous last votes", () => {
  it("decide the round exactly once", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const { code, people, keys } = await roomWith({ guests: 2, likes: [[0, 1, 2], [0, 1, 2]] });
      expect((await start(host, code)).status).toBe(201);
      expect((await vote(people[0]!, code, keys[0]!)).status).toBe(200);
      const answers = await Promise.all([vote(people[1]!, code, keys[1]!), vote(onOther(people[2]!), code, keys[1]!)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(answers.filter((a) => a.body.decided)).toHaveLength(1);
      const id = await roomId(code);
      expect(Number((await rows(`SELECT COUNT(*) AS n FROM "RoomEvent" WHERE "roomId" = '${id}' AND "type" = 'final_round_decided'`))[0]!.n)).toBe(1);
      const [stored] = await rows(`SELECT "status", "winnerRatingKey" FROM "FinalRound" WHERE "roomId" = '${id}'`);
      expect(stored).toMatchObject({ status: "decided", winnerRatingKey: keys[1] });
    }
  }, 120_000);
});
