import "server-only";
import { createHash } from "node:crypto";
import type { PlexResource } from "../plex/schemas";
import { plexTv } from "./plex";

/**
 * plex.tv's /resources answers of the last moment, per account token (PLEX_API.md 8: cache
 * /resources; Overseerr does too). A sign-in, the setup page's two steps and the re-pick of a
 * connection after a failure ask plex.tv once between them. Access re-checks ask afresh, so that a
 * withdrawn share or a revoked token is seen at once. Keys are token hashes: no token is kept here.
 */
export const RESOURCES_CACHE_MS = 30_000;
const MAX_ENTRIES = 500;

interface Entry {
  at: number;
  resources: Promise<PlexResource[]>;
}

const shared = globalThis as unknown as { reelmatchResourcesCache?: Map<string, Entry> };
const cache = (shared.reelmatchResourcesCache ??= new Map<string, Entry>());

const keyOf = (token: string) => createHash("sha256").update(token).digest("base64url");

/** The account's resources, from plex.tv or from an answer under RESOURCES_CACHE_MS old. */
export async function getResources(token: string, opts: { fresh?: boolean } = {}): Promise<PlexResource[]> {
  const key = keyOf(token);
  const hit = cache.get(key);
  if (!opts.fresh && hit && Date.now() - hit.at < RESOURCES_CACHE_MS) return hit.resources;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const resources = plexTv().then((client) => client.getResources(token));
  cache.set(key, { at: Date.now(), resources });
  // A failure is not kept: the next caller asks plex.tv again.
  resources.catch(() => cache.get(key)?.resources === resources && cache.delete(key));
  return resources;
}
