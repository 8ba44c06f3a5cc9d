import "server-only";
import { getConfig } from "../config";
import { getClientIdentifier } from "../installation";
import { type PlexIdentity } from "../plex/http";
import { createPlexTvClient, type PlexTvClient } from "../plex/plextv";
import { createPmsClient, type PmsClient } from "../plex/pms";

/** Our X-Plex-* identity: one client identifier per installation. */
export async function plexIdentity(): Promise<PlexIdentity> {
  return { clientIdentifier: await getClientIdentifier(), product: "Reelmatch", version: "0.1.0", deviceName: "Reelmatch" };
}

/** The plex.tv client for this installation (PLEX_TV_URL). */
export async function plexTv(): Promise<PlexTvClient> {
  const config = getConfig();
  return createPlexTvClient({ baseUrl: config.plexTvUrl, identity: await plexIdentity(), timeoutMs: config.plexTimeoutMs });
}

export async function pmsClient(baseUrl: string, token: string, opts: { reconnect?: () => Promise<string | undefined> } = {}): Promise<PmsClient> {
  return createPmsClient({ baseUrl, token, identity: await plexIdentity(), timeoutMs: getConfig().plexTimeoutMs, reconnect: opts.reconnect });
}
