/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LISTENER_APPLICATION_NAME } from "@/lib/realtime/pg-event-bus";
import { startFakePlex, type FakePlex } from "../fake-plex";
import { startApp, type RunningApp } from "../helpers/app";
import { startBalancer, type Balancer } from "../helpers/balancer";
import { createTestDatabase, integrationDatabaseKind, type TestDatabase } from "../helpers/database";
import { plexEnv, type PlexApp } from "../helpers/plex-app";
import { freePort } from "../helpers/ports";
import { allowedRatings } from "../helpers/restrictions";
import { Client, createRoom, hostClient, joinAsGuest, openEvents, switchToProfile } from "./rooms-support";

/**
 * Two production instances on one PostgreSQL database behind nginx (issue 11): events reach every
 * instance's streams, a restricted newcomer's withdrawals reach the other instance at once, a
 * killed instance's clients reconnect to the other and miss nothing, and a stopped one loses
 * nothing in flight. SQLite means one instance: there is nothing to test there.
 */
const onPostgres = integrationDatabaseKind() === "postgresql";
if (!onPostgres) {
  console.warn("\n*** SKIPPED tests/integration/instances.test.ts: several instances need PostgreSQL (TEST_DATABASE=postgresql PG_URL=...). SQLite means one instance. ***\n");
}

let fake: FakePlex;
let database: TestDatabase;
let balancer: Balancer;
let a: RunningApp;
let b: RunningApp;
let appEnv: Record<string, string | undefined>;
/** The helpers' environment, pointed at the balancer. */
let lb: PlexApp;

