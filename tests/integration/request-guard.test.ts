import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, dumpDatabase } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { expandRoute, listAppRoutes } from "../helpers/routes";
import { type Client, createRoom, deck, hostClient, joinAsGuest } from "./rooms-support";

/**
 * Requests that change state: only from our own origin, only JSON, and bodies limited while they
 * stream in (issue 9, §3).
 */
let env: PlexApp;
let host: Client;
beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 60 } });
  host = await hostClient(env);
});
afterAll(async () => {
  await env?.stop();
});

async function stableDump(): Promise<string> {
  const deadline = Date.now() + 20_000;
  let last = await dumpDatabase(env.app.database);
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await dumpDatabase(env.app.database);
    if (now === last || Date.now() > deadline) return now;
    last = now;
  }
}

/** A POST to /api/rooms as the admin over node:http, the body written by `write`; resolves with the status. */
function streamedCreate(headers: Record<string, string>, write: (req: http.ClientRequest, answered: () => boolean) => Promise<void>): Promise<{ status: number; written: number }> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let written = 0;
    const req = http.request(`${env.app.url}/api/rooms`, {
      method: "POST",
      headers: { cookie: host.header(), "Content-Type": "application/json", Origin: env.app.url, ...headers },
    });
    const origWrite = req.write.bind(req);
    req.write = ((chunk: string | Buffer, ...rest: never[]) => ((written += Buffer.byteLength(chunk)), origWrite(chunk, ...rest))) as typeof req.write;
    req.on("response", (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on("end", () => {
        req.destroy();
        resolve({ status, written });
      });
    });
    req.on("error", (error) => (status ? resolve({ status, written }) : reject(error)));
    write(req, () => status !== 0).catch(reject);
  });
}

