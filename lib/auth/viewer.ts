import "server-only";
import { cookies } from "next/headers";
import { decryptSecret, encryptSecret, hasUnreadableSecret } from "../crypto";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { log } from "../log";
import { PlexError } from "../plex/errors";
import { type PmsClient } from "../plex/pms";
import { checkServerAccess, findServerResource, pickServerAddress } from "./access";
import { pmsClient } from "./plex";
import { getServerAccessOrThrow } from "./plex-tokens";
import { getResources } from "./resources";
import { getConfiguredServerId, getServerName, membersMayCreateRooms } from "./server-choice";
import { cacheSessionUser, cachedSessionUser } from "./session-cache";
import { revokeSessions, sessionCookieName } from "./sessions";
import { refusal } from "../i18n/api-errors";

/** Whether this person may open rooms: the server's owner always, members when the owner allows it. */
export async function canCreateRooms(user: { role: string }): Promise<boolean> {
  return user.role === "admin" || (await membersMayCreateRooms());
}

export interface SignedInUser {
  id: string;
  name: string;
  image: string | null;
  role: "admin" | "member";
  restricted: boolean;
  restrictionProfile: string | null;
  plexId: string;
  /**
   * Whether Plex may show this person less than the server's owner sees (a restricted profile, or
   * anyone the server is shared with): rooms must check cards with their own token.
   */
  limitedByPlex: boolean;
  /** Whether their saved server token and address can be read (false after SECRET changed, say). */
  serverAccessReadable: boolean;
}

const RECHECK_MS = 60 * 60 * 1000;
const SEEN_MS = 60 * 1000;

/** A session's person as read with the session (and kept briefly: lib/auth/session-cache). */
export type UserRow = NonNullable<Awaited<ReturnType<typeof loadSession>>>["user"];

async function loadSession(token: string) {
  return getDb().session.findUnique({ where: { sessionToken: token }, include: { user: true } });
}

/**
 * Re-checks access when the last check is over an hour old, or never happened against the
 * configured server (someone who signed in before first-run setup). Lost access revokes every
 * session of the person; someone who never had access keeps a session that leads to the
 * no-access page. plex.tv being unreachable does not (a Plex outage must not lock people out).
 */
async function recheckAccess(user: UserRow, plexToken: string): Promise<UserRow | null> {
  const serverId = await getConfiguredServerId();
  if (!serverId) return user;
  try {
    const result = await checkServerAccess(plexToken, serverId, { fresh: true });
    if (result.kind === "denied") {
      const hadAccess = user.role !== "none";
      const denied = await getDb().user.update({ where: { id: user.id }, data: { role: "none", serverTokenEnc: null, serverUri: null, accessCheckedAt: new Date() } });
      if (!hadAccess) return denied;
      log.info("access to the server was withdrawn: sessions revoked", { plexId: user.plexId });
      await revokeSessions(user.id);
      return null;
    }
    if (result.kind === "server_unreachable") return user;
    return await getDb().user.update({
      where: { id: user.id },
      // Seen now too: one write, not a second one for lastSeenAt below.
      data: { role: result.role, serverTokenEnc: encryptSecret(result.serverToken), serverUri: result.serverUri, accessCheckedAt: new Date(), lastSeenAt: new Date() },
    });
  } catch (error) {
    if (error instanceof PlexError && error.kind === "unauthorized") {
      await revokeSessions(user.id);
      return null;
    }
    log.warn("could not re-check access with plex.tv; keeping the session", { error: (error as Error).message });
    return user;
  }
}

/**
 * Ends the sessions of someone whose stored Plex tokens this server cannot decrypt (SECRET changed):
 * they are asked to sign in again, which stores fresh tokens. Never read as "no access".
 */
async function endUnreadableSessions(user: UserRow): Promise<null> {
  log.warn("stored Plex tokens could not be decrypted (SECRET changed?): the person must sign in again", { plexId: user.plexId });
  await revokeSessions(user.id);
  return null;
}

/** The user of a session token, or null (expired, revoked, no access). */
export async function userForSessionToken(token: string | undefined, opts: { allowSetup?: boolean } = {}): Promise<UserRow | null> {
  if (!token) return null;
  const hit = cachedSessionUser(token);
  if (hit && (hit.role !== "none" || opts.allowSetup)) return hit;
  const user = await resolveSession(token, opts);
  if (user) cacheSessionUser(token, user);
  return user;
}

async function resolveSession(token: string, opts: { allowSetup?: boolean }): Promise<UserRow | null> {
  const session = await loadSession(token);
  if (!session || session.expires < new Date()) return null;
  let user: UserRow | null = session.user;
  const plexToken = decryptSecret(user.plexTokenEnc);
  if ((user.plexTokenEnc && !plexToken) || hasUnreadableSecret(user.serverTokenEnc)) return endUnreadableSessions(user);
  if (plexToken && (!user.accessCheckedAt || Date.now() - user.accessCheckedAt.getTime() > RECHECK_MS)) {
    user = await recheckAccess(user, plexToken);
    if (!user) return null;
  }
  if (!user.lastSeenAt || Date.now() - user.lastSeenAt.getTime() > SEEN_MS) {
    await getDb().user.update({ where: { id: user.id }, data: { lastSeenAt: new Date() } });
  }
  if (user.role === "none" && !opts.allowSetup) return null;
  return user;
}

