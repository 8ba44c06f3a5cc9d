import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { backoffDelay, type BackoffOptions } from "@/lib/plex/backoff";
import { connectionCandidates, pickConnection, probeConnections } from "@/lib/plex/connection";
import { PlexError } from "@/lib/plex/errors";
import { createPlexTvClient } from "@/lib/plex/plextv";
import { createPmsClient } from "@/lib/plex/pms";
import type { PlexResource } from "@/lib/plex/schemas";
import { startFakePlex, type FakePlex } from "../fake-plex";

/** The Plex clients against the fake plex.tv and PMS, which behave as PLEX_API.md says. */
const identity = { clientIdentifier: "plex-client-test" };
let fake: FakePlex;
beforeAll(async () => {
  fake = await startFakePlex({ quiet: true, films: 40, silentLocal: true });
});
afterEach(async () => {
  await fake.clearFaults();
  fake.serveNullResourceFields(false);
});
afterAll(async () => fake?.close());

/** A plex.tv client whose back-off records its waits instead of sleeping. */
function plexTv(backoff: Partial<BackoffOptions> = {}) {
  const waits: number[] = [];
  const client = createPlexTvClient({
    baseUrl: fake.plexTvUrl,
    identity,
    timeoutMs: 3000,
    backoff: { attempts: 4, baseMs: 500, maxWaitMs: 8000, sleep: (ms) => (waits.push(ms), Promise.resolve()), ...backoff },
  });
  return { client, waits };
}

const serverOf = async (token: string): Promise<PlexResource> => {
  const resources = await plexTv().client.getResources(token);
  const server = resources.find((r) => r.clientIdentifier === fake.fixtures.server.machineIdentifier);
  if (!server) throw new Error("the server is not in the resources");
  return server;
};

describe("etiquette with the Plex Media Server", () => {
  it("names a page (X-Plex-Container-Size) on every library call", async () => {
    const pms = createPmsClient({ baseUrl: fake.pmsUrl, token: fake.fixtures.owner.serverToken!, identity, timeoutMs: 3000 });
    const before = fake.unpagedLibraryCalls().length;
    const [section] = await pms.listSections();
    const films = await pms.listMovies(section!.key, { start: 0, size: 5 });
    await pms.getMovies(films.items.map((f) => f.ratingKey));
    await pms.getMovie(films.items[0]!.ratingKey);
    await pms.listGenres(section!.key);
    await pms.listContentRatings(section!.key);
    expect(fake.unpagedLibraryCalls().slice(before)).toEqual([]);
  });

  it("tries a request once more at a new address when the saved one does not answer", async () => {
    const dead = "http://127.0.0.1:9"; // discard port: nothing listens
    let asked = 0;
    const pms = createPmsClient({
      baseUrl: dead,
      token: fake.fixtures.owner.serverToken!,
      identity,
      timeoutMs: 3000,
      reconnect: () => (asked++, Promise.resolve(fake.pmsUrl)),
    });
    expect((await pms.listSections()).length).toBeGreaterThan(0);
    expect(asked).toBe(1);
    expect(pms.baseUrl).toBe(fake.pmsUrl);
  });
});

