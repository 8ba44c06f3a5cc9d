import { afterAll, beforeAll, expect, it } from "vitest";
import { WRONG_ROOM_CODES_IN_ALL } from "@/lib/limits/schedules";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { Client, createRoom, deck, hostClient, joinAsGuest } from "./rooms-support";

// Its own app: the pause it provokes is installation-wide.
let env: PlexApp;
beforeAll(async () => {
  // TRUST_PROXY=1: the guesser hides behind a proxy that names a new client address each time.
  env = await startAppWithPlex({ fake: { films: 60 }, env: { TRUST_PROXY: "1" } });
});
afterAll(async () => {
  await env?.stop();
});

it("someone guessing codes from ever new addresses gets nowhere; people in rooms swipe on", async () => {
  const host = await hostClient(env);
  const room = await createRoom(host);
  const guest = await joinAsGuest(env, room.code, "Gia");
  const [card] = await deck(guest, room.code);

  // Behind a trusted proxy X-Forwarded-For names the client: one address per guess.
  const guesser = new Client(env.app.url);
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const guess = (i: number, code?: string) =>
    guesser.raw(`/api/rooms/${code ?? `QQ${alphabet[i % 31]}${alphabet[Math.floor(i / 31) % 31]}QQQQ`}/participants`, {
      method: "POST",
      headers: { "x-forwarded-for": `198.51.100.${i % 250}.${i}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Eve" }),
    });
  for (let i = 0; i < WRONG_ROOM_CODES_IN_ALL.limit; i++) expect((await guess(i)).status).toBe(404);

  // From now on a stranger's guess gets 429 whether the room exists or not: no oracle.
  const wrong = await guess(9999);
  const right = await guess(10_000, room.code);
  expect([wrong.status, right.status]).toEqual([429, 429]);
  expect(right.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(await right.text()).toMatch(/joining is paused/);

  // Everyone already in the room, and signed-in people, carry on.
  expect((await guest.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: card.ratingKey, liked: true })).status).toBe(200);
  expect((await guest.call("GET", `/api/rooms/${room.code}`)).status).toBe(200);
  expect((await host.call("GET", `/api/rooms/${room.code}`)).status).toBe(200);
  expect((await host.call("GET", "/api/rooms/ZZZZZZZZ")).status).toBe(404);
});
