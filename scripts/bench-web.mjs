// npm run bench:web - builds the app if needed, then runs bench/web.ts: Lighthouse (mobile) on the
// landing, join and a room page against `npm start`, and the room page's first-load JavaScript.
import path from "node:path";
import { buildApp, buildIsCurrent, root, run } from "./lib/next.mjs";

if (!buildIsCurrent()) await buildApp();
const code = await run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "bench/web.ts")]);
process.exit(code);
