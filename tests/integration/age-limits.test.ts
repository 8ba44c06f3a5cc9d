import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { createRoom, hostClient, profileClient, walkWholeDeck, type Client } from "./rooms-support";

/**
 * Issue 12: age limits know every rating string of plex.tv's restriction presets
 * (shared/plex-reference/samples/restriction-profile-presets.json: little_kid, older_kid and teen
 * allow-lists, 103 strings in all). The fake library's films carry every one of them, plus ratings
 * for older people (R 17, gb/15, FSK 16, NC-17 and US/NC-17 18) and unrated ones. Each preset is
 * one age band (little_kid up to 5, older_kid up to 11, teen up to 14), so a room's age limit of
 * 5, 11 or 14 must deal exactly the films that preset allows, whatever the string's spelling.
 */
type Preset = "little_kid" | "older_kid" | "teen";
const presets = JSON.parse(
  readFileSync(path.resolve(__dirname, "../../../shared/plex-reference/samples/restriction-profile-presets.json"), "utf8"),
) as Record<Preset, { allowedContentRatings: string[] }>;
const OLDER = ["R", "gb/15", "FSK 16", "NC-17", "US/NC-17", "NR", "Not Rated"];

let env: PlexApp;
let olivia: Client;

beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 330, seed: "ages", contentRatings: [...presets.teen.allowedContentRatings, ...OLDER] } });
  olivia = await hostClient(env);
});
afterAll(async () => {
  await env?.stop();
});

const deckKeys = async (client: Client, code: string) => (await walkWholeDeck(client, code)).map((c) => c.ratingKey as string).sort();

const filmsRated = (ratings: Iterable<string>) => {
  const allowed = new Set(ratings);
  return env.fake.library.films.filter((f) => allowed.has(f.contentRating)).map((f) => f.ratingKey).sort();
};

describe("age limits and plex.tv's restriction presets", () => {
  it.each<[number, Preset]>([
    [5, "little_kid"],
    [11, "older_kid"],
    [14, "teen"],
  ])("an age limit of %i deals exactly the films the %s preset allows", async (maxAge, preset) => {
    expect(presets.teen.allowedContentRatings).toHaveLength(103);
    const room = await createRoom(olivia, { maxAge });
    expect(await deckKeys(olivia, room.code)).toEqual(filmsRated(presets[preset].allowedContentRatings));
  });

  it("an age limit of 17 adds R, gb/15 and FSK 16, and leaves out NC-17 (no one 17 and under) and unrated films", async () => {
    const room = await createRoom(olivia, { maxAge: 17 });
    expect(await deckKeys(olivia, room.code)).toEqual(filmsRated([...presets.teen.allowedContentRatings, "R", "gb/15", "FSK 16"]));
  });

  it("with a teen profile in the room, the deck is what the teen preset allows", async () => {
    const tess = await profileClient(env, "Tess");
    // Tess's own room: her age limit may go up to the oldest rating she may see (14A, TV-14, CSM 14...).
    expect((await tess.call("POST", "/api/rooms", { sectionIds: ["1"], maxAge: 14 })).status).toBe(201);
    const room = await createRoom(olivia, { maxAge: 17 });
    expect((await tess.call("POST", `/api/rooms/${room.code}/participants`, {})).status).toBeLessThan(300);
    expect(await deckKeys(tess, room.code)).toEqual(filmsRated(presets.teen.allowedContentRatings));
  });
});
