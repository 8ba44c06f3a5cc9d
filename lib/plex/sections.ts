import type { LibrarySection } from "./schemas";

/**
 * Agents of "Other videos" libraries (personal media: home videos). Plex gives these sections the
 * type "movie" too, so the type alone does not tell them from film libraries (PLEX_API.md 7.3:
 * `com.plexapp.agents.none` = personal media, which Overseerr skips as well). `tv.plex.agents.none`
 * is the same "Personal Media" agent of newer servers.
 */
const PERSONAL_MEDIA_AGENTS = new Set(["com.plexapp.agents.none", "tv.plex.agents.none"]);

/** Whether a library section holds films: type "movie" and a film agent, not personal media. */
export function isFilmSection(section: LibrarySection): boolean {
  return section.type === "movie" && !PERSONAL_MEDIA_AGENTS.has(section.agent ?? "");
}
