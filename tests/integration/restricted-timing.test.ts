/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { execSql } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { allowedRatings } from "../helpers/restrictions";
import { createRoom, deck, hostClient, joinAsGuest, openEvents, switchToProfile, type Client } from "./rooms-support";

/**
 * A restricted person never sees more, whatever the timing (issue 9 §2): a child joining while
 * everyone is busy and the Plex server is slow, a guest cookie left in the child's browser, a
 * restricted participant whose saved token cannot be read, and a friend who loses the share.
 */
let env: PlexApp;
let olivia: Client;
const kidAllowed = allowedRatings("little_kid");
const allFilms = () => [...env.fake.library.films, ...env.fake.library.documentaries];
/** Films Kit may not see (above the little_kid preset). */
const hiddenFromKit = () => new Set(allFilms().filter((f) => !kidAllowed.has(f.contentRating)).map((f) => f.ratingKey));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Sessions and rooms are cached for 2 s (lib/auth/session-cache.ts): let that pass after a direct write.
const pastSessionCache = () => sleep(2100);

beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 300 } });
  olivia = await hostClient(env);
});
afterEach(async () => {
  await env.fake.clearFaults();
});
afterAll(async () => {
  await env?.stop();
});

async function join(client: Client, code: string): Promise<string> {
  const res = await client.call("POST", `/api/rooms/${code}/participants`, {});
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.participantId as string;
}

/** Olivia and a guest deal and like the first `count` cards: every one of them matches. */
async function matchFirstCards(code: string, count: number): Promise<{ dealt: any[]; before: number }> {
  const gus = await joinAsGuest(env, code, "Gus");
  const before = (await olivia.call("GET", `/api/rooms/${code}`)).body.lastEventId as number;
  const dealt = await deck(olivia, code, 0, count);
  expect(dealt).toHaveLength(count);
  for (const c of dealt) {
    expect((await olivia.call("POST", `/api/rooms/${code}/swipes`, { ratingKey: c.ratingKey, liked: true })).status).toBe(200);
    expect((await gus.call("POST", `/api/rooms/${code}/swipes`, { ratingKey: c.ratingKey, liked: true })).status).toBe(200);
  }
  return { dealt, before };
}

/** No body names a hidden film (by rating key or poster address); a failure shows where. */
function expectNoHiddenFilm(bodies: string[], hidden: Set<string>): void {
  const leaks: string[] = [];
  for (const body of bodies) {
    for (const key of hidden) {
      for (const needle of [`"ratingKey":"${key}"`, `/api/posters/${key}?`]) {
        const at = body.indexOf(needle);
        if (at >= 0) leaks.push(`${needle} in ${body.slice(0, 60)}…${body.slice(Math.max(0, at - 80), at + 40)}`);
      }
    }
  }
  expect(leaks.slice(0, 5), `${leaks.length} leaks`).toEqual([]);
}