/** Polls until `check` answers truthy (a busy machine: conditions, never fixed sleeps). */
async function until<T>(what: string, check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The same person (their cookies) talking to one instance directly. */
const on = (app: RunningApp, client: Client) => new Client(app.url, client.header());

async function swipe(client: Client, code: string, ratingKey: string, liked = true) {
  const res = await client.call("POST", `/api/rooms/${code}/swipes`, { ratingKey, liked });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function dealt(client: Client, code: string, from: number, count: number): Promise<any[]> {
  const res = await client.call("GET", `/api/rooms/${code}/deck?from=${from}&count=${count}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.cards;
}

describe.skipIf(!onPostgres)("two instances behind a load balancer", () => {
  beforeAll(async () => {
    fake = await startFakePlex({ quiet: true, films: 300 });
    database = await createTestDatabase("postgresql");
    const lbPort = await freePort();
    appEnv = { ...plexEnv(fake), APP_URL: `http://127.0.0.1:${lbPort}` };
    a = await startApp({ database, env: appEnv });
    b = await startApp({ database, env: appEnv });
    balancer = await startBalancer({ port: lbPort, upstreams: [a.port, b.port] });
    lb = { app: { ...a, url: balancer.url }, fake, stop: () => Promise.resolve() };
  }, 120_000);
  afterAll(async () => {
    await balancer?.stop();
    await a?.stop();
    await b?.stop();
    await database?.drop();
    await fake?.close();
  });

  it("a host on A and a guest on B reach a match seen on both screens", async () => {
    const olivia = await hostClient(lb);
    const room = await createRoom(olivia);
    const gus = await joinAsGuest(lb, room.code, "Gus");
    const hostOnA = on(a, olivia);
    const guestOnB = on(b, gus);
    const hostStream = openEvents(hostOnA, room.code);
    const guestStream = openEvents(guestOnB, room.code);
    expect(await hostStream.status()).toBe(200);
    expect(await guestStream.status()).toBe(200);
    const [card] = await dealt(hostOnA, room.code, 0, 1);
    await dealt(guestOnB, room.code, 0, 1);
    await swipe(hostOnA, room.code, card.ratingKey);
    await swipe(guestOnB, room.code, card.ratingKey);
    const isMatch = (e: any) => e.event === "match" && e.data?.card?.ratingKey === card.ratingKey;
    await hostStream.waitFor(isMatch);
    await guestStream.waitFor(isMatch);
    // progress (not stored: it travels whole in the NOTIFY) of the guest's swipe on B reaches A's stream
    const people = (await hostOnA.call("GET", `/api/rooms/${room.code}`)).body.participants as any[];
    const gusId = people.find((p) => p.name === "Gus")?.id;
    expect(gusId).toBeTruthy();
    await hostStream.waitFor((e) => e.event === "progress" && e.data.participantId === gusId);
    await hostStream.close();
    await guestStream.close();
  });

  it("a restricted newcomer joining through A withdraws cards from B's next deck page and B's streams at once", async () => {
    const olivia = await hostClient(lb);
    const room = await createRoom(olivia, { yearFrom: 1900 });
    const gus = await joinAsGuest(lb, room.code, "Gus");
    const hostOnB = on(b, olivia);
    const guestOnB = on(b, gus);
    // B is warm: it dealt the first page and cached the room, its cards and its withdrawn films.
    const first = await dealt(hostOnB, room.code, 0, 24);
    await dealt(guestOnB, room.code, 0, 24);
    await swipe(hostOnB, room.code, first[0].ratingKey);
    const state = await hostOnB.call("GET", `/api/rooms/${room.code}`);
    const stream = openEvents(guestOnB, room.code, { after: state.body.lastEventId });
    expect(await stream.status()).toBe(200);
    const teen = allowedRatings("teen");
    const hiddenDealt = first.filter((c) => !teen.has(c.contentRating));
    expect(hiddenDealt.length).toBeGreaterThan(0);

    const tess = on(a, await switchToProfile(lb, "Tess"));
    const joined = await tess.call("POST", `/api/rooms/${room.code}/participants`, {});
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);

    // At once (no waiting): B's next deck pages hold only films Tess may see, dealt ones and new ones.
    const again = await dealt(hostOnB, room.code, 0, 24);
    const next = await dealt(guestOnB, room.code, 24, 48);
    for (const c of [...again, ...next]) expect(teen.has(c.contentRating), `${c.title} (${c.contentRating}) is served by B after Tess joined on A`).toBe(true);
    for (const c of hiddenDealt) expect(again.some((x) => x.ratingKey === c.ratingKey)).toBe(false);
    // B's stream is told which positions left the deck.
    const withdrawn = await stream.waitFor((e) => e.event === "deck_withdrawn");
    for (const c of hiddenDealt) expect(withdrawn.data.positions).toContain(c.position);
    // And B refuses a swipe on a withdrawn card straight away.
    expect((await hostOnB.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: hiddenDealt.at(-1).ratingKey, liked: true })).status).toBe(409);
    await stream.close();
  });

  it("a lost LISTEN connection: each instance reconnects and replays from the last id it delivered", async () => {
    const olivia = await hostClient(lb);
    const room = await createRoom(olivia);
    const gus = await joinAsGuest(lb, room.code, "Gus");
    const cards = await dealt(olivia, room.code, 0, 3);
    await dealt(gus, room.code, 0, 3);
    const stream = openEvents(on(a, olivia), room.code);
    expect(await stream.status()).toBe(200);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const listening = async () => (await admin.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [LISTENER_APPLICATION_NAME])).rowCount;
      await until("both instances listening", async () => (await listening()) === 2);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [LISTENER_APPLICATION_NAME]);
      // A match committed on B while the instances' LISTEN connections are down (or coming back).
      await swipe(on(b, olivia), room.code, cards[0].ratingKey);
      await swipe(on(b, gus), room.code, cards[0].ratingKey);
      await stream.waitFor((e) => e.event === "match" && e.data.card.ratingKey === cards[0].ratingKey);
      await until("both instances listening again", async () => (await listening()) === 2);
      // And events after the reconnect flow as before.
      await swipe(on(b, olivia), room.code, cards[1].ratingKey);
      await swipe(on(b, gus), room.code, cards[1].ratingKey);
      await stream.waitFor((e) => e.event === "match" && e.data.card.ratingKey === cards[1].ratingKey);
      expect(a.output() + b.output()).toMatch(/lost the room events connection/);
    } finally {
      await admin.end();
      await stream.close();
    }
  });

  it("SIGKILL of A mid-room: clients reconnect through the balancer to B with Last-Event-ID and miss no match", async () => {
    const olivia = await hostClient(lb);
    const room = await createRoom(olivia);
    const gus = await joinAsGuest(lb, room.code, "Gus");
    const cards = await dealt(olivia, room.code, 0, 10);
    await dealt(gus, room.code, 0, 10);
    // Both screens' streams happen to be on A.
    const streams = [openEvents(on(a, olivia), room.code), openEvents(on(a, gus), room.code)];
    for (const s of streams) expect(await s.status()).toBe(200);
    for (const c of cards.slice(0, 3)) {
      await swipe(olivia, room.code, c.ratingKey);
      await swipe(gus, room.code, c.ratingKey);
    }
    const killed = new Promise((resolve) => a.process.once("exit", resolve));
    a.process.kill("SIGKILL");
    await killed;
    // Matches keep coming through the balancer (to B) while the streams are down.
    for (const c of cards.slice(3, 6)) {
      await swipe(olivia, room.code, c.ratingKey);
      await swipe(gus, room.code, c.ratingKey);
    }
    const expected = cards.slice(0, 6).map((c) => c.ratingKey);
    for (const [i, s] of streams.entries()) {
      await s.ended;
      const lastId = Math.max(0, ...s.events.filter((e) => e.id).map((e) => e.id));
      const who = [olivia, gus][i]!;
      const again = openEvents(who, room.code, { lastEventId: lastId });
      expect(await again.status()).toBe(200);
      await until("every match on the reconnected stream", () => {
        const seen = new Set([...s.events, ...again.events].filter((e) => e.event === "match").map((e) => e.data.card.ratingKey));
        return expected.every((k) => seen.has(k));
      });
      await again.close();
    }
    a = await startApp({ database, env: appEnv, port: a.port });
  });

  it("after SIGTERM of an instance nothing in flight is lost: swipes acknowledged = swipes stored, streams told to reconnect", async () => {
    const olivia = await hostClient(lb);
    const room = await createRoom(olivia);
    const guests = await Promise.all(["Ann", "Ben", "Cat", "Dan"].map((name) => joinAsGuest(lb, room.code, name)));
    const cards = await dealt(olivia, room.code, 0, 40);
    for (const g of guests) await dealt(g, room.code, 0, 40);
    // The stream's raw text, to see the reconnect hint it ends with.
    const streamOnA = await fetch(`${a.url}/api/rooms/${room.code}/events`, { headers: { cookie: olivia.header() } });
    expect(streamOnA.status).toBe(200);
    const streamText = streamOnA.text();
    let acknowledged = 0;
    const failures: string[] = [];
    const resent: string[] = [];
    let stoppedAt = 0;
    const send = (g: Client, ratingKey: string) => g.raw(`/api/rooms/${room.code}/swipes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ratingKey, liked: false }) });
    const swiping = guests.map(async (g, gi) => {
      for (const [ci, c] of cards.entries()) {
        const what = () => `guest ${gi} card ${ci} (position ${c.position}) ${stoppedAt ? `${Date.now() - stoppedAt} ms after SIGTERM` : "before SIGTERM"}`;
        let res = await send(g, c.ratingKey);
        let text = await res.text();
        // A connection the kernel had queued for A when A closed its listening socket is reset
        // before the app ever reads it; nginx does not pass a POST on once it is sent, so it
        // answers 502 itself. The app's swipe queue sends such a swipe again (5xx is worth a retry),
        // as this person does once. The first try must have done nothing: were it half done, or
        // done with its answer lost, the second would be a duplicate.
        if (res.status === 502 && stoppedAt && text.includes("nginx")) {
          res = await send(g, c.ratingKey);
          text = await res.text();
          resent.push(`${what()}: resent, ${res.status} ${text.slice(0, 120)}`);
          if (res.status === 200 && (JSON.parse(text) as { duplicate: boolean }).duplicate) failures.push(`${what()}: the swipe nginx answered 502 for had been stored`);
        }
        if (res.status === 200) acknowledged++;
        else failures.push(`${what()} from ${res.headers.get("x-upstream")} (A ${a.port}, B ${b.port}): ${res.status} ${text.slice(0, 200)}`);
      }
    });
    await until("some swipes acknowledged", () => acknowledged >= 20 || failures.length > 0);
    expect(failures.slice(0, 3), "before SIGTERM").toEqual([]);
    stoppedAt = Date.now();
    a.process.kill("SIGTERM");
    const exitCode = await new Promise<number | null>((resolve) => a.process.once("exit", (code) => resolve(code)));
    const stopTook = Date.now() - stoppedAt;
    await Promise.all(swiping);
    expect(await streamText).toMatch(/retry: 300\n: reconnect, this server is stopping/);
    // Nothing in flight is lost: every swipe was answered 200 (none failed for want of an
    // instance: a dropped connection would answer 502), and every acknowledged swipe is stored.
    expect(failures.slice(0, 3)).toEqual([]);
    // The reset can only meet connections queued at the moment the socket closed: one per person at most.
    expect(resent.length, resent.join("\n")).toBeLessThanOrEqual(guests.length);
    expect(acknowledged).toBe(guests.length * cards.length);
    expect(exitCode).toBe(0);
    expect(stopTook).toBeLessThan(10_000);
    expect(a.output()).toMatch(/stopped/);
    const state = await olivia.call("GET", `/api/rooms/${room.code}`);
    const stored = state.body.participants.filter((p: any) => !p.isHost).reduce((sum: number, p: any) => sum + p.swiped, 0);
    expect(stored).toBe(acknowledged);
    a = await startApp({ database, env: appEnv, port: a.port });
  });
});
