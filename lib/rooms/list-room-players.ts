import "server-only";
import { getPersonalPlexAccessOrThrow } from "../auth/plex-tokens";
import { getResources } from "../auth/resources";
import { listPlayers } from "../plex/players";
import type { PlayerOption } from "../view-models";

/** The signed-in person's own Plex players that plex.tv sees online (their resources, cached briefly). */
export async function listRoomPlayers(options: { userId: string }): Promise<PlayerOption[]> {
  const { plexToken } = await getPersonalPlexAccessOrThrow(options.userId);
  return listPlayers(await getResources(plexToken)).map((p) => ({ id: p.id, name: p.name, product: p.product ?? null }));
}
