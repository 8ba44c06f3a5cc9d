// npm run dev - next dev against the fake Plex servers (like the demo, with hot reload).
import { spawn } from "node:child_process";
import path from "node:path";
import { fakePlexEnv, startFakePlexProcess } from "./lib/fake-plex.mjs";
import { baseEnv, root } from "./lib/next.mjs";

const port = process.env.PORT ?? "3000";
const { child: fake, info } = await startFakePlexProcess({ films: 200, seed: "demo" });
const app = spawn(process.execPath, [path.join(root, "scripts/server.mjs"), "--dev"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    ...baseEnv,
    PORT: port,
    DEMO: "true",
    DATA_DIR: process.env.DATA_DIR ?? path.join(root, "data/dev"),
    ...fakePlexEnv(info),
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
