import "server-only";
import { randomInt } from "node:crypto";
import { getConfig } from "../config";
import { sha256 } from "../crypto";
import { getDb } from "../db/client";
import { readSetting, SETTING, writeSetting } from "../installation";
import { log } from "../log";

/**
 * Which Plex server this installation serves: PLEX_SERVER_ID, or the one the owner picked on the
 * first-run setup page. Setup is guarded by a one-time code printed only to the server log.
 */
export async function getConfiguredServerId(): Promise<string | undefined> {
  const fromEnv = getConfig().plexServerId;
  if (fromEnv) return fromEnv;
  return readSetting(SETTING.serverId);
}

export async function getServerName(): Promise<string | undefined> {
  return readSetting(SETTING.serverName);
}

export async function rememberServerName(name: string): Promise<void> {
  await writeSetting(SETTING.serverName, name);
}

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** At start-up, while no server is chosen: a fresh setup code, printed to the log only. */
export async function announceSetupCode(): Promise<void> {
  if (await getConfiguredServerId()) return;
  const code = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("").replace(/(.{4})(?=.)/g, "$1-");
  await writeSetting(SETTING.setupCode, sha256(code));
  log.info(`No Plex server is chosen yet. Sign in with Plex, open /setup and enter this one-time setup code: ${code}`);
}

/** True when `code` is the current setup code (compared by hash; dashes and case ignored). */
export async function isSetupCode(code: string): Promise<boolean> {
  const hash = await readSetting(SETTING.setupCode);
  const normal = code.toUpperCase().replace(/[^A-Z0-9]/g, "").replace(/(.{4})(?=.)/g, "$1-");
  return !!hash && hash === sha256(normal);
}

/** Claims the server: stores its id and name and burns the setup code. */
export async function chooseServer(serverId: string, name: string): Promise<void> {
  const db = getDb();
  await db.$transaction([
    writeSetting(SETTING.serverId, serverId),
    writeSetting(SETTING.serverName, name),
    db.setting.deleteMany({ where: { key: SETTING.setupCode } }),
  ]);
}

export async function membersMayCreateRooms(): Promise<boolean> {
  return (await readSetting(SETTING.membersMayCreateRooms)) !== "false";
}

export async function setMembersMayCreateRooms(allowed: boolean): Promise<void> {
  await writeSetting(SETTING.membersMayCreateRooms, String(allowed));
}
