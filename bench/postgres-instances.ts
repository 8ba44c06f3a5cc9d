// npm run bench, PostgreSQL part (issue 11): two production instances on one PostgreSQL database
// (PG_URL, default postgresql://root@127.0.0.1:5432/postgres), people of each room spread over both.
import pg from "pg";
import { startFakePlex } from "../tests/fake-plex";
import { startApp, type RunningApp } from "../tests/helpers/app";
import { createTestDatabase, postgresServerUrl, type TestDatabase } from "../tests/helpers/database";
import { plexEnv } from "../tests/helpers/plex-app";
import { loadNow, parentPid, rssOfTree, signIn, STAGE_SECONDS, type Report } from "./support";
import { openRooms, startSwipeLoad, swipeLadder } from "./swipe-load";

/** The soak's length in minutes (BENCH_SOAK_MINUTES, default 10). */
const SOAK_MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
/** Swipes per second per person during the soak (BENCH_SOAK_RATE, default 0.4: 200/s for 500 people). */
const SOAK_RATE = Number(process.env.BENCH_SOAK_RATE ?? 0.4);
/** Rates (swipes/s per person) tried after the 1/s stage to find the highest sustained rate. */
const RATES = [0.25, 0.5, 0.75, 1.5, 2, 3, 4];

interface Instances {
  a: RunningApp;
  b: RunningApp;
  database: TestDatabase;
  hostCookie: string;
}

/** Runs the PostgreSQL figures; `parts` picks some of "swipes" and "soak" (BENCH_ONLY=postgresql:soak). */
export async function postgresInstances(options: { report: Report; parts?: string[] }): Promise<void> {
  const want = (part: string) => !options.parts || options.parts.includes(part);
  let database: TestDatabase;
  try {
    database = await createTestDatabase("postgresql");
  } catch (error) {
    console.warn(`\n*** SKIPPED the PostgreSQL figures: no PostgreSQL server at PG_URL (${postgresServerUrl()}): ${(error as Error).message} ***\n`);
    return;
  }
  const fake = await startFakePlex({ quiet: true, films: 2000 });
  const env = { ...plexEnv(fake), LOG_LEVEL: "warn", PLEX_TIMEOUT_MS: undefined };
  let a: RunningApp | undefined;
  let b: RunningApp | undefined;
  try {
    // Same database and data folder (the generated secret): what one signs, the other accepts.
    a = await startApp({ database, env });
    b = await startApp({ database, env });
    const instances = { a, b, database, hostCookie: await signIn(a.url, fake, "olivia") };
    if (want("swipes")) await swipesOverInstances(instances, options.report);
    if (want("soak")) await soak(instances, options.report);
  } finally {
    await b?.stop();
    await a?.stop();
    await database.drop();
    await fake.close();
  }
}

/**
 * The PostgreSQL server's main process (its backends are its children), when it runs on this
 * machine: the parent of the backend serving a connection. Null for a server elsewhere.
 */
