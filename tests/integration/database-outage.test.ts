import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { integrationDatabaseKind, postgresServerUrl } from "../helpers/database";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { createRoom, deck, hostClient, joinAsGuest } from "./rooms-support";

// PostgreSQL can go away under a running app (a restart, an upgrade); SQLite is a file in DATA_DIR.
const onPostgres = integrationDatabaseKind() === "postgresql";
let env: PlexApp;
beforeAll(async () => {
  if (onPostgres) env = await startAppWithPlex({ fake: { films: 60 } });
});
afterAll(async () => {
  await env?.stop();
});

/** Runs SQL as the server's administrator (not through the app). */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

it.skipIf(!onPostgres)("while PostgreSQL refuses the app, requests get a 503 that says so; afterwards everything works and nothing is lost", async () => {
  const name = new URL(env.app.database.url).pathname.slice(1);
  const host = await hostClient(env);
  const room = await createRoom(host);
  const guest = await joinAsGuest(env, room.code, "Pat");
  const [c0, c1] = await deck(guest, room.code);
  expect((await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c0.ratingKey, liked: true })).status).toBe(200);

  await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
  try {
    // The swipe writes with a prepared statement on the driver, the matches are read through Prisma.
    for (const res of [
      await guest.raw(`/api/rooms/${room.code}/swipes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ratingKey: c1.ratingKey, liked: true }) }),
      await host.raw(`/api/rooms/${room.code}/matches`),
    ]) {
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("database_unavailable");
      expect(body.error.message).toMatch(/database cannot be reached.*DATABASE_URL/);
    }
    expect(env.app.output()).toMatch(/"level":"warn".*"reqId":"[^"]+".*"msg":"database unavailable"/);
    expect(env.app.output()).not.toMatch(/unhandled error/);
  } finally {
    await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
  }
  // Back: the same swipe goes through, and the one made before the outage is still there.
  expect((await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: c1.ratingKey, liked: true })).status).toBe(200);
  const matches = await host.call("GET", `/api/rooms/${room.code}/matches`);
  expect(matches.body.nearMisses.map((m: { card: { ratingKey: string } }) => m.card.ratingKey).sort()).toEqual([c0.ratingKey, c1.ratingKey].sort());
});
