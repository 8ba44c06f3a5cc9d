// npm run bench:first-load - builds the app if needed, then runs bench/first-load.ts: the room
// page's first-load JavaScript (gzip, as served) against issue 13's budget; exits with 1 above it.
import path from "node:path";
import { buildApp, buildIsCurrent, root, run } from "./lib/next.mjs";

if (!buildIsCurrent()) await buildApp();
const code = await run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "bench/first-load.ts")]);
process.exit(code);
