/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import { expect } from "vitest";
import type { FakePlex } from "../fake-plex";
import { signInRun, type SignInRun } from "../helpers/sign-in";
import { Client, createRoom, openEvents, type SseEvent } from "./rooms-support";

export interface PlayedRoom {
  signIn: SignInRun;
  host: Client;
  code: string;
  match: SseEvent;
}

/**
 * The whole flow through `appUrl` (a proxy, a sub-path, a container...): Olivia signs in with Plex,
 * creates a room, a guest joins, both like the first card and the match reaches the host's event
 * stream.
 */
export async function playRoom(appUrl: string, fake: FakePlex): Promise<PlayedRoom> {
  const signIn = await signInRun(appUrl, fake, "olivia");
  expect(signIn.jar.header(), `sign-in ended at ${signIn.finalLocation} without a session`).toMatch(/next-auth\.session-token=/);
  const host = new Client(appUrl, signIn.jar.header());
  const room = await createRoom(host);
  const guest = new Client(appUrl);
  const joined = await guest.call("POST", `/api/rooms/${room.code}/participants`, { name: "Gus" });
  expect(joined.status, JSON.stringify(joined.body)).toBe(201);
  const stream = openEvents(host, room.code);
  try {
    expect(await stream.status()).toBe(200);
    const dealt = await Promise.all([host, guest].map((person) => person.call("GET", `/api/rooms/${room.code}/deck?from=0&count=1`)));
    for (const d of dealt) expect(d.status, JSON.stringify(d.body)).toBe(200);
    const card = dealt[0]!.body.cards[0];
    for (const person of [host, guest]) {
      const swiped = await person.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: card.ratingKey, liked: true });
      expect(swiped.status, JSON.stringify(swiped.body)).toBe(200);
    }
    const match = await stream.waitFor((e: any) => e.event === "match" && e.data?.card?.ratingKey === card.ratingKey);
    return { signIn, host, code: room.code, match };
  } finally {
    await stream.close();
  }
}
