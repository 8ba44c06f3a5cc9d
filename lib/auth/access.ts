import "server-only";
import { getConfig } from "../config";
import { log } from "../log";
import { pickConnection } from "../plex/connection";
import { PlexError } from "../plex/errors";
import { type PlexResource } from "../plex/schemas";
import { plexIdentity, pmsClient } from "./plex";
import { getResources } from "./resources";

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

/**
 * Throws PlexError when plex.tv cannot be reached or refuses (never reported as "denied").
 * `fresh` asks plex.tv even when it answered a moment ago (access re-checks).
 */
export async function checkServerAccess(accountToken: string, serverId: string, opts: { fresh?: boolean } = {}): Promise<AccessResult> {
  return accessFromResources(await getResources(accountToken, opts), serverId, accountToken);
}

/** The address to reach this server at now (PLEX_SERVER_URL first); throws PlexError "unreachable". */
export async function pickServerAddress(resource: PlexResource): Promise<string> {
  try {
    return await pickConnection(resource, await plexIdentity(), { serverUrl: getConfig().plexServerUrl });
  } catch (error) {
    log.warn("no address of the Plex server answered", { server: resource.name, tried: error instanceof PlexError ? error.info.url : undefined });
    throw error;
  }
}

/** true: the server accepts the token; false: it refuses it (401); undefined: it could not tell. */
async function serverAccepts(serverUri: string, token: string): Promise<boolean | undefined> {
  try {
    await (await pmsClient(serverUri, token)).listSections();
    return true;
  } catch (error) {
    return error instanceof PlexError && error.kind === "unauthorized" ? false : undefined;
  }
}

/**
 * The token to send to the server. plex.tv's accessToken, unless the server is the account's own
 * and refuses it: then the account token, which is what an owned server's accessToken normally is
 * (PLEX_API.md 5.1; 3.3 reports plex.tv handing out JWT accessTokens that the server answers 401).
 * A shared server's token has no such fallback; the server's refusal is handled where it happens.
 */
async function acceptedServerToken(resource: PlexResource, accountToken: string, serverUri: string): Promise<string> {
  const given = resource.accessToken ?? accountToken;
  if (!resource.owned || given === accountToken) return given;
  if ((await serverAccepts(serverUri, given)) !== false) return given;
  if (await serverAccepts(serverUri, accountToken)) {
    log.info("the Plex server refused the access token plex.tv gave for it: using the owner's account token");
    return accountToken;
  }
  return given;
}

/** The same check on resources already fetched with this account token. */
export async function accessFromResources(resources: PlexResource[], serverId: string, accountToken: string): Promise<AccessResult> {
  const resource = findServerResource(resources, serverId);
  if (!resource) return { kind: "denied" };
  let serverUri: string;
  try {
    serverUri = await pickServerAddress(resource);
  } catch (error) {
    return { kind: "server_unreachable", message: (error as Error).message, serverName: resource.name };
  }
  return {
    kind: "granted",
    role: resource.owned ? "admin" : "member",
    serverToken: await acceptedServerToken(resource, accountToken, serverUri),
    serverUri,
    serverName: resource.name,
  };
}
