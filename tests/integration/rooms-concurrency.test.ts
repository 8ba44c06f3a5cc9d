/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app";
import { integrationDatabaseKind } from "../helpers/database";
import { querySql } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { Client, createRoom, deck, hostClient, joinAsGuest, openEvents } from "./rooms-support";

// Match decisions are made from the database inside the swipe's transaction: two people's last
// likes at the same moment give exactly one match. On PostgreSQL the two likes go to two app
// instances on one database (nothing in either process's memory can decide it); SQLite means one
// instance, so there the likes are parallel requests to it.

const twoInstances = integrationDatabaseKind() === "postgresql";
let env: PlexApp;
let second: RunningApp | undefined;

beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 200 } });
  if (twoInstances) {
    second = await startApp({
      database: env.app.database,
      env: {
        PLEX_TV_URL: env.fake.plexTvUrl,
        PLEX_APP_URL: env.fake.plexTvUrl,
        PLEX_SERVER_ID: env.fake.fixtures.server.machineIdentifier,
        PLEX_TIMEOUT_MS: "3000",
      },
    });
  }
}, 120_000);
afterAll(async () => {
  await second?.stop();
  await env?.stop();
});

/** The same person (same cookies) talking to the other instance, or to the same one on SQLite. */
function onOther(client: Client): Client {
  const other = new Client(second?.url ?? client.baseUrl);
  other.cookies = client.cookies;
  return other;
}

describe("simultaneous last likes", () => {
  it("give exactly one match per film, never zero, never two", async () => {
    const host = await hostClient(env);
    const room = await createRoom(host);
    const guestHere = await joinAsGuest(env, room.code, "Gus");
    const guest = onOther(guestHere);
    const cards = await deck(host, room.code, 0, 40);
    const events = openEvents(host, room.code);
    expect(await events.status()).toBe(200);
    // Both like every film at once, card by card (each swipe is the person's next card).
    for (const c of cards) {
      const [a, b] = await Promise.all([
        host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c.ratingKey, liked: true }),
        guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c.ratingKey, liked: true }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect([a.body.match, b.body.match].filter(Boolean), `film at ${c.position}`).toHaveLength(1);
    }
    const id = String((await querySql(env.app.database, `SELECT "id" FROM "Room" WHERE "code" = '${room.code}'`))[0]!.id);
    const rows = await querySql(env.app.database, `SELECT "ratingKey" FROM "Match" WHERE "roomId" = '${id}'`);
    expect(rows.map((r) => String(r.ratingKey)).sort()).toEqual(cards.map((c: any) => c.ratingKey as string).sort());
    const stored = await querySql(env.app.database, `SELECT COUNT(*) AS n FROM "RoomEvent" WHERE "roomId" = '${id}' AND "type" = 'match'`);
    expect(Number(stored[0]!.n)).toBe(cards.length);
    if (!twoInstances) {
      // One instance: its own stream sees every match once.
      await events.waitFor(() => events.events.filter((e) => e.event === "match").length >= cards.length);
      expect(new Set(events.events.filter((e) => e.event === "match").map((e) => e.data.card.ratingKey)).size).toBe(cards.length);
    }
    await events.close();
  }, 120_000);
});