function toSignedInUser(user: UserRow): SignedInUser {
  const limitedByPlex = user.restricted || user.role !== "admin";
  return {
    limitedByPlex,
    // Only asked for people whose restrictions a room must apply (a decryption per request).
    serverAccessReadable: !limitedByPlex || (!!user.serverUri && !!decryptSecret(user.serverTokenEnc)),
    id: user.id,
    name: user.name ?? "Plex user",
    image: user.image,
    role: user.role === "admin" ? "admin" : "member",
    restricted: user.restricted,
    restrictionProfile: user.restrictionProfile,
    plexId: user.plexId,
  };
}

/** The session token of this request, if any. */
export async function currentSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName())?.value;
}

/** The signed-in user with access to the server, from the session cookie; null otherwise. */
export async function getSignedInUser(): Promise<SignedInUser | null> {
  const user = await userForSessionToken(await currentSessionToken());
  return user ? toSignedInUser(user) : null;
}

/** The signed-in user of a session token (a stream re-checking the session it opened with). */
export async function signedInUserForToken(token: string | undefined): Promise<SignedInUser | null> {
  const user = await userForSessionToken(token);
  return user ? toSignedInUser(user) : null;
}

/**
 * Like getSignedInUser, but also returns a signed-in person without access: one waiting for
 * first-run setup, or one the configured server is not shared with (the no-access page).
 */
export async function getSessionUserForSetup(): Promise<UserRow | null> {
  return userForSessionToken(await currentSessionToken(), { allowSetup: true });
}

/** The signed-in user, or AppError 401. */
export async function requireSignedInUser(): Promise<SignedInUser> {
  const user = await getSignedInUser();
  if (!user) throw refusal("unauthenticated", "signIn");
  return user;
}

/** The signed-in person, if they may open rooms (401 signed out, 403 when the owner keeps that to themselves). */
export async function requireRoomCreator(): Promise<SignedInUser> {
  const user = await requireSignedInUser();
  if (!(await canCreateRooms(user))) throw refusal("forbidden", "onlyOwnerOpensRooms");
  return user;
}

export async function requireAdmin(): Promise<SignedInUser> {
  const user = await requireSignedInUser();
  if (user.role !== "admin") throw refusal("forbidden", "onlyOwner");
  return user;
}

/** A Plex server client with the user's own server token (Plex applies their restrictions). */
export async function pmsForUser(userId: string): Promise<PmsClient> {
  const { serverUri, serverToken } = await getServerAccessOrThrow(userId);
  return pmsClient(serverUri, serverToken, { reconnect: () => repickServerAddress(userId) });
}

const repicks = new Map<string, Promise<string | undefined>>();

/**
 * After the server stopped answering at a person's saved address: picks an address again from
 * the connections plex.tv lists for them (and PLEX_SERVER_URL), saves it, and returns it
 * (undefined when none answers). Concurrent failures of one person share one pick.
 */
export function repickServerAddress(userId: string): Promise<string | undefined> {
  let flight = repicks.get(userId);
  if (!flight) {
    flight = pickAgain(userId).finally(() => repicks.delete(userId));
    repicks.set(userId, flight);
  }
  return flight;
}

async function pickAgain(userId: string): Promise<string | undefined> {
  const [user, serverId] = await Promise.all([getDb().user.findUnique({ where: { id: userId } }), getConfiguredServerId()]);
  const plexToken = decryptSecret(user?.plexTokenEnc);
  if (!user || !plexToken || !serverId) return undefined;
  const resource = findServerResource(await getResources(plexToken), serverId);
  if (!resource) return undefined;
  const uri = await pickServerAddress(resource).catch(() => undefined);
  if (uri && uri !== user.serverUri) {
    await getDb().user.update({ where: { id: userId }, data: { serverUri: uri } });
    log.info("the Plex server stopped answering at the saved address: using another", { plexId: user.plexId, from: user.serverUri, to: uri });
  }
  return uri;
}

/**
 * Asks plex.tv again, now, whether this person still has access to the server (after the server
 * refused their saved token): a client with their new token when they do; null when access is
 * gone (every session of theirs is revoked) or cannot be confirmed.
 */
export async function refreshServerAccess(userId: string): Promise<PmsClient | null> {
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (!user || user.role === "none") return null;
  const plexToken = decryptSecret(user.plexTokenEnc);
  if (!plexToken) return null;
  const checked = await recheckAccess(user, plexToken);
  if (!checked || checked.accessCheckedAt?.getTime() === user.accessCheckedAt?.getTime()) return null;
  return pmsForUser(userId).catch(() => null);
}

/** The configured server's machine identifier (conflict while none is set up). */
export async function requireServerId(): Promise<string> {
  const machineIdentifier = await getConfiguredServerId();
  if (!machineIdentifier) throw new AppError("conflict", "No Plex server is set up yet. The admin opens /setup and enters the setup code from the server's log.");
  return machineIdentifier;
}

export async function getServerInfo(): Promise<{ machineIdentifier: string; name: string }> {
  const machineIdentifier = await requireServerId();
  return { machineIdentifier, name: (await getServerName()) ?? "Plex server" };
}
