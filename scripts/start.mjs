// npm start - serves the production build. Configuration is validated when the server starts
// (instrumentation.ts); a wrong value stops it with a message naming the variable.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { baseEnv, distDir, root } from "./lib/next.mjs";
import { SERVER_NODE_FLAGS } from "./lib/server-flags.mjs";

if (!existsSync(path.join(root, distDir(), "BUILD_ID"))) {
  console.error("Reelmatch has not been built yet: run `npm run build` first (or `npm run demo`).");
  process.exit(1);
}
const port = process.env.PORT ?? "3000";
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`Reelmatch cannot start: the configuration is wrong.\n  - PORT must be a whole number from 1 to 65535 (got ${JSON.stringify(port)})\nFix it in the environment (or .env) and start again.`);
  process.exit(1);
}
const host = process.env.HOST || "0.0.0.0";
// scripts/server.mjs rather than `next start`: it tells the app each request's socket address.
const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(root, "scripts/server.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ...baseEnv, NODE_ENV: "production", PORT: port, HOST: host },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
