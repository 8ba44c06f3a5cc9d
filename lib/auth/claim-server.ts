import "server-only";
import { decryptSecret } from "../crypto";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { assertWithinWindow } from "../limits/address-limits";
import { SETUP_CODE_TRIES_PER_PERSON } from "../limits/schedules";
import { log } from "../log";
import type { PlexResource } from "../plex/schemas";
import { accessFromResources } from "./access";
import { getResources } from "./resources";
import { chooseServer, getConfiguredServerId, isSetupCode } from "./server-choice";

/**
 * Checks the setup code; every try is counted first, in the database (shared by every instance,
 * kept across restarts), so guessing the code in parallel or on several instances gains nothing.
 */
async function verifySetupCode(userId: string, code: string): Promise<void> {
  await assertWithinWindow({ limit: SETUP_CODE_TRIES_PER_PERSON, key: `${SETUP_CODE_TRIES_PER_PERSON.name}:${userId}`, what: "Too many setup code tries." });
  if (!(await isSetupCode(code))) {
    throw new AppError("forbidden", "That setup code is wrong. It is printed in the server's log when Reelmatch starts.");
  }
}

export interface OwnedServer {
  id: string;
  name: string;
}

interface Claimer {
  name: string | null;
  plexId: string;
}

/** The person, their Plex token and the servers their account owns, after the setup code checks out. */
async function ownedServerResources(opts: { userId: string; code: string }): Promise<{ user: Claimer; token: string; owned: PlexResource[] }> {
  if (await getConfiguredServerId()) throw new AppError("conflict", "The Plex server is already set up.");
  await verifySetupCode(opts.userId, opts.code);
  const user = await getDb().user.findUniqueOrThrow({ where: { id: opts.userId } });
  const token = decryptSecret(user.plexTokenEnc);
  if (!token) throw new AppError("unauthenticated", "Sign in with Plex again.");
  const resources = await getResources(token);
  return { user, token, owned: resources.filter((r) => r.owned && r.provides.split(",").includes("server")) };
}

/** Servers the person owns, after the setup code checks out. */
export async function listOwnedServers(opts: { userId: string; code: string }): Promise<OwnedServer[]> {
  return (await ownedServerResources(opts)).owned.map((r) => ({ id: r.clientIdentifier, name: r.name }));
}

/** Claims the server for this installation, once: the person who claims it becomes its admin (logged). */
export async function claimServer(opts: { userId: string; code: string; serverId: string }): Promise<OwnedServer> {
  const { user, token, owned } = await ownedServerResources(opts);
  const resource = owned.find((r) => r.clientIdentifier === opts.serverId);
  if (!resource) throw new AppError("forbidden", "You can only choose a server your Plex account owns.");
  // The resources just fetched decide access too (plex.tv is asked once).
  const access = await accessFromResources([resource], resource.clientIdentifier, token);
  if (access.kind === "server_unreachable") throw new AppError("plex_unreachable", access.message);
  if (access.kind !== "granted") throw new AppError("forbidden", "You can only choose a server your Plex account owns.");
  await chooseServer({
    serverId: resource.clientIdentifier,
    name: resource.name,
    claimer: { userId: opts.userId, serverToken: access.serverToken, serverUri: access.serverUri },
  });
  log.notice(`First-run setup: ${user.name ?? "Plex user"} (Plex account ${user.plexId}) claimed the Plex server ${resource.name} (${resource.clientIdentifier}) with the setup code and is its admin.`);
  return { id: resource.clientIdentifier, name: resource.name };
}
