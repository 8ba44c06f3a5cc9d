import "server-only";
import { basePath } from "./base-path";
import { ConfigError, getConfig } from "./config";
import { applyMigrations, DatabaseStartError } from "./db/migrate";
import { configureLogging, log } from "./log";
import { publishRequestIds } from "./request-context";
import { onShutdown } from "./shutdown";

/**
 * Starts hearing committed room changes (on PostgreSQL, the LISTEN connection that keeps every
 * instance's caches and event streams in step), and registers what a graceful shutdown closes.
 */
async function startRealtime(): Promise<void> {
  const [{ watchRoomChanges }, { getRoomEventBus }, { getDb }] = await Promise.all([import("./rooms/room-cache"), import("./realtime/event-bus"), import("./db/client")]);
  watchRoomChanges();
  onShutdown("resources", "event bus, then database", async () => {
    await getRoomEventBus().close();
    await getDb().$disconnect();
  });
}

/**
 * Runs once when the server process starts (from instrumentation.ts): validates the
 * configuration, applies migrations, then prepares the installation. A problem a person must fix
 * stops the process with a message that says what to do, never a stack trace.
 */
export async function startServer(): Promise<void> {
  try {
    const config = getConfig();
    if (config.basePath !== basePath) {
      // `next start` or a build served as it is: only scripts/server.mjs writes BASE_PATH into the build.
      throw new ConfigError([`BASE_PATH is ${JSON.stringify(config.basePath)} but this server runs the build under ${JSON.stringify(basePath)}: start Reelmatch with \`npm start\` (node scripts/server.mjs), which applies BASE_PATH`]);
    }
    configureLogging({ level: config.logLevel, format: config.logFormat });
    publishRequestIds(config.trustProxy);
    const applied = await applyMigrations({ databaseUrl: config.databaseUrl });
    log.info(`database ready (${config.databaseProvider})`, applied.length ? { applied } : undefined);
    const { prepareInstallation } = await import("./installation");
    await prepareInstallation();
    await startRealtime();
    log.info(`Reelmatch is ready at ${config.appUrl}`);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseStartError) {
      process.stderr.write(`\n${error.message}\n\n`);
    } else {
      process.stderr.write(`\nReelmatch could not start: ${(error as Error).message}\n\n`);
    }
    process.exit(1);
  }
}
