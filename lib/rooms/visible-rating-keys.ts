import { PlexError } from "../plex/errors";
import type { PmsClient } from "../plex/pms";
import { processState } from "../process-state";

/** Rating keys per metadata request (keeps the URL short). */
export const KEYS_PER_REQUEST = 100;

/** Servers (by address) seen leaving hidden items out of a list rather than refusing the list. */
const omitsHidden = processState.caches.serversOmittingHidden;

/**
 * The rating keys among `keys` this token may see, a hundred per request. Plex answers a comma
 * list of ids with the items the token may see and leaves the others out, and answers 404 when it
 * may see none of them; a server that might refuse the whole list for one restricted item is
 * asked again in halves. Once a server has been seen leaving items out, its 404 for a list simply
 * means none of them is visible.
 */
export async function visibleRatingKeys(options: { pms: Pick<PmsClient, "getMovies" | "baseUrl">; keys: string[] }): Promise<Set<string>> {
  const { pms } = options;
  const visible = new Set<string>();
  const ask = async (keys: string[]): Promise<void> => {
    if (!keys.length) return;
    try {
      const movies = await pms.getMovies(keys);
      for (const movie of movies) if (keys.includes(movie.ratingKey)) visible.add(movie.ratingKey);
      if (movies.length < keys.length) omitsHidden.set(pms.baseUrl, true);
    } catch (error) {
      if (!(error instanceof PlexError && error.kind === "not_found")) throw error;
      if (keys.length === 1 || omitsHidden.has(pms.baseUrl)) return;
      const half = Math.ceil(keys.length / 2);
      await Promise.all([ask(keys.slice(0, half)), ask(keys.slice(half))]);
    }
  };
  const unique = [...new Set(options.keys)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += KEYS_PER_REQUEST) chunks.push(unique.slice(i, i + KEYS_PER_REQUEST));
  await Promise.all(chunks.map(ask));
  return visible;
}
