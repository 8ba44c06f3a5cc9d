import "server-only";
import { plexIdentity } from "./auth/plex";
import { getConfiguredServerId } from "./auth/server-choice";
import { getConfig } from "./config";
import { getDb } from "./db/client";
import { databaseProblem } from "./db/errors";
import { knownMigrations } from "./db/migrate";
import { log } from "./log";
import { fetchIdentity } from "./plex/pms";

/**
 * What the health endpoints report: whether the database answers and carries every migration of
 * this release (readiness), and whether the Plex server answers (reported, never failing
 * readiness: a Plex outage must not take Reelmatch out of a balancer). No library data, no
 * addresses, no secrets: these answers are public.
 */
export interface DatabaseHealth {
  status: "ok" | "unreachable" | "not_migrated";
  message?: string;
}

export interface PlexHealth {
  status: "reachable" | "unreachable" | "unknown";
  /** How long the server took to answer /identity. */
  ms?: number;
  message?: string;
}

export interface Readiness {
  status: "ready" | "not_ready";
  database: DatabaseHealth;
  plex: PlexHealth;
}

const PLEX_PROBE_TIMEOUT_MS = 2_000;
/** A monitor polling readiness every few seconds does not knock on the Plex server each time. */
const PLEX_PROBE_CACHE_MS = 10_000;

async function checkDatabase(): Promise<DatabaseHealth> {
  const { databaseUrl } = getConfig();
  let applied: Set<string>;
  try {
    // The same query as APPLIED_MIGRATIONS_SQL, as the tagged template Db allows.
    const rows = await getDb().$queryRaw<{ name: string }[]>`SELECT name FROM "_reelmatch_migrations"`;
    applied = new Set(rows.map((r) => r.name));
  } catch (error) {
    log.warn("readiness: the database did not answer", { error: error instanceof Error ? error.message : String(error) });
    const message = databaseProblem(error)?.message ?? "The database cannot be reached. Check that the database in DATABASE_URL is running and reachable; the server log says more.";
    return { status: "unreachable", message };
  }
  const missing = knownMigrations({ databaseUrl }).filter((name) => !applied.has(name));
  if (missing.length) {
    return { status: "not_migrated", message: `The database lacks ${missing.length} migration(s) of this release (${missing.join(", ")}). Restart Reelmatch: it applies them at start.` };
  }
  return { status: "ok" };
}

/** The address Reelmatch talks to the Plex server at: PLEX_SERVER_URL, else the one last chosen. */
async function plexAddressInUse(): Promise<string | undefined> {
  const configured = getConfig().plexServerUrl;
  if (configured) return configured;
  const user = await getDb().user.findFirst({
    where: { serverUri: { not: null } },
    orderBy: [{ role: "asc" }, { accessCheckedAt: "desc" }],
    select: { serverUri: true },
  });
  return user?.serverUri ?? undefined;
}

let lastPlexProbe: { at: number; health: PlexHealth } | undefined;

async function checkPlex(): Promise<PlexHealth> {
  if (lastPlexProbe && Date.now() - lastPlexProbe.at < PLEX_PROBE_CACHE_MS) return lastPlexProbe.health;
  const health = await probePlex();
  lastPlexProbe = { at: Date.now(), health };
  return health;
}

async function probePlex(): Promise<PlexHealth> {
  const [serverId, address] = await Promise.all([getConfiguredServerId(), plexAddressInUse()]).catch(() => [undefined, undefined]);
  if (!serverId || !address) return { status: "unknown", message: "No Plex server connection has been chosen yet (nobody has signed in, or setup is not done)." };
  const started = Date.now();
  try {
    const machineId = await fetchIdentity(address, await plexIdentity(), PLEX_PROBE_TIMEOUT_MS);
    if (machineId !== serverId) return { status: "unreachable", message: "Another Plex server answers at the address in use." };
    return { status: "reachable", ms: Date.now() - started };
  } catch {
    return { status: "unreachable", message: "The Plex server did not answer. The admin page lists the addresses tried." };
  }
}

/** Readiness: ready when the database answers and is migrated; Plex is reported alongside. */
export async function checkReadiness(): Promise<Readiness> {
  const [database, plex] = await Promise.all([checkDatabase(), checkPlex()]);
  return { status: database.status === "ok" ? "ready" : "not_ready", database, plex };
}