describe("a child joins a busy room while the Plex server is slow", () => {
  it("is served no film it may not see, by any route or by event replay, before, during or after the join", async () => {
    const room = await createRoom(olivia);
    // 48 cards: about 18% of the fake library suits Kit, so 24 shuffled cards held none of them in
    // about 1 room of 100, and then no match could be replayed to Kit (CI saw it once).
    const { dealt, before } = await matchFirstCards(room.code, 48);
    const hidden = hiddenFromKit();
    const hiddenDealt = dealt.filter((c) => hidden.has(c.ratingKey));
    expect(hiddenDealt.length).toBeGreaterThan(2);
    expect(dealt.length - hiddenDealt.length, "dealt films Kit may see (their matches are replayed to Kit)").toBeGreaterThan(0);
    const kit = await switchToProfile(env, "Kit");
    await env.fake.setFault("pms", { latencyMs: 300 });

    const bodies: string[] = [];
    const posters: { key: string; status: number }[] = [];
    const streams: ReturnType<typeof openEvents>[] = [];
    const requests: Promise<unknown>[] = [];
    const read = (client: Client, path: string) =>
      client.raw(path).then(async (res) => {
        bodies.push(await res.text());
        return res.status;
      });
    let joined = false;
    const joining = kit.raw(`/api/rooms/${room.code}/participants`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }).then(async (res) => {
      joined = true;
      return { status: res.status, text: await res.text() };
    });
    let roundsWhileJoining = 0;
    for (let round = 0, after = 0; after < 10; round++) {
      if (joined) after++;
      else roundsWhileJoining++;
      const key = hiddenDealt[round % hiddenDealt.length]!.ratingKey;
      requests.push(
        read(kit, `/api/rooms/${room.code}/deck?from=0&count=48`),
        read(kit, `/api/rooms/${room.code}/deck?from=${48 + 8 * round}&count=8`),
        // someone else deals new cards while the child's checks run
        read(olivia, `/api/rooms/${room.code}/deck?from=${120 + 8 * round}&count=8`).then(() => undefined),
        read(kit, `/api/rooms/${room.code}/films/${key}`),
        read(kit, `/api/rooms/${room.code}/matches/${key}`),
        read(kit, `/api/rooms/${room.code}/matches`),
        read(kit, `/api/rooms/${room.code}`),
        kit.raw(`/api/posters/${key}?room=${room.code}&dpr=1`).then(async (res) => {
          posters.push({ key, status: res.status });
          await res.arrayBuffer();
        }),
      );
      if (round % 2 === 0) {
        // a stream replaying every match from before the join, held open to the end
        streams.push(openEvents(kit, room.code, { lastEventId: before }));
      }
      await sleep(50);
    }
    const joinedAnswer = await joining;
    expect(joinedAnswer.status, joinedAnswer.text).toBe(201);
    await Promise.all(requests);
    await env.fake.clearFaults();
    // the join took a while, and requests were fired all along it
    expect(roundsWhileJoining).toBeGreaterThanOrEqual(3);

    // streams opened after the join replayed the room's history (only the matches the child may see)
    const served = [];
    for (const s of streams) if ((await s.status()) === 200) served.push(s);
    await Promise.all(served.map((s) => s.waitFor((e) => e.event === "participant_joined" && e.data.name === "Kit")));
    await Promise.all(streams.map((s) => s.close()));
    expect(served.length, `stream answers: ${(await Promise.all(streams.map((s) => s.status()))).join(",")}`).toBeGreaterThan(0);
    const replayed = served.flatMap((s) => s.events);
    expect(replayed.some((e) => e.event === "match")).toBe(true);
    bodies.push(JSON.stringify(replayed));
    for (const p of posters) expect(p.status, `poster of ${p.key}`).not.toBe(200);
    expectNoHiddenFilm(bodies, hidden);

    // afterwards, everything the child is dealt is within the child's limits
    const cards = [...(await deck(kit, room.code, 0, 48)), ...(await deck(kit, room.code, 48, 48))];
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect(kidAllowed.has(c.contentRating), c.contentRating).toBe(true);
  });
});