async function postgresServerPid(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    return parentPid(rows[0]!.pid);
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function swipesOverInstances(instances: Instances, report: Report): Promise<void> {
  const { a, b, hostCookie } = instances;
  const ladder = async (urls: string[]) => {
    const rooms = await openRooms({ urls, hostCookie, rooms: 50, cards: 480 });
    const load = await startSwipeLoad(rooms, { wrap: true, appPids: urls.map((u) => (u === a.url ? a : b).process.pid!), dbPid: await postgresServerPid(instances.database.url) });
    try {
      return await swipeLadder(load, { baseSeconds: STAGE_SECONDS, rates: RATES });
    } finally {
      load.close();
    }
  };
  // One instance first: the two-instance run then works on the larger database.
  console.log(`\n== PostgreSQL, one instance: swipe -> match over SSE, 50 rooms x 4 people (load ${loadNow()})`);
  const one = await ladder([a.url]);
  console.log(`\n== PostgreSQL, two instances: the same, each room's people on both, timed on the other instance's streams (load ${loadNow()})`);
  const two = await ladder([a.url, b.url]);
  report(
    "PostgreSQL, two instances: swipe -> match seen on another instance's stream at 200/s",
    `p50 ${two.base.p50.toFixed(1)} ms, p99 ${two.base.p99.toFixed(1)} ms (one instance: p99 ${one.base.p99.toFixed(1)} ms)`,
    "p99 <= 150 ms",
    two.base.p99 <= 150,
  );
  report("PostgreSQL, app CPU per swipe at 200/s, one instance and two (both instances together)", `${one.base.cpuPerSwipe.toFixed(2)} ms and ${two.base.cpuPerSwipe.toFixed(2)} ms`, "reported", true);
  if (one.base.dbCpuPerSwipe !== null && two.base.dbCpuPerSwipe !== null) {
    report("PostgreSQL, database server CPU per swipe at 200/s, one instance and two", `${one.base.dbCpuPerSwipe.toFixed(2)} ms and ${two.base.dbCpuPerSwipe.toFixed(2)} ms`, "reported", true);
  }
  const ratio = one.best ? `${(two.best / one.best).toFixed(2)}x` : "no ratio: neither reached p99 < 100 ms";
  report("PostgreSQL, highest rate with p99 < 100 ms, two instances vs one", `${two.best} vs ${one.best} swipes/s (${ratio})`, "reported", two.best > 0);
}

/** Counts the swipes stored for these rooms. */
async function storedSwipes(database: TestDatabase, codes: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "Swipe" WHERE "roomId" IN (SELECT "id" FROM "Room" WHERE "code" = ANY($1))`, [codes]);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

async function soak(instances: Instances, report: Report): Promise<void> {
  const { a, b, hostCookie, database } = instances;
  const seconds = SOAK_MINUTES * 60;
  console.log(`\n== PostgreSQL soak: 500 participants in 125 rooms over two instances, ${SOAK_MINUTES} min at ${SOAK_RATE} swipes/s each (load ${loadNow()})`);
  const rooms = await openRooms({ urls: [a.url, b.url], hostCookie, rooms: 125, cards: 48 });
  // No wrapping round the deck: every acknowledged swipe is a new one, stored once.
  const load = await startSwipeLoad(rooms, { wrap: false, appPids: [a.process.pid!, b.process.pid!] });
  const samples: { at: number; a: number; b: number }[] = [];
  const started = performance.now();
  const sample = () => samples.push({ at: (performance.now() - started) / 1000, a: rssOfTree(a.process.pid!), b: rssOfTree(b.process.pid!) });
  sample();
  const sampler = setInterval(sample, Math.max(5, seconds / 40) * 1000);
  let stage: Awaited<ReturnType<typeof load.runStage>>;
  try {
    stage = await load.runStage(SOAK_RATE, seconds);
  } finally {
    clearInterval(sampler);
    load.close();
  }
  sample();
  const stored = await storedSwipes(database, rooms.map((r) => r.code));
  const errors = [...stage.errors.values()].reduce((sum, n) => sum + n, 0);
  // Memory once warm (from a fifth of the way in): V8 collects in a sawtooth, so the highest RSS
  // of the second half is compared with the highest of the first: flat when it grew less than 10%.
  const warm = samples.filter((s) => s.at >= seconds / 5);
  const halves = [warm.slice(0, Math.ceil(warm.length / 2)), warm.slice(Math.ceil(warm.length / 2))];
  const peakOf = (list: typeof samples, which: "a" | "b") => Math.max(...list.map((s) => s[which]));
  const peaks = halves.map((half) => ({ a: peakOf(half, "a"), b: peakOf(half, "b") }));
  const flat = peaks[1]!.a <= peaks[0]!.a * 1.1 && peaks[1]!.b <= peaks[0]!.b * 1.1;
  const last = samples.at(-1)!;
  console.log(`   RSS (MB) A: ${samples.map((s) => s.a.toFixed(0)).join(" ")}`);
  console.log(`   RSS (MB) B: ${samples.map((s) => s.b.toFixed(0)).join(" ")}`);
  console.log(`   ${stage.acknowledged} swipes acknowledged, ${stored} stored, ${errors} failed; ${stage.n} match deliveries on the other instance, p99 ${stage.p99.toFixed(1)} ms`);
  report(`PostgreSQL soak, ${SOAK_MINUTES} min, 500 participants in 125 rooms, two instances: errors`, `${errors} (${stage.acknowledged} swipes)`, "0", errors === 0);
  report("PostgreSQL soak: swipes stored = swipes acknowledged", `${stored} stored, ${stage.acknowledged} acknowledged`, "equal", stored === stage.acknowledged);
  report(
    "PostgreSQL soak: memory flat (highest RSS of each instance, first half -> second half once warm)",
    `A ${peaks[0]!.a.toFixed(0)} -> ${peaks[1]!.a.toFixed(0)} MB, B ${peaks[0]!.b.toFixed(0)} -> ${peaks[1]!.b.toFixed(0)} MB (end: A ${last.a.toFixed(0)}, B ${last.b.toFixed(0)} MB)`,
    "< 10% growth",
    flat,
  );
}
