/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentRatingAge } from "@/lib/rooms/content-ratings";
import { allowedRatings } from "../helpers/restrictions";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { Client, createRoom, hostClient, joinAsGuest, switchToProfile } from "./rooms-support";

/**
 * Getting in and back (issue 13): the home page's list of one's open rooms shows no one else's,
 * guests cannot pass for the host or a member, and the create form's live count is what the room
 * would deal, for the person asking.
 */
let env: PlexApp;
let olivia: Client;
let frank: Client;
const films = () => env.fake.library.films.filter((f) => f.sectionKey === "1");

beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 200 } });
  [olivia, frank] = await Promise.all([hostClient(env), hostClient(env, "frank")]);
});
afterAll(async () => {
  await env?.stop();
});

/** The codes the home page lists for this browser. */
async function homeRooms(client: Client): Promise<string[]> {
  const res = await client.raw("/");
  expect(res.status).toBe(200);
  const html = await res.text();
  return [...html.matchAll(/data-code="([A-Z2-9]{8})"/g)].map((m) => m[1]!);
}

describe("the home page lists one's open rooms, and only those", () => {
  it("hosted and joined rooms for signed-in people, the guest cookie's rooms for guests, nothing of anyone else's", async () => {
    const oliviaRoom = await createRoom(olivia);
    const frankRoom = await createRoom(frank);
    const gus = await joinAsGuest(env, oliviaRoom.code, "Gus");
    const stranger = new Client(env.app.url);

    expect(await homeRooms(olivia)).toContain(oliviaRoom.code);
    expect(await homeRooms(olivia)).not.toContain(frankRoom.code);
    expect(await homeRooms(frank)).toEqual(expect.arrayContaining([frankRoom.code]));
    expect(await homeRooms(frank)).not.toContain(oliviaRoom.code);
    expect(await homeRooms(gus)).toEqual([oliviaRoom.code]);
    expect(await homeRooms(stranger)).toEqual([]);

    // A guest cookie copied under another room's name proves nothing there (it is signed for its room).
    const gusCookie = gus.cookies.get(`rm_room_${oliviaRoom.code}`)!;
    const forger = new Client(env.app.url, `rm_room_${frankRoom.code}=${gusCookie}`);
    expect(await homeRooms(forger)).toEqual([]);
    const tampered = new Client(env.app.url, `rm_room_${oliviaRoom.code}=${gusCookie.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}`);
    expect(await homeRooms(tampered)).toEqual([]);

    // Progress and matches: Olivia likes the first card, the room shows "1 of N swiped".
    const deck = (await olivia.call("GET", `/api/rooms/${oliviaRoom.code}/deck?from=0&count=4`)).body;
    await olivia.call("POST", `/api/rooms/${oliviaRoom.code}/swipes`, { ratingKey: deck.cards[0].ratingKey, liked: true });
    await gus.call("POST", `/api/rooms/${oliviaRoom.code}/swipes`, { ratingKey: deck.cards[0].ratingKey, liked: true });
    const html = await (await olivia.raw("/")).text();
    expect(html.replace(/<!-- -->/g, "")).toMatch(new RegExp(`1 of ${oliviaRoom.deckSize} swiped`));
    expect(html.replace(/<!-- -->/g, "")).toContain("1 match");

    // Frank joins Olivia's room: now it is his too; once he leaves, it is not.
    expect((await frank.call("POST", `/api/rooms/${oliviaRoom.code}/participants`, {})).status).toBeLessThan(300);
    expect(await homeRooms(frank)).toContain(oliviaRoom.code);
    expect((await frank.call("DELETE", `/api/rooms/${oliviaRoom.code}/participants`)).status).toBe(200);
    expect(await homeRooms(frank)).not.toContain(oliviaRoom.code);

    // A closed room is no longer listed.
    expect((await frank.call("DELETE", `/api/rooms/${frankRoom.code}`)).status).toBe(200);
    expect(await homeRooms(frank)).not.toContain(frankRoom.code);
  });
});

