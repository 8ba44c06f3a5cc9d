import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app";
import { integrationDatabaseKind } from "../helpers/database";
import { countRows } from "../helpers/db-dump";
import { plexEnv, startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { createRoom, deck, hostClient } from "./rooms-support";

/**
 * `npm run backup` copies the SQLite database while the app runs and writes to it; the copy,
 * restored as the README says, starts and holds what was committed.
 */
const root = path.resolve(__dirname, "../..");
const onSqlite = integrationDatabaseKind() === "sqlite";
let env: PlexApp;
let restored: RunningApp | undefined;
const folders: string[] = [];
beforeAll(async () => {
  if (onSqlite) env = await startAppWithPlex({ fake: { films: 60 } });
});
afterAll(async () => {
  await restored?.stop();
  await env?.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

it.skipIf(!onSqlite)("copies the database while swipes are written, and the restored copy serves the room", async () => {
  const host = await hostClient(env);
  const room = await createRoom(host);
  const cards = await deck(host, room.code, 0, 40);
  const backupFile = path.join(env.app.database.dataDir, "backups", "test.db");
  // Swipes land while the copy is made.
  const swiping = (async () => {
    for (const card of cards) await host.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: card.ratingKey, liked: false });
  })();
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, "scripts/backup.mjs"), backupFile], {
    cwd: root,
    env: { ...process.env, DATA_DIR: env.app.database.dataDir, DATABASE_URL: env.app.database.url },
  });
  await swiping;
  expect(stdout).toMatch(/Backed up .* integrity ok/);
  expect(existsSync(backupFile)).toBe(true);

  // Restore into a new data folder (with the same secret) and start the app on it.
  const dataDir = mkdtempSync(path.join(tmpdir(), "reelmatch-restore-"));
  folders.push(dataDir);
  cpSync(backupFile, path.join(dataDir, "reelmatch.db"));
  cpSync(path.join(env.app.database.dataDir, "secret"), path.join(dataDir, "secret"));
  const database = { kind: "sqlite" as const, url: `file:${path.join(dataDir, "reelmatch.db")}`, dataDir, drop: () => Promise.resolve() };
  const swipesInCopy = await countRows(database, "Swipe");
  expect(swipesInCopy).toBeLessThanOrEqual(cards.length);
  restored = await startApp({ database, env: plexEnv(env.fake) });
  const sameHost = host.header();
  const res = await fetch(`${restored.url}/api/rooms/${room.code}`, { headers: { cookie: sameHost } });
  expect(res.status).toBe(200);
  expect((await fetch(`${restored.url}/api/health/ready`)).status).toBe(200);
});
