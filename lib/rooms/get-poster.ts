import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { notFound } from "../errors";
import type { PmsClient } from "../plex/pms";
import { getDeckCardOrThrow } from "./get-deck-card-or-throw";
import type { RoomWithSettings } from "./get-room-or-throw";

/**
 * The poster widths we ask Plex's transcoder for (height 1.5x: posters are 2:3). The browser picks
 * the smallest one that covers the card's displayed width times the device pixel ratio; a few
 * fixed widths keep the disk cache and the browser cache useful.
 */
export const POSTER_WIDTHS = [160, 240, 360, 480, 720, 1080] as const;
export type PosterWidth = (typeof POSTER_WIDTHS)[number];

/** The older `dpr` query (a 240 px wide card) as a width. */
export function widthForDensity(dpr: 1 | 2 | 3): PosterWidth {
  return dpr === 1 ? 240 : dpr === 2 ? 480 : 720;
}

/** The one answer for a poster that does not exist or that the caller may not see. */
export const posterNotFound = () => notFound("This poster");

/** The poster path of a film in a room's deck; the same not_found for any film outside it. */
export async function getDeckThumbOrThrow(options: { room: RoomWithSettings; ratingKey: string }): Promise<string> {
  const { card } = await getDeckCardOrThrow({ room: options.room, ratingKey: options.ratingKey, what: "This poster" });
  if (!card.thumb) throw posterNotFound();
  return card.thumb;
}

const heightFor = (width: PosterWidth) => width * 1.5;

function posterKey(thumb: string, width: PosterWidth): string {
  return createHash("sha256").update(`${thumb}|${width}x${heightFor(width)}`).digest("hex").slice(0, 32);
}

/** The ETag of a poster: known from Plex's thumb path and the size alone, so a revalidation reads nothing. */
export function posterEtag(thumb: string, width: PosterWidth): string {
  return `"${posterKey(thumb, width)}"`;
}

type Poster = { body: Buffer; contentType: string; etag: string };

/** Posters being fetched now, by cache key: people in one room ask for the same new poster at once. */
const inFlight = new Map<string, Promise<Poster>>();

/**
 * A poster from the Plex photo transcoder at one of POSTER_WIDTHS, cached on disk under
 * DATA_DIR/posters (keyed by Plex's thumb path, which changes when the artwork does, and the size).
 * The ETag is that key, so the browser revalidates cheaply. Plex's address and token stay here.
 * Simultaneous requests for a poster not cached yet share one fetch from Plex, and the file is
 * written under a unique temporary name and renamed into place, so no reader sees half a file.
 */
export async function getPoster(options: { thumb: string; width: PosterWidth; dataDir: string; pms: () => Promise<PmsClient> }): Promise<Poster> {
  const key = posterKey(options.thumb, options.width);
  const etag = posterEtag(options.thumb, options.width);
  const file = path.join(options.dataDir, "posters", `${key}.jpg`);
  try {
    return { body: await readFile(file), contentType: "image/jpeg", etag };
  } catch {
    // not cached yet
  }
  const running = inFlight.get(file);
  if (running) return running;
  const fetching = fetchAndStore({ ...options, file, etag }).finally(() => inFlight.delete(file));
  inFlight.set(file, fetching);
  return fetching;
}

async function fetchAndStore(options: { thumb: string; width: PosterWidth; file: string; etag: string; pms: () => Promise<PmsClient> }): Promise<Poster> {
  const pms = await options.pms();
  // No format asked: Plex's transcoder answers JPEG, its smallest format (the others are PNG and PPM).
  const poster = await pms.fetchPoster(options.thumb, options.width, heightFor(options.width));
  const body = Buffer.from(poster.body);
  await mkdir(path.dirname(options.file), { recursive: true });
  const tmp = `${options.file}.${randomUUID()}.tmp`;
  await writeFile(tmp, body);
  await rename(tmp, options.file);
  return { body, contentType: poster.contentType, etag: options.etag };
}
