import "server-only";
import { randomInt } from "node:crypto";
import { getConfig } from "../config";
import { sha256 } from "../crypto";
import { getDb } from "../db/client";
import { log } from "../log";

/**
 * Which Plex server this installation serves: PLEX_SERVER_ID, or the one the owner picked on the
 * first-run setup page. Setup is guarded by a one-time code printed only to the server log.
 */
const KEY = { serverId: "plex.serverId", serverName: "plex.serverName", setupCode: "setup.codeHash", membersCreate: "policy.membersMayCreateRooms" } as const;

export async function getConfiguredServerId(): Promise<string | undefined> {
  const fromEnv = getConfig().plexServerId;
  if (fromEnv) return fromEnv;
  const row = await getDb().setting.findUnique({ where: { key: KEY.serverId } });
  return row?.value;
}

export async function getServerName(): Promise<string | undefined> {
  return (await getDb().setting.findUnique({ where: { key: KEY.serverName } }))?.value;
}

export async function rememberServerName(name: string): Promise<void> {
  await getDb().setting.upsert({ where: { key: KEY.serverName }, create: { key: KEY.serverName, value: name }, update: { value: name } });
}

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** At start-up, while no server is chosen: a fresh setup code, printed to the log only. */
export async function announceSetupCode(): Promise<void> {
  if (await getConfiguredServerId()) return;
  const code = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("").replace(/(.{4})(?=.)/g, "$1-");
  await getDb().setting.upsert({ where: { key: KEY.setupCode }, create: { key: KEY.setupCode, value: sha256(code) }, update: { value: sha256(code) } });
  log.info(`No Plex server is chosen yet. Sign in with Plex, open /setup and enter this one-time setup code: ${code}`);
}

/** True when `code` is the current setup code (compared by hash; dashes and case ignored). */
export async function isSetupCode(code: string): Promise<boolean> {
  const row = await getDb().setting.findUnique({ where: { key: KEY.setupCode } });
  const normal = code.toUpperCase().replace(/[^A-Z0-9]/g, "").replace(/(.{4})(?=.)/g, "$1-");
  return !!row && row.value === sha256(normal);
}

/** Claims the server: stores its id and name and burns the setup code. */
export async function chooseServer(serverId: string, name: string): Promise<void> {
  const db = getDb();
  await db.$transaction([
    db.setting.upsert({ where: { key: KEY.serverId }, create: { key: KEY.serverId, value: serverId }, update: { value: serverId } }),
    db.setting.upsert({ where: { key: KEY.serverName }, create: { key: KEY.serverName, value: name }, update: { value: name } }),
    db.setting.deleteMany({ where: { key: KEY.setupCode } }),
  ]);
}

export async function membersMayCreateRooms(): Promise<boolean> {
  return (await getDb().setting.findUnique({ where: { key: KEY.membersCreate } }))?.value !== "false";
}

export async function setMembersMayCreateRooms(allowed: boolean): Promise<void> {
  const value = String(allowed);
  await getDb().setting.upsert({ where: { key: KEY.membersCreate }, create: { key: KEY.membersCreate, value }, update: { value } });
}
