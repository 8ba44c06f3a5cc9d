import "server-only";
import { randomInt, timingSafeEqual } from "node:crypto";
import { getConfig } from "../config";
import { decryptSecret, encryptSecret } from "../crypto";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { getOrCreateSetting, readSetting, SETTING, writeSetting } from "../installation";
import { log } from "../log";

/**
 * Which Plex server this installation serves: PLEX_SERVER_ID, or the one the owner picked on the
 * first-run setup page. Setup is guarded by a one-time code printed only to the server log: whoever
 * holds that code and owns a Plex server becomes this installation's admin.
 */
export async function getConfiguredServerId(): Promise<string | undefined> {
  const fromEnv = getConfig().plexServerId;
  if (fromEnv) return fromEnv;
  return readSetting(SETTING.serverId);
}

export async function getServerName(): Promise<string | undefined> {
  return readSetting(SETTING.serverName);
}

/** The server's name for messages ("this Plex server" while it is not known yet). */
export async function serverNameForDisplay(): Promise<string> {
  return (await getServerName()) ?? "this Plex server";
}

export async function rememberServerName(name: string): Promise<void> {
  await writeSetting(SETTING.serverName, name);
}

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function newSetupCode(): string {
  return Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("").replace(/(.{4})(?=.)/g, "$1-");
}

function normalSetupCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "").replace(/(.{4})(?=.)/g, "$1-");
}

/**
 * The installation's one setup code, kept encrypted in the database so that every instance
 * sharing it prints the same code (the first instance to start creates it). A code this SECRET
 * cannot read (another SECRET made it) is replaced.
 */
async function installationSetupCode(): Promise<string> {
  const stored = decryptSecret(await getOrCreateSetting(SETTING.setupCode, () => encryptSecret(newSetupCode())));
  if (stored) return stored;
  const fresh = newSetupCode();
  await writeSetting(SETTING.setupCode, encryptSecret(fresh));
  return fresh;
}

/** At start-up, while no server is chosen: print the setup code, whatever LOG_LEVEL says. */
export async function announceSetupCode(): Promise<void> {
  if (await getConfiguredServerId()) return;
  const code = await installationSetupCode();
  log.notice(`No Plex server is chosen yet. Sign in with Plex, open /setup and enter this one-time setup code: ${code}`);
}

/** True when `code` is the installation's setup code (dashes and case ignored). */
export async function isSetupCode(code: string): Promise<boolean> {
  const stored = decryptSecret(await readSetting(SETTING.setupCode));
  if (!stored) return false;
  const given = Buffer.from(normalSetupCode(code));
  const expected = Buffer.from(stored);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const ALREADY_CLAIMED = "The Plex server is already set up: someone entered the setup code a moment before you. Sign in with Plex again to use it.";

/**
 * Claims the server for the person who holds the setup code, in one transaction around one
 * conditional write: the server id row is created, never overwritten, so of two claims at the same
 * moment exactly one succeeds and the other gets a conflict. Also makes the claimer admin, burns
 * the code, and marks everyone who signed in before setup for an access check on their next request.
 */
export async function chooseServer(opts: { serverId: string; name: string; claimer: { userId: string; serverToken: string; serverUri: string } }): Promise<void> {
  const db = getDb();
  try {
    await db.$transaction([
      db.setting.create({ data: { key: SETTING.serverId, value: opts.serverId } }),
      writeSetting(SETTING.serverName, opts.name),
      db.setting.deleteMany({ where: { key: SETTING.setupCode } }),
      db.user.updateMany({ where: { role: "none" }, data: { accessCheckedAt: null } }),
      db.user.update({
        where: { id: opts.claimer.userId },
        data: { role: "admin", serverTokenEnc: encryptSecret(opts.claimer.serverToken), serverUri: opts.claimer.serverUri, accessCheckedAt: new Date() },
      }),
    ]);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("conflict", ALREADY_CLAIMED);
    throw error;
  }
}

/**
 * At start-up: keeps the stored server in step with PLEX_SERVER_ID. The variable wins and is
 * remembered, so removing it later keeps that server (a claim it replaced never comes back).
 * When it names another server than the stored one, every admin's sessions end at once and
 * everyone's access is checked again against the new server on their next request.
 */
export async function adoptConfiguredServer(): Promise<void> {
  const fromEnv = getConfig().plexServerId;
  if (!fromEnv) return;
  const stored = await readSetting(SETTING.serverId);
  if (stored === fromEnv) return;
  if (!stored) {
    await writeSetting(SETTING.serverId, fromEnv);
    return;
  }
  const db = getDb();
  const [, , ended] = await db.$transaction([
    writeSetting(SETTING.serverId, fromEnv),
    db.setting.deleteMany({ where: { key: { in: [SETTING.serverName, SETTING.setupCode] } } }),
    db.session.deleteMany({ where: { user: { role: "admin" } } }),
    db.user.updateMany({ data: { role: "none", serverTokenEnc: null, serverUri: null, accessCheckedAt: null } }),
  ]);
  log.notice(
    `The Plex server changed from ${stored} to ${fromEnv} (PLEX_SERVER_ID): ${ended.count} admin session(s) ended, and everyone's access is checked again against the new server. Removing PLEX_SERVER_ID later keeps ${fromEnv}.`,
  );
}

export async function membersMayCreateRooms(): Promise<boolean> {
  return (await readSetting(SETTING.membersMayCreateRooms)) !== "false";
}

export async function setMembersMayCreateRooms(allowed: boolean): Promise<void> {
  await writeSetting(SETTING.membersMayCreateRooms, String(allowed));
}