describe("names in a room", () => {
  it("a guest cannot take the host's or a member's name, in any spelling that reads the same", async () => {
    const room = await createRoom(olivia);
    expect((await frank.call("POST", `/api/rooms/${room.code}/participants`, {})).status).toBeLessThan(300);
    const tryName = (name: string) => new Client(env.app.url).call("POST", `/api/rooms/${room.code}/participants`, { name });
    // the host's exact name, its case and spacing, full-width letters, Cyrillic О and і, a zero, an accent, a member's name
    for (const name of ["Olivia", "olivia", "  OLIVIA ", "O livia", "Ｏｌｉｖｉａ", "\u041El\u0456via", "0livia", "Olívia", "Frank", "frank."]) {
      const res = await tryName(name);
      expect(res.status, name).toBe(409);
      expect(res.body.error.message).toMatch(/already called/);
    }
    // a guest's name is taken too, while that guest is in the room
    await joinAsGuest(env, room.code, "Gus");
    expect((await tryName("GUS")).status).toBe(409);
    expect((await tryName("Gustav")).status).toBe(201);
    // the host is protected even while away
    expect((await olivia.call("DELETE", `/api/rooms/${room.code}/participants`)).status).toBe(200);
    expect((await tryName("olivia")).status).toBe(409);
  });

  it("two people of one name are told apart on screen, in the order they joined", async () => {
    const room = await createRoom(olivia);
    const sam = await joinAsGuest(env, room.code, "Sam");
    expect((await sam.call("DELETE", `/api/rooms/${room.code}/participants`)).status).toBe(200);
    // the name is free again while Sam is away...
    await joinAsGuest(env, room.code, "sam");
    // ...and Sam comes back (the browser's cookie): both are in the room
    expect((await sam.call("POST", `/api/rooms/${room.code}/participants`, {})).status).toBe(200);
    const state = (await olivia.call("GET", `/api/rooms/${room.code}`)).body;
    const names = state.participants.map((p: any) => p.name);
    expect(names).toEqual(["Olivia", "Sam", "sam (2)"]);
    expect(new Set(names.map((n: string) => n.toLowerCase())).size).toBe(names.length);
  });
});

describe("the create form's live count", () => {
  it("is the deck a room with the same filters deals, for signed-in people only", async () => {
    const input = { sectionIds: ["1"], yearFrom: 1980, maxMinutes: 120 };
    const count = await olivia.call("POST", "/api/rooms/count", input);
    expect(count.status).toBe(200);
    const expected = films().filter((f) => f.year >= 1980 && f.duration <= 120 * 60_000).length;
    expect(count.body.count).toBe(expected);
    expect(count.body.sections).toEqual([{ id: "1", title: "Films", count: expected }]);
    expect((await createRoom(olivia, input)).deckSize).toBe(expected);
    expect((await olivia.call("POST", "/api/rooms/count", { sectionIds: ["1"], yearFrom: 2100 })).body.count).toBe(0);
    expect((await olivia.call("POST", "/api/rooms/count", { sectionIds: ["1"], yearFrom: "x" })).status).toBe(422);
    expect((await new Client(env.app.url).call("POST", "/api/rooms/count", input)).status).toBe(401);
  });

  it("counts with the creator's own restrictions: a child's profile counts only what it may see", async () => {
    const kit = await switchToProfile(env, "Kit");
    const allowed = allowedRatings("little_kid");
    const res = await kit.call("POST", "/api/rooms/count", { sectionIds: ["1"] });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(films().filter((f) => allowed.has(f.contentRating)).length);
    expect(res.body.count).toBeLessThan((await olivia.call("POST", "/api/rooms/count", { sectionIds: ["1"] })).body.count);
    // an age limit above what the profile may see is refused, as creating the room would be
    const oldest = Math.max(...[...allowed].map((r) => contentRatingAge(r) ?? 0));
    expect((await kit.call("POST", "/api/rooms/count", { sectionIds: ["1"], maxAge: oldest + 5 })).status).toBe(422);
  });
});
