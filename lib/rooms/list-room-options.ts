import "server-only";
import type { PmsClient } from "../plex/pms";
import { isFilmSection } from "../plex/sections";
import { sortContentRatings } from "./content-ratings";
import type { RoomOptions } from "../view-models";

/** What the create-room form offers: the film libraries (not home videos or shows), their genres and content ratings. */
export async function listRoomOptions(options: { pms: PmsClient }): Promise<RoomOptions> {
  const { pms } = options;
  const sections = (await pms.listSections()).filter(isFilmSection);
  const genres = new Map<string, string>();
  const ratings = new Set<string>();
  await Promise.all(
    sections.map(async (s) => {
      const [g, r] = await Promise.all([pms.listGenres(s.key), pms.listContentRatings(s.key)]);
      for (const x of g) genres.set(x.key, x.title);
      for (const x of r) ratings.add(x.key);
    }),
  );
  return {
    sections: sections.map((s) => ({ id: s.key, title: s.title })),
    genres: [...genres].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title)),
    ratings: sortContentRatings([...ratings]),
  };
}
