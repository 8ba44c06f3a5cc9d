// npm run bench - builds the app if needed, then runs bench/index.ts (figures for the README).
import path from "node:path";
import { buildApp, buildIsCurrent, root, run } from "./lib/next.mjs";

if (!buildIsCurrent()) await buildApp();
const code = await run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "bench/index.ts")]);
process.exit(code);
