import "server-only";
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { notFound } from "../errors";
import type { PmsClient } from "../plex/pms";
import { getDeckCardOrThrow } from "./get-deck-card-or-throw";
import type { RoomWithSettings } from "./get-room-or-throw";

/** Poster sizes by device pixel ratio (CSS size 240x360). */
export const POSTER_SIZES = { 1: { width: 240, height: 360 }, 2: { width: 480, height: 720 }, 3: { width: 720, height: 1080 } } as const;
export type PosterDensity = keyof typeof POSTER_SIZES;

/** The one answer for a poster that does not exist or that the caller may not see. */
export const posterNotFound = () => notFound("This poster");

/** The poster path of a film in a room's deck; the same not_found for any film outside it. */
export async function getDeckThumbOrThrow(options: { room: RoomWithSettings; ratingKey: string }): Promise<string> {
  const { card } = await getDeckCardOrThrow({ room: options.room, ratingKey: options.ratingKey, what: "This poster" });
  if (!card.thumb) throw posterNotFound();
  return card.thumb;
}

function posterKey(thumb: string, density: PosterDensity): string {
  const size = POSTER_SIZES[density];
  return createHash("sha256").update(`${thumb}|${size.width}x${size.height}`).digest("hex").slice(0, 32);
}

/** The ETag of a poster: known from Plex's thumb path and the size alone, so a revalidation reads nothing. */
export function posterEtag(thumb: string, density: PosterDensity): string {
  return `"${posterKey(thumb, density)}"`;
}

/**
 * A poster from the Plex photo transcoder at the size the device needs, cached on disk under
 * DATA_DIR/posters (keyed by Plex's thumb path, which changes when the artwork does, and the size).
 * The ETag is that key, so the browser revalidates cheaply. Plex's address and token stay here.
 */
export async function getPoster(options: { thumb: string; density: PosterDensity; dataDir: string; pms: () => Promise<PmsClient> }): Promise<{ body: Buffer; contentType: string; etag: string }> {
  const size = POSTER_SIZES[options.density];
  const key = posterKey(options.thumb, options.density);
  const etag = posterEtag(options.thumb, options.density);
  const dir = path.join(options.dataDir, "posters");
  const file = path.join(dir, `${key}.jpg`);
  try {
    return { body: await readFile(file), contentType: "image/jpeg", etag };
  } catch {
    // not cached yet
  }
  const pms = await options.pms();
  const poster = await pms.fetchPoster(options.thumb, size.width, size.height);
  const body = Buffer.from(poster.body);
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, body);
  await rename(tmp, file);
  return { body, contentType: poster.contentType, etag };
}
