import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "./database";
import { freePort } from "./ports";
import { SERVER_NODE_FLAGS } from "../../scripts/lib/server-flags.mjs";

const root = path.resolve(__dirname, "../..");
const serverScript = path.join(root, "scripts/server.mjs");

export interface StartAppOptions {
  /** Extra environment (PLEX_TV_URL, PLEX_SERVER_ID, ...). */
  env?: Record<string, string | undefined>;
  /** Reuse a database (to restart the app on the same data). */
  database?: TestDatabase;
  databaseKind?: DatabaseKind;
  /** Resolve once the process exits instead of waiting for it to answer (start-up failure tests). */
  expectExit?: boolean;
  port?: number;
}

export interface RunningApp {
  /** The app's address (with BASE_PATH when given one). */
  url: string;
  port: number;
  database: TestDatabase;
  process: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  exitCode(): number | null;
  /** Stops the server (the database is kept; call database.drop() to remove it). */
  stop(): Promise<void>;
}

/**
 * Starts the real production build (scripts/server.mjs, as `npm start` does) on a free port with its own data folder and
 * database, as a person would run it. `npm test` builds the app before the suites that use this.
 */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const database = options.database ?? (await createTestDatabase(options.databaseKind));
  const port = options.port ?? (await freePort());
  // Under BASE_PATH the app's address carries the sub-path (as APP_URL does).
  const url = `http://127.0.0.1:${port}${options.env?.BASE_PATH ?? ""}`;
  let output = "";
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    REELMATCH_DIST_DIR: process.env.REELMATCH_DIST_DIR,
    APP_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    LOG_LEVEL: "info",
    PORT: String(port),
    HOST: "127.0.0.1",
    ...options.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  // APP_NODE_ARGS: extra node flags for the server (e.g. --cpu-prof when profiling a benchmark).
  const nodeArgs = (process.env.APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, serverScript], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // APP_ECHO=1: also show what the server writes (when debugging a test or a benchmark).
  const echo = process.env.APP_ECHO === "1";
  child.stdout?.on("data", (d: Buffer) => ((output += d.toString()), echo && process.stderr.write(d)));
  child.stderr?.on("data", (d: Buffer) => ((output += d.toString()), echo && process.stderr.write(d)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const app: RunningApp = {
    url,
    port,
    database,
    process: child,
    output: () => output,
    exitCode: () => child.exitCode,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  if (options.expectExit) {
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    return app;
  }
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return app;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await app.stop();
  throw new Error(`the app did not become healthy within 60 s:\n${output}`);
}