describe("etiquette with plex.tv", () => {
  it("backs off and tries again when plex.tv answers 429, honouring Retry-After", async () => {
    await fake.setFault("plextv", { status: 429, times: 2, retryAfter: 1 });
    const { client, waits } = plexTv({ random: () => 0.5 });
    const user = await client.getUser(fake.fixtures.owner.token);
    expect(user.username).toBe("olivia");
    expect(waits).toEqual([1250, 1250]); // 1 s from Retry-After, +25% jitter
  });

  it("backs off exponentially with jitter when no Retry-After comes", async () => {
    await fake.setFault("plextv", { status: 429, times: 3 });
    const { client, waits } = plexTv();
    await client.getUser(fake.fixtures.owner.token);
    expect(waits).toHaveLength(3);
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(500 * 2 ** i);
      expect(w).toBeLessThanOrEqual(750 * 2 ** i);
    });
  });

  it("gives up at once, as rate limited, when Retry-After asks for longer than it waits, and after the last attempt", async () => {
    await fake.setFault("plextv", { status: 429, retryAfter: 60 });
    const long = plexTv();
    const error = await long.client.getUser(fake.fixtures.owner.token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlexError);
    expect((error as PlexError).kind).toBe("rate_limited");
    expect((error as PlexError).info.retryAfter).toBe(60);
    expect(long.waits).toEqual([]);

    await fake.setFault("plextv", { status: 429 });
    const endless = plexTv();
    await expect(endless.client.getUser(fake.fixtures.owner.token)).rejects.toMatchObject({ kind: "rate_limited" });
    expect(endless.waits).toHaveLength(3);
  });

  it("bounds every wait", () => {
    const opts = { attempts: 4, baseMs: 500, maxWaitMs: 8000, random: () => 1 };
    expect(backoffDelay(1, undefined, opts)).toBe(750);
    expect(backoffDelay(3, 7, opts)).toBe(8000); // 7 s asked, jitter trimmed to the bound
    expect(backoffDelay(1, 9, opts)).toBeUndefined();
    expect(backoffDelay(4, undefined, opts)).toBeUndefined();
  });

  it("reads a resource list with nulls in optional fields, leaving out only the device it cannot read", async () => {
    fake.serveNullResourceFields(true);
    const resources = await plexTv().client.getResources(fake.fixtures.owner.token);
    expect(resources.map((r) => r.clientIdentifier)).not.toContain("broken-device-0001");
    const server = resources.find((r) => r.clientIdentifier === fake.fixtures.server.machineIdentifier);
    expect(server?.httpsRequired).toBeUndefined();
    expect(server?.connections.length).toBeGreaterThan(1);
  });
});

describe("choosing a connection", () => {
  it("lists PLEX_SERVER_URL first, then local, remote and relay, with plain http beside https when https is not required", async () => {
    const owned = await serverOf(fake.fixtures.owner.token);
    const candidates = connectionCandidates(owned, { serverUrl: "http://10.0.0.5:32400" });
    expect(candidates[0]).toEqual({ uri: "http://10.0.0.5:32400", source: "PLEX_SERVER_URL" });
    expect(candidates.map((c) => c.source)).toContain("local");
    const https = { ...owned, connections: [{ protocol: "https", address: "192.168.1.20", port: 32400, uri: "https://192-168-1-20.abc.plex.direct:32400", local: true, relay: false }] };
    expect(connectionCandidates(https).map((c) => c.uri)).toEqual(["https://192-168-1-20.abc.plex.direct:32400", "http://192.168.1.20:32400"]);
    expect(connectionCandidates({ ...https, httpsRequired: true }).map((c) => c.uri)).toEqual(["https://192-168-1-20.abc.plex.direct:32400"]);
  });

  it("never probes the local addresses of a server shared with the account (the owner's LAN), so nothing waits on them", async () => {
    const shared = await serverOf(fake.fixtures.friend.token);
    expect(connectionCandidates(shared).some((c) => c.source === "local")).toBe(false);
    const before = fake.localConnections();
    const started = Date.now();
    expect(await pickConnection(shared, identity, { timeoutMs: 3000 })).toBe(fake.pmsUrl);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(fake.localConnections()).toBe(before);
  });

  it("probes the owner's local address, and reports each address, whether it answered and how fast", async () => {
    const owned = await serverOf(fake.fixtures.owner.token);
    const before = fake.localConnections();
    const probes = await probeConnections(owned, identity, { timeoutMs: 500 });
    expect(fake.localConnections()).toBeGreaterThan(before);
    const local = probes.find((p) => p.source === "local");
    expect(local).toMatchObject({ answered: false, problem: "no answer within 1 s" });
    const remote = probes.find((p) => p.source === "remote");
    expect(remote?.answered).toBe(true);
    expect(remote?.ms).toBeGreaterThanOrEqual(0);
  });

  it("uses PLEX_SERVER_URL when none of the advertised addresses answers, and names the addresses tried otherwise", async () => {
    const owned = await serverOf(fake.fixtures.owner.token);
    const unreachable = { ...owned, connections: owned.connections.map((c) => ({ ...c, uri: "http://127.0.0.1:9", address: "127.0.0.1", port: 9 })) };
    expect(await pickConnection(unreachable, identity, { serverUrl: fake.pmsUrl, timeoutMs: 500 })).toBe(fake.pmsUrl);
    const error = await pickConnection(unreachable, identity, { timeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlexError);
    expect((error as Error).message).toMatch(/Tried: http:\/\/127\.0\.0\.1:9 \(could not connect\)/);
    expect((error as Error).message).toMatch(/set PLEX_SERVER_URL/);
  });
});
