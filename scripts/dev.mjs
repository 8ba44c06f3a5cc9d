// npm run dev - next dev against the fake Plex servers (like the demo, with hot reload).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";
import { baseEnv, nextBin, root } from "./lib/next.mjs";

const port = process.env.PORT ?? "3000";
const fake = spawn(path.join(root, "node_modules/.bin/tsx"), ["tests/fake-plex/cli.ts", "--films", "200", "--seed", "demo"], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
});
const info = JSON.parse(await new Promise((resolve) => createInterface({ input: fake.stdout }).once("line", resolve)));
const app = spawn(process.execPath, [nextBin, "dev", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    ...baseEnv,
    DEMO: "true",
    DATA_DIR: process.env.DATA_DIR ?? path.join(root, "data/dev"),
    PLEX_TV_URL: info.plexTvUrl,
    PLEX_APP_URL: info.plexTvUrl,
    PLEX_SERVER_ID: info.serverId,
  },
});
const stop = () => {
  fake.kill("SIGTERM");
  app.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
app.on("exit", (code) => {
  fake.kill("SIGTERM");
  process.exit(code ?? 0);
});
