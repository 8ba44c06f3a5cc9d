// npm run build - production build of the app (one build serves SQLite and PostgreSQL).
import { buildApp } from "./lib/next.mjs";

await buildApp();
