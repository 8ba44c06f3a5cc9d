 
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrationDatabaseKind, postgresServerUrl } from "../helpers/database";
import { execSql, querySql } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { signInAs } from "../helpers/sign-in";

/** Liveness and readiness, as the image's HEALTHCHECK and a balancer use them; request ids. */
let env: PlexApp;
let owner: string;
beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 20 }, env: { TRUST_PROXY: "1", LOG_LEVEL: "debug" } });
  owner = await signInAs(env.app.url, env.fake, "olivia"); // an address of the Plex server gets chosen
});
afterAll(async () => env?.stop());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(env.app.url + path, { headers });
  return { status: res.status, body: (await res.json()), headers: res.headers };
};

/** Readiness probes the Plex server at most every 10 s: wait for a report that says `status`. */
const plexStatusBecomes = async (status: string) =>
  expect.poll(async () => (await get("/api/health/ready")).body.plex.status, { timeout: 20_000, interval: 500 }).toBe(status);

describe("health", () => {
  it("liveness answers while the process is up; /api/health still answers as before", async () => {
    expect(await get("/api/health/live")).toMatchObject({ status: 200, body: { status: "live" } });
    expect(await get("/api/health")).toMatchObject({ status: 200, body: { ok: true } });
  });

  it("readiness: database reachable and migrated, Plex reachable, and nothing private in the answer", async () => {
    await plexStatusBecomes("reachable");
    const ready = await get("/api/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: "ready", database: { status: "ok" }, plex: { status: "reachable" } });
    expect(ready.body.plex.ms).toBeGreaterThanOrEqual(0);
    const text = JSON.stringify(ready.body);
    expect(text).not.toContain(env.fake.pmsUrl);
    expect(text).not.toMatch(/token|Reelmatch Demo Server/i);
  });

  it("the Plex server down: still ready, with plex unreachable", async () => {
    await env.fake.setFault("pms", { refuse: true });
    try {
      await plexStatusBecomes("unreachable");
      const ready = await get("/api/health/ready");
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe("ready");
      expect(ready.body.plex.message).toMatch(/did not answer/);
    } finally {
      await env.fake.clearFaults();
    }
  });

  it("a migration missing: not ready, naming it and what to do", async () => {
    const name = String((await querySql(env.app.database, `SELECT name FROM "_reelmatch_migrations" ORDER BY name DESC LIMIT 1`))[0]?.name);
    await execSql(env.app.database, `DELETE FROM "_reelmatch_migrations" WHERE name = '${name}'`);
    try {
      const ready = await get("/api/health/ready");
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe("not_ready");
      expect(ready.body.database).toMatchObject({ status: "not_migrated" });
      expect(ready.body.database.message).toContain(name);
      expect(ready.body.database.message).toMatch(/Restart Reelmatch/);
      expect((await get("/api/health/live")).status).toBe(200);
    } finally {
      await execSql(env.app.database, `INSERT INTO "_reelmatch_migrations" ("name", "applied_at") VALUES ('${name}', '2026-01-01T00:00:00.000Z')`);
    }
    expect((await get("/api/health/ready")).status).toBe(200);
  });

  it.skipIf(integrationDatabaseKind() !== "postgresql")("the database down: not ready, saying the database cannot be reached; live all the same", async () => {
    const name = new URL(env.app.database.url).pathname.slice(1);
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: postgresServerUrl() });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    try {
      const ready = await get("/api/health/ready");
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: "not_ready", database: { status: "unreachable" } });
      expect(ready.body.database.message).toMatch(/database cannot be reached/);
      expect((await get("/api/health/live")).status).toBe(200);
    } finally {
      await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    }
    await expect.poll(async () => (await get("/api/health/ready")).status, { timeout: 20_000 }).toBe(200);
  });
});

describe("request ids", () => {
  it("every answer carries one; a trusted proxy's X-Request-Id is kept and lands on the request's log lines", async () => {
    const fresh = await fetch(`${env.app.url}/api/health/live`);
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    // TRUST_PROXY=1: the test stands where the proxy would
    const kept = await fetch(`${env.app.url}/api/rooms/options`, { headers: { "X-Request-Id": "proxy-req-4242", cookie: owner } });
    expect(kept.status).toBe(200);
    expect(kept.headers.get("x-request-id")).toBe("proxy-req-4242");
    // At debug level the calls to the Plex server are logged, each with the request's id, no token.
    const lines = env.app.output().split("\n").filter((l) => l.includes('"reqId":"proxy-req-4242"'));
    expect(lines.some((l) => l.includes("/library/sections"))).toBe(true);
    expect(env.app.output()).not.toContain(env.fake.fixtures.owner.token);
  });
});
