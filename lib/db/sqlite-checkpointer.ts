import { Worker } from "node:worker_threads";
import type { Database as SqliteConnection } from "better-sqlite3";

/**
 * Moves SQLite's WAL checkpoints off the app's thread.
 *
 * better-sqlite3 is synchronous, and by default the connection that commits past 1000 WAL pages
 * copies them into the database file and fsyncs it, there and then: under 200 swipes a second
 * that is about once a second, and each one holds every request (and every SSE delivery) of the
 * process for as long as the disk takes. Here the app's connection never checkpoints; a worker
 * thread with a connection of its own runs a PASSIVE checkpoint (which never waits on a lock and
 * never blocks a writer) every `intervalMs`. Should the worker fail, the app's connection takes
 * checkpoints back, as SQLite would by default.
 */
export interface Checkpointer {
  /** Runs one checkpoint on the worker now and resolves when it is done (tests drive it with this). */
  checkpointNow(): Promise<void>;
  stop(): Promise<void>;
}

/** The worker: a second connection that checkpoints on a timer. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message && message.checkpoint !== undefined) {
    checkpoint();
    parentPort.postMessage({ checkpointed: message.checkpoint });
    return;
  }
  if (message !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startSqliteCheckpointer(options: {
  connection: SqliteConnection;
  file: string;
  intervalMs?: number;
  /** Where better-sqlite3 is (the worker loads it by this path). */
  driverPath: string;
  onProblem?: (message: string) => void;
}): Checkpointer {
  const { connection } = options;
  connection.pragma("wal_autocheckpoint = 0");
  let stopped = false;
  /** checkpointNow() calls waiting for the worker's answer, by request number */
  const asked = new Map<number, () => void>();
  let nextAsk = 0;
  const answerEveryAsk = () => {
    for (const resolve of asked.values()) resolve();
    asked.clear();
  };
  const fallBack = (message: string) => {
    answerEveryAsk();
    if (stopped) return;
    stopped = true;
    connection.pragma("wal_autocheckpoint = 1000");
    options.onProblem?.(`${message}; checkpoints run on the app's connection again`);
  };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: options.file, intervalMs: options.intervalMs ?? 1000, driver: options.driverPath } });
  } catch (error) {
    fallBack(`could not start the checkpoint worker: ${(error as Error).message}`);
    return { checkpointNow: () => Promise.resolve(), stop: () => Promise.resolve() };
  }
  worker.unref();
  worker.on("message", (message: { error?: string; checkpointed?: number }) => {
    if (message.error) options.onProblem?.(`checkpoint failed: ${message.error}`);
    if (message.checkpointed !== undefined) {
      asked.get(message.checkpointed)?.();
      asked.delete(message.checkpointed);
    }
  });
  worker.on("error", (error) => fallBack(`the checkpoint worker failed: ${error.message}`));
  worker.on("exit", (code) => {
    if (code !== 0) fallBack(`the checkpoint worker exited with code ${code}`);
  });
  return {
    checkpointNow: () => {
      if (stopped) return Promise.resolve();
      const id = nextAsk++;
      const done = new Promise<void>((resolve) => asked.set(id, resolve));
      worker.postMessage({ checkpoint: id });
      return done;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage("stop");
      await exited;
      answerEveryAsk();
    },
  };
}
