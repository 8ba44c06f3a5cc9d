import "server-only";
import { PlexError } from "../plex/errors";
import { pickConnection } from "../plex/connection";
import { type PlexResource } from "../plex/schemas";
import { plexIdentity, plexTv } from "./plex";

/**
 * Whether a Plex account may use the configured server, the way careful Plex apps check it: the
 * account's own /api/v2/resources must list the server (clientIdentifier = machineIdentifier).
 * Owned means admin, shared means member. The resource's own accessToken becomes the user's
 * server token, and a working connection is picked.
 */
export type AccessResult =
  | { kind: "granted"; role: "admin" | "member"; serverToken: string; serverUri: string; serverName: string }
  | { kind: "denied" }
  /** plex.tv says yes, but no connection to the server answered. */
  | { kind: "server_unreachable"; message: string; serverName: string };

export function findServerResource(resources: PlexResource[], serverId: string): PlexResource | undefined {
  return resources.find((r) => r.clientIdentifier === serverId && r.provides.split(",").includes("server"));
}

/** Throws PlexError when plex.tv cannot be reached or refuses (never reported as "denied"). */
export async function checkServerAccess(accountToken: string, serverId: string): Promise<AccessResult> {
  return accessFromResources(await (await plexTv()).getResources(accountToken), serverId, accountToken);
}

/** The same check on resources already fetched with this account token. */
export async function accessFromResources(resources: PlexResource[], serverId: string, accountToken: string): Promise<AccessResult> {
  const resource = findServerResource(resources, serverId);
  if (!resource) return { kind: "denied" };
  let serverUri: string;
  try {
    serverUri = await pickConnection(resource, await plexIdentity());
  } catch (error) {
    // Only the server's owner is told the addresses tried: they are internal to everyone else.
    const tried = error instanceof PlexError && resource.owned && error.info.url ? ` Reelmatch tried ${error.info.url}.` : "";
    return { kind: "server_unreachable", message: (error as Error).message + tried, serverName: resource.name };
  }
  return {
    kind: "granted",
    role: resource.owned ? "admin" : "member",
    serverToken: resource.accessToken ?? accountToken,
    serverUri,
    serverName: resource.name,
  };
}
