import "server-only";
import { getConfig } from "../config";
import { decryptSecret } from "../crypto";
import { getDb } from "../db/client";
import { probeConnections, type ConnectionProbe } from "../plex/connection";
import { findServerResource } from "./access";
import { plexIdentity } from "./plex";
import { getResources } from "./resources";
import { getConfiguredServerId } from "./server-choice";

/** What the admin page shows about reaching the Plex server from where Reelmatch runs. */
export type ConnectionReport =
  | { kind: "probed"; probes: ConnectionProbe[]; inUse: string | null }
  | { kind: "unavailable"; message: string };

/**
 * Probes every address plex.tv lists for the server (as the admin's account sees it, local ones
 * included), plain-http variants and PLEX_SERVER_URL, and says which one the admin's requests use.
 */
export async function reportServerConnections(userId: string): Promise<ConnectionReport> {
  const [user, serverId] = await Promise.all([getDb().user.findUnique({ where: { id: userId } }), getConfiguredServerId()]);
  const token = decryptSecret(user?.plexTokenEnc);
  if (!user || !token || !serverId) return { kind: "unavailable", message: "Sign in with Plex again to see the server's connections." };
  let resources;
  try {
    resources = await getResources(token);
  } catch (error) {
    return { kind: "unavailable", message: `plex.tv did not list the server's connections: ${(error as Error).message}` };
  }
  const resource = findServerResource(resources, serverId);
  if (!resource) return { kind: "unavailable", message: "plex.tv does not list this server for your account." };
  const probes = await probeConnections(resource, await plexIdentity(), { serverUrl: getConfig().plexServerUrl });
  return { kind: "probed", probes, inUse: user.serverUri };
}
