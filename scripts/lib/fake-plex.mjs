// Starts the fake plex.tv + Plex Media Server (tests/fake-plex/cli.ts) as a child process and
// resolves with its URLs once it printed them (one JSON line).
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { root } from "./next.mjs";

export async function startFakePlexProcess({ films = 200, seed = "demo" } = {}) {
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["tests/fake-plex/cli.ts", "--films", String(films), "--seed", seed], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const info = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) => {
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`the fake Plex servers printed something unexpected: ${line}`));
      }
    });
    child.once("exit", (code) => reject(new Error(`the fake Plex servers exited (code ${code})`)));
  });
  return { child, info };
}

/** The app's environment for talking to the fake servers. */
export function fakePlexEnv(info) {
  return { PLEX_TV_URL: info.plexTvUrl, PLEX_APP_URL: info.plexTvUrl, PLEX_DISCOVER_URL: info.discoverUrl, PLEX_SERVER_ID: info.serverId };
}