describe("request bodies", () => {
  it("a chunked body with no Content-Length is refused with 413 while it is still streaming in", async () => {
    const rooms = await countRows(env.app.database, "Room");
    const chunk = `{"sectionIds":["1"],"pad":"${"x".repeat(4000)}`;
    const { status, written } = await streamedCreate({}, async (req, answered) => {
      // Never ends: only a server that stops at the limit can answer. Give up after 8 MB.
      const deadline = Date.now() + 30_000;
      let sent = 0;
      while (!answered() && Date.now() < deadline && sent < 8 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
        else await new Promise((r) => setImmediate(r));
      }
    });
    expect(status).toBe(413);
    expect(written).toBeLessThan(8 * 1024 * 1024);
    expect(await countRows(env.app.database, "Room")).toBe(rooms);
  });

  it("a Content-Length over the limit is refused before the body arrives", async () => {
    const { status, written } = await streamedCreate({ "Content-Length": String(50 * 1024 * 1024) }, async (req) => {
      req.write('{"sectionIds":');
      await Promise.resolve();
    });
    expect(status).toBe(413);
    expect(written).toBeLessThan(100);
  });

  it("a Content-Length smaller than the body sent: the rest is not a request; nothing is created", async () => {
    const rooms = await countRows(env.app.database, "Room");
    const body = JSON.stringify({ sectionIds: ["1"], pad: "y".repeat(100_000) });
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(env.app.port, "127.0.0.1");
      let got = "";
      socket.on("data", (d) => (got += d.toString()));
      socket.on("close", () => resolve(got));
      socket.on("error", () => resolve(got));
      socket.setTimeout(20_000, () => (socket.destroy(), reject(new Error(`no answer: ${got.slice(0, 200)}`))));
      socket.write(
        `POST /api/rooms HTTP/1.1\r\nHost: 127.0.0.1:${env.app.port}\r\nCookie: ${host.header()}\r\nContent-Type: application/json\r\nContent-Length: 20\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    const statuses = [...raw.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
    expect(statuses.length).toBeGreaterThan(0);
    for (const s of statuses) expect(s >= 400 && s < 500, raw.slice(0, 300)).toBe(true);
    expect(await countRows(env.app.database, "Room")).toBe(rooms);
  });

  it("a body just under the limit still works", async () => {
    const res = await host.call("POST", "/api/rooms", JSON.stringify({ sectionIds: ["1"] }) + " ".repeat(12_000));
    expect(res.status).toBe(201);
  });
});

describe("state-changing routes accept only our own origin and JSON", () => {
  const crossSite = "http://evil.example";
  // Another app on the same host: same site (ports do not count), another origin.
  const sameSiteOtherOrigin = () => `http://127.0.0.1:${env.app.port + 1}`;

  it("every POST/PUT/PATCH/DELETE of ours answers 403 to another origin and 415 to a form, and nothing changes", async () => {
    const room = await createRoom(host);
    const guest = await joinAsGuest(env, room.code, "Gia");
    const [card] = await deck(guest, room.code);
    const users = (await host.call("GET", "/api/admin/users")).body.users as { id: string }[];
    const values = { code: [room.code], id: [users[0]!.id], ratingKey: [card.ratingKey] };
    const routes = listAppRoutes().filter((r) => r.kind === "api" && !r.pattern.startsWith("/api/auth/"));
    const unsafe = routes.flatMap((r) => r.methods.filter((m) => !["GET", "HEAD", "OPTIONS"].includes(m)).map((method) => ({ method, url: expandRoute(r.pattern, values)[0]! })));
    // the routes this file knew of when written; a new one is walked too
    expect(unsafe.length).toBeGreaterThanOrEqual(11);

    // The deck of a new room fills up in the background: wait until nothing moves.
    const before = await stableDump();
    const json = JSON.stringify({ sectionIds: ["1"], name: "Eve", ratingKey: card.ratingKey, liked: true, uuid: "x", membersMayCreateRooms: true, code: "x", serverId: "x", login: "a", password: "b" });
    for (const { method, url } of unsafe) {
      for (const client of [host, guest]) {
        const attempts: { name: string; headers: Record<string, string>; body?: string; status: number }[] = [
          { name: "cross-site Origin", headers: { Origin: crossSite, "Content-Type": "application/json" }, body: json, status: 403 },
          { name: "same-site, other origin", headers: { Origin: sameSiteOtherOrigin(), "Content-Type": "application/json" }, body: json, status: 403 },
          { name: "Origin null", headers: { Origin: "null", "Content-Type": "application/json" }, body: json, status: 403 },
          { name: "Sec-Fetch-Site cross-site", headers: { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" }, body: json, status: 403 },
          { name: "Sec-Fetch-Site same-site", headers: { "Sec-Fetch-Site": "same-site", Origin: sameSiteOtherOrigin() }, status: 403 },
          { name: "our Origin, cross-site fetch", headers: { Origin: env.app.url, "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" }, body: json, status: 403 },
          { name: "form", headers: { Origin: env.app.url, "Content-Type": "application/x-www-form-urlencoded" }, body: "name=Eve&liked=true", status: 415 },
          { name: "multipart form", headers: { "Sec-Fetch-Site": "same-origin", "Content-Type": "multipart/form-data; boundary=x" }, body: "--x--", status: 415 },
          { name: "text/plain JSON", headers: { "Content-Type": "text/plain" }, body: json, status: 415 },
          { name: "a body without a type", headers: {}, body: json, status: 415 },
        ];
        for (const a of attempts) {
          const res = await client.raw(url, { method, headers: a.headers, body: a.body });
          const text = await res.text();
          expect(res.status, `${method} ${url} (${a.name}): ${text}`).toBe(a.status);
          expect(JSON.parse(text).error.message).toMatch(a.status === 403 ? /another site.*Open Reelmatch/ : /Content-Type: application\/json/);
        }
      }
    }
    expect(await dumpDatabase(env.app.database)).toBe(before);
  });

  it("our own origin, a same-origin fetch, and clients that are not browsers get through", async () => {
    const room = await createRoom(host);
    const [card] = await deck(host, room.code);
    const swipe = (headers: Record<string, string>) =>
      host.raw(`/api/rooms/${room.code}/swipes`, { method: "POST", headers: { "Content-Type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify({ ratingKey: card.ratingKey, liked: true }) });
    expect((await swipe({ Origin: env.app.url })).status).toBe(200);
    expect((await swipe({ "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
    expect((await swipe({ Origin: env.app.url, "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
    // no Origin, no Sec-Fetch-Site: not a browser, so no one else's cookies (curl, scripts)
    expect((await swipe({})).status).toBe(200);
    // a DELETE with no body needs no type
    expect((await host.raw(`/api/rooms/${room.code}/swipes/last`, { method: "DELETE", headers: { Origin: env.app.url } })).status).toBe(200);
  });

  it("reading is not affected: a GET from anywhere is answered as before", async () => {
    expect((await host.raw("/api/me", { headers: { Origin: crossSite, "Sec-Fetch-Site": "cross-site" } })).status).toBe(200);
  });
});
