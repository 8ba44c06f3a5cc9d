// npm run demo - try Reelmatch without Plex: builds if needed, starts the fake plex.tv and Plex
// Media Server with a sample library of about 200 films, starts the app pointed at them, and
// prints the URL. Ctrl-C stops everything. Its data lives in ./data/demo.
import { spawn } from "node:child_process";
import path from "node:path";
import { startFakePlexProcess, fakePlexEnv } from "./lib/fake-plex.mjs";
import { baseEnv, buildApp, buildIsCurrent, root, waitForUrl } from "./lib/next.mjs";
import { SERVER_NODE_FLAGS } from "./lib/server-flags.mjs";

const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const children = [];
function stopAll(code = 0) {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

if (!buildIsCurrent()) {
  console.log("Building Reelmatch (first run takes about a minute)...");
  await buildApp();
}

const fake = await startFakePlexProcess({ films: 200, seed: "demo" }).catch((error) => {
  console.error(error.message);
  stopAll(1);
});
children.push(fake.child);
const fakeInfo = fake.info;

const app = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(root, "scripts/server.mjs")], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
  env: {
    ...process.env,
    ...baseEnv,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: process.env.HOST ?? "0.0.0.0",
    DEMO: "true",
    APP_URL: appUrl,
    DATA_DIR: process.env.DATA_DIR ?? path.join(root, "data/demo"),
    ...fakePlexEnv(fakeInfo),
    PLEX_PASSWORD_SIGNIN: process.env.PLEX_PASSWORD_SIGNIN ?? "true",
  },
});
children.push(app);
app.stdout.on("data", (d) => {
  if (process.env.VERBOSE) process.stdout.write(d);
});
app.on("exit", (code) => stopAll(code ?? 1));
try {
  await waitForUrl(`${appUrl}/api/health`, { child: app });
} catch (error) {
  console.error(error.message);
  stopAll(1);
}
console.log(`\nReelmatch demo is running at ${appUrl}\n(fake plex.tv at ${fakeInfo.plexTvUrl}; press Ctrl-C to stop)\n`);