describe("a guest cookie left in a child's browser", () => {
  it("never serves the child's profile: the child is not in the room until it joins as itself", async () => {
    const room = await createRoom(olivia);
    const gus = await joinAsGuest(env, room.code, "Gus");
    const dealt = await deck(olivia, room.code, 0, 24);
    const hidden = hiddenFromKit();
    const hiddenDealt = dealt.filter((c) => hidden.has(c.ratingKey));
    expect(hiddenDealt.length).toBeGreaterThan(0);
    // the same browser: the guest's cookie stays next to the child's session
    const kit = await switchToProfile(env, "Kit");
    for (const [name, value] of gus.cookies) if (!kit.cookies.has(name)) kit.cookies.set(name, value);

    const bodies: string[] = [];
    const get = async (path: string, init?: RequestInit) => {
      const res = await kit.raw(path, init);
      const text = await res.text();
      bodies.push(text);
      return { status: res.status, text };
    };
    const state = await get(`/api/rooms/${room.code}`);
    expect(state.status).toBe(200);
    expect(JSON.parse(state.text).joined).toBe(false);
    expect((await get(`/api/rooms/${room.code}/deck?from=0&count=24`)).status).toBe(404);
    const key = hiddenDealt[0]!.ratingKey;
    expect((await get(`/api/rooms/${room.code}/films/${key}`)).status).toBe(404);
    expect((await get(`/api/posters/${key}?room=${room.code}&dpr=1`)).status).toBe(404);
    const swipe = await get(`/api/rooms/${room.code}/swipes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ratingKey: key, liked: true }) });
    expect(swipe.status).toBe(404);
    expect(await openEvents(kit, room.code).status()).toBe(404);

    // joining makes the child a participant of its own, and the deck follows the child's limits
    const joined = await kit.call("POST", `/api/rooms/${room.code}/participants`, {});
    expect(joined.status).toBe(201);
    const cards = await deck(kit, room.code, 0, 48);
    bodies.push(JSON.stringify(cards));
    for (const c of cards) expect(kidAllowed.has(c.contentRating), c.contentRating).toBe(true);
    expectNoHiddenFilm(bodies, hidden);
    // Gus is still Gus
    expect((await gus.call("GET", `/api/rooms/${room.code}`)).body.me.name).toBe("Gus");
  });
});

describe("a restricted participant whose saved server access cannot be read", () => {
  it("sees nothing, with a message that says what to do, and the room goes on without them", async () => {
    const room = await createRoom(olivia);
    const kit = await switchToProfile(env, "Kit");
    const kitId = await join(kit, room.code);
    const kitCards = await deck(kit, room.code, 0, 48);
    expect(kitCards.length, JSON.stringify(await olivia.call("GET", `/api/rooms/${room.code}/deck?from=0&count=48`))).toBeGreaterThan(0);
    const state = (await olivia.call("GET", `/api/rooms/${room.code}`)).body;
    const stream = openEvents(olivia, room.code, { after: state.lastEventId });
    expect(await stream.status()).toBe(200);
    // SECRET changed: neither of the child's saved tokens decrypts any more
    await execSql(env.app.database, `UPDATE "User" SET "serverTokenEnc" = 'v1.AAAA.BBBB.CCCC', "plexTokenEnc" = 'v1.AAAA.BBBB.CCCC' WHERE "name" = 'Kit'`);
    await pastSessionCache();

    // Unreadable tokens end the child's session (issue 10: they must sign in again, which stores
    // fresh tokens): from then on this browser is a stranger to the room, shown nothing of it.
    const refusedDeck = await kit.call("GET", `/api/rooms/${room.code}/deck?from=0&count=48`);
    expect([401, 403, 404]).toContain(refusedDeck.status);
    expect(refusedDeck.body.error.message).toMatch(/^[A-Z]/);
    expect(JSON.stringify(refusedDeck.body)).not.toContain("ratingKey");
    expect((await kit.call("GET", `/api/rooms/${room.code}/films/${kitCards[0].ratingKey}`)).status).toBeGreaterThanOrEqual(400);
    expect((await kit.raw(`/api/posters/${kitCards[0].ratingKey}?room=${room.code}&dpr=1`)).status).not.toBe(200);
    expect(await openEvents(kit, room.code).status()).not.toBe(200);
    const page = await kit.raw(`/r/${room.code}`);
    const html = await page.text();
    expect(html).toContain("Join the room");
    expect(html).not.toContain('"ratingKey"');
    expect((await kit.call("GET", "/api/me")).status).toBe(401);

    // the room deals on: the child is taken out (everyone is told), never silently skipped
    expect((await olivia.call("GET", `/api/rooms/${room.code}/deck?from=24&count=48`)).status).toBe(200);
    await stream.waitFor((e) => e.event === "participant_left" && e.data.participantId === kitId);
    await stream.close();
    expect((await kit.call("GET", `/api/rooms/${room.code}/deck?from=0&count=48`)).status).not.toBe(200);
  });

  it("a profile whose server address is missing is refused too", async () => {
    const room = await createRoom(olivia);
    const tess = await switchToProfile(env, "Tess");
    await join(tess, room.code);
    await execSql(env.app.database, `UPDATE "User" SET "serverUri" = NULL WHERE "name" = 'Tess'`);
    await pastSessionCache();
    const res = await tess.call("GET", `/api/rooms/${room.code}/deck?from=0&count=24`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/sign in again/i);
  });
});

describe("a friend in a room loses the share", () => {
  it("leaves the room (everyone is told) and the owner's next deck page still answers 200", async () => {
    const room = await createRoom(olivia, { sectionIds: ["1", "2"] });
    const frank = await hostClient(env, "frank");
    const frankId = await join(frank, room.code);
    await deck(olivia, room.code, 0, 24);
    const state = (await olivia.call("GET", `/api/rooms/${room.code}`)).body;
    const stream = openEvents(olivia, room.code, { after: state.lastEventId });
    expect(await stream.status()).toBe(200);

    env.fake.unshare(env.fake.fixtures.friend.id);
    const next = await olivia.call("GET", `/api/rooms/${room.code}/deck?from=24&count=48`);
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    expect(next.body.cards.length).toBeGreaterThan(0);
    await stream.waitFor((e) => e.event === "participant_left" && e.data.participantId === frankId);
    await stream.close();
    const after = await olivia.call("GET", `/api/rooms/${room.code}`);
    expect(after.body.participants.map((p: any) => p.name)).not.toContain("Frank");
    // Frank no longer gets in; the room carries on for the others
    expect((await frank.call("GET", `/api/rooms/${room.code}/deck?from=0&count=8`)).status).not.toBe(200);
    expect((await olivia.call("GET", `/api/rooms/${room.code}/deck?from=72&count=48`)).status).toBe(200);
  });
});
