import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { createRoom, hostClient, type Client } from "./rooms-support";

/**
 * Pages, scripts and styles are sent gzip-compressed to a browser that accepts it; event streams
 * never are (a compressor holds bytes back until it has enough to pack, so events would arrive late).
 */
let env: PlexApp;
let olivia: Client;

beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 30 } });
  olivia = await hostClient(env);
});
afterAll(async () => {
  await env?.stop();
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET with node:http (fetch would decompress on its own), read to the end. */
function get(path: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(env.app.url + path, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("text compression", () => {
  it("sends pages and their scripts and styles gzip-compressed when the browser accepts gzip", async () => {
    const page = await get("/", { "accept-encoding": "gzip, deflate, br" });
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBe("gzip");
    const html = gunzipSync(page.body).toString();
    expect(html).toMatch(/<html/);
    const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith(".js"))).toBe(true);
    expect(assets.some((a) => a.endsWith(".css"))).toBe(true);
    for (const asset of assets) {
      const res = await get(asset, { "accept-encoding": "gzip" });
      expect(res.status, asset).toBe(200);
      // the compressor leaves out answers under 1 kB
      if (res.body.length >= 1024 || res.headers["content-encoding"]) expect(res.headers["content-encoding"], asset).toBe("gzip");
    }
  });

  it("sends a page uncompressed to a client that does not accept gzip", async () => {
    const page = await get("/", {});
    expect(page.headers["content-encoding"]).toBeUndefined();
    expect(page.body.toString()).toMatch(/<html/);
  });

  it("compresses a deck page but not a swipe's answer (under 1 kB: gzip would cost more than it saves)", async () => {
    const room = await createRoom(olivia);
    const page = await get(`/api/rooms/${room.code}/deck?from=0&count=8`, { cookie: olivia.header(), "accept-encoding": "gzip" });
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBe("gzip");
    const cards = (JSON.parse(gunzipSync(page.body).toString()) as { cards: { ratingKey: string }[] }).cards;
    const swipe = await new Promise<RawResponse>((resolve, reject) => {
      const req = http.request(`${env.app.url}/api/rooms/${room.code}/swipes`, { method: "POST", headers: { cookie: olivia.header(), "accept-encoding": "gzip", "content-type": "application/json", origin: env.app.url } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end(JSON.stringify({ ratingKey: cards[0]!.ratingKey, liked: true }));
    });
    expect(swipe.status).toBe(200);
    expect(swipe.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(swipe.body.toString())).toBeTypeOf("object");
  });

  it("never compresses an event stream: no content-encoding, and the first bytes arrive at once", async () => {
    const room = await createRoom(olivia);
    const first = await new Promise<{ headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = http.get(`${env.app.url}/api/rooms/${room.code}/events`, { headers: { cookie: olivia.header(), "accept-encoding": "gzip, deflate, br" } }, (res) => {
        // The stream stays open: whatever arrived first must already be readable text.
        res.once("data", (chunk: Buffer) => {
          resolve({ headers: res.headers, text: chunk.toString() });
          req.destroy();
        });
      });
      req.on("error", reject);
    });
    expect(first.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(first.headers["content-encoding"]).toBeUndefined();
    expect(first.text).toMatch(/^retry: \d+/);
  });
});
