import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "./db/client";
import { processState } from "./process-state";

/** Settings keys of this installation. */
export const SETTING = {
  clientIdentifier: "plex.clientIdentifier",
  serverId: "plex.serverId",
  serverName: "plex.serverName",
  /** The first-run setup code, encrypted (one per installation, shared by its instances). */
  setupCode: "setup.code",
  membersMayCreateRooms: "policy.membersMayCreateRooms",
} as const;

/** A setting's value (undefined when never set). */
export async function readSetting(key: string): Promise<string | undefined> {
  return (await getDb().setting.findUnique({ where: { key } }))?.value;
}

/** Sets a setting (the query, so several can go in one transaction). */
export function writeSetting(key: string, value: string) {
  return getDb().setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/** Reads a setting, creating it with `create()` the first time (safe when instances race). */
export async function getOrCreateSetting(key: string, create: () => string): Promise<string> {
  const db = getDb();
  const existing = await db.setting.findUnique({ where: { key } });
  if (existing) return existing.value;
  await db.setting.upsert({ where: { key }, create: { key, value: create() }, update: {} });
  const stored = await db.setting.findUniqueOrThrow({ where: { key } });
  return stored.value;
}

/**
 * The X-Plex-Client-Identifier of this installation: generated once, kept in the database, and
 * read from it once per process (every call to plex.tv or the Plex server sends it).
 */
export function getClientIdentifier(): Promise<string> {
  if (!processState.clientIdentifier) {
    const read = getOrCreateSetting(SETTING.clientIdentifier, () => `reelmatch-${randomUUID()}`);
    read.catch(() => (processState.clientIdentifier = undefined));
    processState.clientIdentifier = read;
  }
  return processState.clientIdentifier;
}

/** First-start work: the client identifier exists before anyone signs in; PLEX_SERVER_ID adopted; setup code if needed. */
export async function prepareInstallation(): Promise<void> {
  await getClientIdentifier();
  const { adoptConfiguredServer, announceSetupCode } = await import("./auth/server-choice");
  await adoptConfiguredServer();
  await announceSetupCode();
}
