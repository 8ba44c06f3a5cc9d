// npm run fuzz - the long fuzzing run: FUZZ_RUNS (default 10,000) generated requests to every page and
// route handler, on SQLite (TEST_DATABASE=postgresql for PostgreSQL). Builds the app if needed, then
// prints how many cases each route got. FUZZ_SEED repeats a run; FUZZ_RESTART_EVERY (default 2,500)
// restarts the app between cases so that rate limits do not stop the cases reaching the handlers.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildApp, buildIsCurrent, root, run } from "./lib/next.mjs";

process.env.REELMATCH_DIST_DIR ||= ".next-test";
const runs = process.env.FUZZ_RUNS || "10000";
const report = path.join(root, ".tmp", "fuzz-report.json");
mkdirSync(path.dirname(report), { recursive: true });

if (!buildIsCurrent()) await buildApp();
const started = Date.now();
const code = await run(process.execPath, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--project", "integration", "tests/integration/fuzz.test.ts"], {
  env: { FUZZ_RUNS: runs, FUZZ_REPORT: report, TEST_DATABASE: process.env.TEST_DATABASE || "sqlite", VITE_CONFIG_NATIVE_IGNORE_WARNING: "true" },
});
try {
  const { seed, routes: byRoute } = JSON.parse(readFileSync(report, "utf8"));
  const routes = Object.entries(byRoute);
  const total = routes.reduce((sum, [, r]) => sum + r.cases, 0);
  console.log(`\ncases per route (${runs} asked for each; seed ${seed}, FUZZ_SEED=${seed} repeats the run):`);
  for (const [route, r] of routes) console.log(`${String(r.cases).padStart(8)}  ${route}  ${JSON.stringify(r.statuses)}`);
  console.log(`${String(total).padStart(8)}  in all, ${routes.length} routes, ${Math.round((Date.now() - started) / 60_000)} min`);
} catch {
  console.log("no fuzz report was written (the run stopped early)");
}
process.exit(code);
