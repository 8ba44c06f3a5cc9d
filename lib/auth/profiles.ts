import "server-only";
import { decryptSecret } from "../crypto";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { log } from "../log";
import { PIN_LOCKOUT } from "../limits/schedules";
import { limitStore } from "../limits/store";

import { PlexError } from "../plex/errors";
import { type HomeUser } from "../plex/schemas";
import { type HomeProfile } from "../view-models";
import { checkServerAccess } from "./access";
import { sharedHomeUsers } from "./home-users";
import { plexTv } from "./plex";
import { getConfiguredServerId, rememberServerName } from "./server-choice";
import { userFieldsFromSignIn } from "./user-fields";
import { refusal } from "../i18n/api-errors";

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
  if (!admin || !token) throw refusal("unauthenticated", "signInAgainToSwitch");
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

/** The 403 that asks for a protected profile's PIN (the client shows the PIN field). */
const pinRequired = (key: "pinNeeded" | "pinWrong") => refusal("forbidden", key, undefined, { details: { pinRequired: true } });

/**
 * The Home user a switch targets, found in the Home's list (which carries both ids) by its uuid or
 * its numeric id: either way the same profile, so the same PIN budget.
 */
async function findHomeUserOrThrow(token: string, ref: string): Promise<{ target: HomeUser; adminPlexId: string | undefined }> {
  let users: HomeUser[];
  try {
    users = await sharedHomeUsers(token);
  } catch (error) {
    if (error instanceof PlexError && (error.kind === "refused" || error.kind === "not_found")) throw refusal("not_found", "profileNotInHome");
    throw error;
  }
  const target = users.find((u) => !u.guest && (u.uuid === ref || u.id === ref));
  if (!target) throw refusal("not_found", "profileNotInHome");
  return { target, adminPlexId: users.find((u) => u.admin)?.id };
}

/**
 * Counts a PIN attempt on the target profile before plex.tv sees it (in the database: every app
 * instance, every identifier of the profile and every session share one budget; see PIN_LOCKOUT),
 * or refuses it with 429 and when to try again while the profile is locked.
 */
async function countPinAttemptOrThrow(target: HomeUser): Promise<{ key: string; lockSeconds: number; attempts: number }> {
  const key = `home-pin:${target.id}`;
  const hit = await limitStore().hitLockout({ key, schedule: PIN_LOCKOUT });
  if (!hit.allowed) throw refusal("rate_limited", "tooManyWrongPins", { name: target.title }, { retryAfter: hit.retryAfter, waitSeconds: hit.retryAfter });
  return { key, lockSeconds: hit.retryAfter, attempts: hit.count };
}

/**
 * Switches to a Home profile (PIN when protected). Returns the user id the new session must
 * belong to. The switch is asked with the session's own plex.tv token (a Home profile's token
 * switches as Plex's own apps do), never another profile's, so a restricted profile can never ride
 * on the admin's token past a PIN. A protected target always needs its PIN here, whatever plex.tv
 * would let a token do, and every PIN sent is counted against the target before plex.tv sees it.
 */
export async function switchHomeProfile(opts: { userId: string; uuid: string; pin?: string }): Promise<{ userId: string }> {
  const user = await getDb().user.findUniqueOrThrow({ where: { id: opts.userId } });
  const token = decryptSecret(user.plexTokenEnc);
  if (!token) throw refusal("unauthenticated", "signInAgainToSwitch");
  const home = await findHomeUserOrThrow(token, opts.uuid);
  const { target } = home;
  const adminPlexId = home.adminPlexId ?? user.homeAdminPlexId ?? user.plexId;
  if (target.protected && !opts.pin) throw pinRequired("pinNeeded");
  const attempt = opts.pin ? await countPinAttemptOrThrow(target) : undefined;
  const client = await plexTv();
  let profile;
  try {
    profile = await client.switchHomeUser(token, target.uuid, opts.pin);
  } catch (error) {
    if (error instanceof PlexError && error.info.plexCode === 1041) {
      // One line per lockout, not per refused try: enough for the admin to see PINs being guessed.
      if (attempt?.lockSeconds) log.warn("wrong Home PIN: profile locked", { profile: target.id, attempts: attempt.attempts, seconds: attempt.lockSeconds });
      throw pinRequired(opts.pin ? "pinWrong" : "pinNeeded");
    }
    if (error instanceof PlexError && error.kind === "not_found") throw refusal("not_found", "profileNotInHome");
    throw error;
  }
  if (attempt) await limitStore().clear(attempt.key);
  if (!profile.authToken) throw refusal("plex_refused", "profileTokenRefused");
  const serverId = await getConfiguredServerId();
  if (!serverId) throw new AppError("conflict", "No Plex server is set up yet.");
  const access = await checkServerAccess(profile.authToken, serverId);
  if (access.kind === "denied") throw refusal("forbidden", "profileNoAccess", { name: profile.title ?? "" });
  if (access.kind === "server_unreachable") throw new AppError("plex_unreachable", access.message);
  await rememberServerName(access.serverName);
  const isAdmin = profile.id === adminPlexId;
  const fields = userFieldsFromSignIn({
    plexId: profile.id,
    plexUuid: profile.uuid,
    username: profile.username,
    name: profile.title || profile.username || "Plex profile",
    image: profile.thumb,
    restricted: profile.restricted,
    restrictionProfile: profile.restrictionProfile,
    plexToken: profile.authToken,
    homeAdminPlexId: isAdmin ? null : adminPlexId,
    access: { role: access.role, serverToken: access.serverToken, serverUri: access.serverUri },
  });
  const db = getDb();
  const row = await db.user.upsert({
    where: { plexId: profile.id },
    create: { plexId: profile.id, ...fields, accounts: { create: { type: "oauth", provider: "plex", providerAccountId: profile.id } } },
    update: fields,
  });
  log.info("switched Plex Home profile", { from: user.plexId, to: profile.id });
  return { userId: row.id };
}
