import "server-only";
import { decryptSecret } from "../crypto";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { log } from "../log";
import { PlexError } from "../plex/errors";
import { type HomeUser } from "../plex/schemas";
import { type HomeProfile } from "../view-models";
import { checkServerAccess } from "./access";
import { plexTv } from "./plex";
import { getConfiguredServerId, rememberServerName } from "./server-choice";
import { userFieldsFromSignIn } from "./user-fields";

/**
 * Plex Home profiles: list them and switch the session to one. A switched session belongs to the
 * profile itself (its name, avatar, plex.tv token, and server token from its own resources), so
 * Plex applies that profile's restrictions to everything it sees.
 */

type UserRow = Awaited<ReturnType<ReturnType<typeof getDb>["user"]["findUniqueOrThrow"]>>;

/** The Home admin's row and plex.tv token: the token that lists and switches Home profiles. */
async function homeAdminOf(user: UserRow): Promise<{ admin: UserRow; token: string }> {
  const admin = user.homeAdminPlexId ? await getDb().user.findUnique({ where: { plexId: user.homeAdminPlexId } }) : user;
  const token = decryptSecret(admin?.plexTokenEnc);
  if (!admin || !token) throw new AppError("unauthenticated", "Sign in with Plex again to switch profiles.");
  return { admin, token };
}

export async function listHomeProfiles(userId: string): Promise<HomeProfile[]> {
  const user = await getDb().user.findUniqueOrThrow({ where: { id: userId } });
  const { token } = await homeAdminOf(user);
  let users: HomeUser[];
  try {
    users = await (await plexTv()).getHomeUsers(token);
  } catch (error) {
    // Not in a Plex Home: plex.tv refuses; that simply means no profiles to switch to.
    if (error instanceof PlexError && (error.kind === "refused" || error.kind === "not_found" || error.kind === "unauthorized")) return [];
    throw error;
  }
  const members = users.filter((u) => !u.guest);
  // plex.tv answers a lone account with a "Home" of one: nothing to switch to.
  if (members.length < 2) return [];
  return members
    .map((u) => ({
      uuid: u.uuid,
      name: u.title,
      image: u.thumb ?? null,
      admin: u.admin,
      protected: u.protected,
      restricted: u.restricted,
      restrictionProfile: u.restrictionProfile ?? null,
      current: u.uuid === user.plexUuid || u.id === user.plexId,
    }));
}

/** Wrong PINs per person: after 3, each further try must wait longer (5 s, 10 s, 20 s ... 5 min). */
const failures = new Map<string, { count: number; last: number }>();

function checkPinThrottle(key: string): void {
  const f = failures.get(key);
  if (!f || f.count < 3) return;
  const waitMs = Math.min(5000 * 2 ** (f.count - 3), 300_000);
  const left = f.last + waitMs - Date.now();
  if (left > 0) throw new AppError("rate_limited", `Too many wrong PINs. Wait ${Math.ceil(left / 1000)} seconds and try again.`, { retryAfter: Math.ceil(left / 1000) });
}

/**
 * Switches to a Home profile (PIN when protected). Returns the user id the new session must
 * belong to. A wrong PIN is refused with its own message and repeated failures are slowed down.
 */
export async function switchHomeProfile(opts: { userId: string; uuid: string; pin?: string }): Promise<{ userId: string }> {
  const user = await getDb().user.findUniqueOrThrow({ where: { id: opts.userId } });
  const { admin, token } = await homeAdminOf(user);
  const throttleKey = `${admin.id}:${opts.uuid}`;
  checkPinThrottle(throttleKey);
  const client = await plexTv();
  let profile;
  try {
    profile = await client.switchHomeUser(token, opts.uuid, opts.pin);
  } catch (error) {
    if (error instanceof PlexError && error.info.plexCode === 1041) {
      const f = failures.get(throttleKey);
      failures.set(throttleKey, { count: (f?.count ?? 0) + 1, last: Date.now() });
      throw new AppError("forbidden", opts.pin ? "That PIN is wrong. Try again." : "This profile is protected: enter its PIN.", { details: { pinRequired: true } });
    }
    if (error instanceof PlexError && error.kind === "not_found") throw new AppError("not_found", "That profile is not in your Plex Home.");
    throw error;
  }
  failures.delete(throttleKey);
  if (!profile.authToken) throw new AppError("plex_refused", "Plex did not hand out a token for that profile. Try again.");
  const serverId = await getConfiguredServerId();
  if (!serverId) throw new AppError("conflict", "No Plex server is set up yet.");
  const access = await checkServerAccess(profile.authToken, serverId);
  if (access.kind === "denied") throw new AppError("forbidden", `The profile ${profile.title ?? ""} has no access to this Plex server. Ask the owner to share it with the profile.`);
  if (access.kind === "server_unreachable") throw new AppError("plex_unreachable", `${access.message} Check that it is running, then try again.`);
  await rememberServerName(access.serverName);
  const isAdmin = profile.id === admin.plexId;
  const fields = userFieldsFromSignIn({
    plexId: profile.id,
    plexUuid: profile.uuid,
    username: profile.username,
    name: profile.title || profile.username || "Plex profile",
    image: profile.thumb,
    restricted: profile.restricted,
    restrictionProfile: profile.restrictionProfile,
    plexToken: profile.authToken,
    homeAdminPlexId: isAdmin ? null : admin.plexId,
    access: { role: access.role, serverToken: access.serverToken, serverUri: access.serverUri },
  });
  const db = getDb();
  const target = await db.user.upsert({
    where: { plexId: profile.id },
    create: { plexId: profile.id, ...fields, accounts: { create: { type: "oauth", provider: "plex", providerAccountId: profile.id } } },
    update: fields,
  });
  log.info("switched Plex Home profile", { from: user.plexId, to: profile.id });
  return { userId: target.id };
}
