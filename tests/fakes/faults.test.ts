import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FakePlex } from "../fake-plex";
import { call, start } from "./helpers";

let plex: FakePlex;
beforeAll(async () => {
  plex = await start({ films: 10 });
});
afterEach(async () => {
  await plex.clearFaults();
});
afterAll(async () => {
  await plex.close();
});

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const refused = (url: string) =>
  fetch(url).then(
    () => false,
    (err: unknown) => {
      const cause = (err as { cause?: { code?: string } }).cause;
      return cause?.code === "ECONNREFUSED";
    },
  );

const control = (path: string, method: string, body?: unknown) =>
  fetch(`${plex.controlUrl}${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("faults", () => {
  it("latency delays every response of that server only", async () => {
    await plex.setFault("pms", { latencyMs: 300 });
    const slow = await timed(() => fetch(`${plex.pmsUrl}/identity`));
    expect(slow).toBeGreaterThanOrEqual(290);
    const fast = await timed(() => call(plex.plexTvUrl, "/api/v2/ping", { token: plex.fixtures.owner.token }));
    expect(fast).toBeLessThan(250);
    await plex.setFault("plextv", { latencyMs: 200 });
    expect(await timed(() => call(plex.plexTvUrl, "/api/v2/ping", { token: plex.fixtures.owner.token }))).toBeGreaterThanOrEqual(190);
    await plex.clearFaults();
    expect(await timed(() => fetch(`${plex.pmsUrl}/identity`))).toBeLessThan(250);
  });

  it("status answers every request with that status: plex.tv with its error envelope, PMS with HTML", async () => {
    await plex.setFault("plextv", { status: 503 });
    const tv = await call(plex.plexTvUrl, "/api/v2/user", { token: plex.fixtures.owner.token });
    expect(tv.status).toBe(503);
    expect(await tv.json()).toEqual({ errors: [{ code: 503, message: "Service Unavailable", status: 503 }] });
    const tvXml = await call(plex.plexTvUrl, "/api/v2/pins", { method: "POST", json: false });
    expect(tvXml.status).toBe(503);
    expect(await tvXml.text()).toContain("<errors>");

    await plex.setFault("pms", { status: 500 });
    const pms = await call(plex.pmsUrl, "/identity", {});
    expect(pms.status).toBe(500);
    expect(pms.headers.get("content-type")).toContain("text/html");
    expect(await pms.text()).toContain("500 Internal Server Error");
  });

  it("refuse closes the listening socket and refuse:false reopens it on the same port", async () => {
    const port = new URL(plex.pmsUrl).port;
    await plex.setFault("pms", { refuse: true });
    expect(await refused(`${plex.pmsUrl}/identity`)).toBe(true);
    // a raw TCP connection is refused too
    const raw = await new Promise<string>((resolve) => {
      const s = net.connect(Number(port), "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve("connected");
      });
      s.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
    });
    expect(raw).toBe("ECONNREFUSED");
    // plex.tv keeps working
    expect((await call(plex.plexTvUrl, "/api/v2/ping", { token: plex.fixtures.owner.token })).status).toBe(200);
    await plex.setFault("pms", { refuse: false });
    expect(new URL(plex.pmsUrl).port).toBe(port);
    expect((await fetch(`${plex.pmsUrl}/identity`)).status).toBe(200);

    await plex.setFault("plextv", { refuse: true });
    expect(await refused(`${plex.plexTvUrl}/auth`)).toBe(true);
    await plex.clearFaults();
    expect((await fetch(`${plex.plexTvUrl}/auth`)).status).toBe(200);
  });

  it("works through the control API, which itself is never faulted", async () => {
    expect((await control("/faults", "POST", { server: "pms", status: 503 })).status).toBe(200);
    expect((await fetch(`${plex.pmsUrl}/identity`)).status).toBe(503);
    expect((await control("/faults", "POST", { server: "plextv", refuse: true })).status).toBe(200);
    expect(await refused(`${plex.plexTvUrl}/auth`)).toBe(true);
    const health = await control("/health", "GET");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, pmsUrl: plex.pmsUrl, plexTvUrl: plex.plexTvUrl });
    expect((await control("/faults", "POST", { server: "pms", latencyMs: 150 })).status).toBe(200);
    expect(await timed(() => fetch(`${plex.pmsUrl}/identity`))).toBeGreaterThanOrEqual(140);
    expect((await control("/faults", "DELETE")).status).toBe(200);
    expect((await fetch(`${plex.plexTvUrl}/auth`)).status).toBe(200);
    expect((await fetch(`${plex.pmsUrl}/identity`)).status).toBe(200);
    expect((await control("/faults", "POST", { server: "nope" })).status).toBe(400);
  });
});
