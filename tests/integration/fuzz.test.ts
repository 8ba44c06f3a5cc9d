import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzRoute, type RouteRun } from "../fuzz/run";
import { FuzzWorld } from "../fuzz/world";
import { listAppRoutes } from "../helpers/routes";

/**
 * Property-based fuzzing of every page and route handler (found on disk): generated bodies, route
 * parameters, query strings, headers and cookies, sent anonymously, as a guest, as a Plex member
 * and as a restricted Home profile. Whatever is sent: no 5xx, no library title or token in a
 * refusal, and a refused call changes nothing in the database.
 *
 * `npm test` runs a quick pass with a fixed seed (FUZZ_RUNS unset: a few cases per route, one app);
 * `npm run fuzz` runs FUZZ_RUNS cases per route with a fresh seed on FUZZ_WORKERS apps at once,
 * restarting an app every FUZZ_RESTART_EVERY cases and between routes so that rate limits (429 is
 * a refusal too) do not keep most cases from reaching the handlers.
 */
const full = process.env.FUZZ_RUNS !== undefined;
const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 6);
const restartEvery = Number(process.env.FUZZ_RESTART_EVERY ?? (full ? 2500 : 0));
const workers = full ? Math.max(1, Number(process.env.FUZZ_WORKERS ?? 3)) : 1;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : full ? Date.now() % 1_000_000 : 20261130;
const routes = listAppRoutes().filter((r) => r.methods.length > 0);
const runs = new Map<string, RouteRun>();
const idle: FuzzWorld[] = [];
const waiting: ((w: FuzzWorld) => void)[] = [];

/** Lends a world to one route at a time. */
async function withWorld(fn: (world: FuzzWorld) => Promise<void>): Promise<void> {
  const world = idle.pop() ?? (await new Promise<FuzzWorld>((resolve) => waiting.push(resolve)));
  try {
    await fn(world);
  } finally {
    const next = waiting.shift();
    if (next) next(world);
    else idle.push(world);
  }
}

function writeReport(): void {
  if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ seed, runsPerRoute, routes: Object.fromEntries(runs) }, null, 2));
}

beforeAll(async () => {
  for (let i = 0; i < workers; i++) idle.push(await FuzzWorld.start());
}, 300_000);
afterAll(async () => {
  await Promise.all(idle.map((w) => w.stop()));
  const lines = [...runs].map(([route, r]) => `${String(r.cases).padStart(7)}  ${route}  ${JSON.stringify(r.statuses)}`);
  const total = [...runs.values()].reduce((sum, r) => sum + r.cases, 0);
  console.log(`fuzz: cases per route (seed ${seed})\n${lines.join("\n")}\n${String(total).padStart(7)}  in all, ${runs.size} routes`);
  writeReport();
});

// The full run fuzzes one route per app at once; the quick pass has one app and goes route by route.
(full ? describe.concurrent : describe)("fuzzing every route", () => {
  it("walks every page and route handler", () => {
    expect(routes.length).toBeGreaterThan(30);
  });

  for (const route of routes) {
    it(
      `${route.methods.join(",")} ${route.pattern}`,
      () =>
        withWorld(async (world) => {
          const run: RouteRun = { cases: 0, statuses: {} };
          runs.set(route.pattern, run);
          const started = Date.now();
          try {
            await fuzzRoute({
              world: () => world,
              route,
              runs: runsPerRoute,
              run,
              seed,
              beforeEach: async (n) => {
                if (restartEvery > 0 && n > 0 && n % restartEvery === 0) await world.restartApp();
                if (full && n % 500 === 0) writeReport();
              },
            });
          } finally {
            if (full) {
              console.log(`fuzz: ${run.cases} cases ${route.pattern} in ${Math.round((Date.now() - started) / 1000)} s ${JSON.stringify(run.statuses)}`);
              writeReport();
              await world.restartApp();
            }
          }
          expect(run.cases).toBeGreaterThanOrEqual(runsPerRoute);
        }),
      full ? 8 * 3600_000 : 60_000,
    );
  }
});
