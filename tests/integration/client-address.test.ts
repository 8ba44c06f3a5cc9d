import { afterEach, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app";

/**
 * The client's address through the real server (scripts/server.mjs), seen through the one thing
 * that keys on it: the limit on guessing room codes. A client is "exhausted" once a stranger's
 * lookup from it answers 429; another client must still get 404.
 */
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  await app?.database.drop();
  app = undefined;
});

const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
let guesses = 0;
const lookup = (headers: Record<string, string>) => {
  const i = guesses++;
  return fetch(`${app!.url}/api/rooms/ZZ${alphabet[i % 31]}${alphabet[Math.floor(i / 31) % 31]}ZZZZ`, { headers });
};

/** Guesses from `headers` until refused (429); fails if that never happens within 100 guesses. */
async function exhaust(headers: Record<string, string>): Promise<void> {
  for (let i = 0; i < 100; i++) if ((await lookup(headers)).status === 429) return;
  throw new Error("the limit never refused");
}

describe("client address (TRUST_PROXY)", () => {
  it("off (default): the socket address counts; made-up X-Forwarded-For and the internal header are ignored", async () => {
    app = await startApp();
    await exhaust({ "x-forwarded-for": "203.0.113.1" });
    // another forwarded address, or a forged internal header, is still the same socket: refused
    expect((await lookup({ "x-forwarded-for": "203.0.113.2" })).status).toBe(429);
    expect((await lookup({ "x-reelmatch-socket-address": "203.0.113.3", "x-real-ip": "203.0.113.4" })).status).toBe(429);
  });

  it("TRUST_PROXY=1: the last hop of X-Forwarded-For counts (what our proxy saw), not what the client put before it", async () => {
    app = await startApp({ env: { TRUST_PROXY: "1" } });
    await exhaust({ "x-forwarded-for": "6.6.6.6, 198.51.100.7" });
    expect((await lookup({ "x-forwarded-for": "198.51.100.7" })).status).toBe(429);
    expect((await lookup({ "x-forwarded-for": "198.51.100.7, 198.51.100.8" })).status).toBe(404);
    // without the header the proxy itself (the socket) is the client: its own bucket
    expect((await lookup({})).status).toBe(404);
  });

  it("a list: only the listed proxies are skipped", async () => {
    // The test client connects from 127.0.0.1: that is the listed proxy; 10.0.0.0/8 are more proxies.
    app = await startApp({ env: { TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" } });
    await exhaust({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.1.2.3" });
    // 10.1.2.3 was skipped, 198.51.100.7 is not a listed proxy: it is the client, whatever is left of it
    expect((await lookup({ "x-forwarded-for": "7.7.7.7, 198.51.100.7" })).status).toBe(429);
    expect((await lookup({ "x-forwarded-for": "6.6.6.6, 198.51.100.9, 10.1.2.3" })).status).toBe(404);
  });

  it("a wrong TRUST_PROXY stops start-up with a message naming it", async () => {
    app = await startApp({ env: { TRUST_PROXY: "my-proxy" }, expectExit: true });
    expect(app.exitCode()).not.toBe(0);
    expect(app.output()).toMatch(/TRUST_PROXY: "my-proxy" is not an IP address or CIDR range/);
  });
});
