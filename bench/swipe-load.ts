// The swipe load of npm run bench: rooms of four people, each person on one app instance (the
// instances take turns), one event stream per person on their own instance, every swipe a like,
// the match a film's fourth like completes timed on the other people's streams.
import { getJson, openLightStream, postJson } from "./light-http";
import { api, cpuMsOfTree, percentile, sleep } from "./support";

export interface LoadPerson {
  cookie: string;
  /** The instance this person talks to (their swipes, deck pages and event stream). */
  url: string;
  instance: number;
}

export interface LoadRoom {
  code: string;
  people: LoadPerson[];
  /** Rating keys dealt so far, in deck order (dealt on by whoever reaches the end). */
  cards: string[];
  dealing?: Promise<void>;
}

export interface StageResult {
  /** swipes per second asked for, all people together */
  rate: number;
  p50: number;
  p99: number;
  /** match deliveries timed */
  n: number;
  /** swipes answered 200 */
  acknowledged: number;
  /** failed swipes by HTTP status (0: no answer) */
  errors: Map<number, number>;
  /** CPU the app instances used per acknowledged swipe, in ms (their streams' deliveries included) */
  cpuPerSwipe: number;
  /** CPU the database server used per acknowledged swipe, in ms (null: not a process on this machine) */
  dbCpuPerSwipe: number | null;
}

const PAGE = 48;
/** How long the swipe load runs at the base rate before the stages that are measured. */
const WARM_UP_SECONDS = 10;

/** With BENCH_MARKS set, prints the monotonic clock in µs (as V8's .cpuprofile startTime counts): a profile can be cut to one stage. */
function markStage(what: "start" | "end"): void {
  if (process.env.BENCH_MARKS) console.log(`   stage ${what} at ${process.hrtime.bigint() / 1000n} µs (monotonic)`);
}

/** Deals the room's next page of cards (one request at a time per room), as the swipe screen does. */
async function dealMore(room: LoadRoom): Promise<void> {
  room.dealing ??= (async () => {
    const person = room.people[0]!;
    const page = await getJson<{ cards: { ratingKey: string }[] }>(`${person.url}/api/rooms/${room.code}/deck?from=${room.cards.length}&count=${PAGE}`, person.cookie);
    if (!page.cards.length) throw new Error(`room ${room.code}: the deck ran out at ${room.cards.length} cards`);
    room.cards.push(...page.cards.map((c) => c.ratingKey));
  })().finally(() => (room.dealing = undefined));
  return room.dealing;
}

/**
 * Creates `rooms` rooms (the host and three guests each, person i on instance i mod n) and deals
 * the first `cards` cards of each. A few rooms are set up at once.
 */
export async function openRooms(options: { urls: string[]; hostCookie: string; rooms: number; cards: number }): Promise<LoadRoom[]> {
  const { urls, hostCookie } = options;
  const rooms: LoadRoom[] = [];
  const setUp = async () => {
    const created = await api<{ code: string }>(urls[0]!, hostCookie, "POST", "/api/rooms", { sectionIds: ["1"] });
    const code = created.body.code;
    const people: LoadPerson[] = [{ cookie: hostCookie, url: urls[0]!, instance: 0 }];
    for (let g = 1; g < 4; g++) {
      const instance = g % urls.length;
      const joined = await api(urls[instance]!, "", "POST", `/api/rooms/${code}/participants`, { name: `guest${g}` });
      people.push({ cookie: joined.cookies.join("; "), url: urls[instance]!, instance });
    }
    const room: LoadRoom = { code, people, cards: [] };
    while (room.cards.length < options.cards) await dealMore(room);
    rooms.push(room);
  };
  for (let started = 0; started < options.rooms; started += 5) {
    await Promise.all(Array.from({ length: Math.min(5, options.rooms - started) }, setUp));
  }
  return rooms;
}

/**
 * Opens one stream per person and returns a stage runner: every person swipes their next card at
 * `perPersonPerSecond` for `seconds`. With several instances only the deliveries on another
 * instance than the one that took the completing like are timed.
 */
export async function startSwipeLoad(rooms: LoadRoom[], options: { wrap: boolean; appPids: number[]; dbPid?: number | null }) {
  const instances = new Set(rooms.flatMap((r) => r.people.map((p) => p.instance))).size;
  const sends = new Map<string, { t: number; by: number }[]>();
  let latencies: number[] = [];
  const streams = rooms.flatMap((room) =>
    room.people.map((person, i) =>
      openLightStream(person.url, person.cookie, room.code, (type, data) => {
        if (type !== "match") return;
        const key = `${room.code}:${(data as { card: { ratingKey: string } }).card.ratingKey}`;
        const last = sends.get(key)?.at(-1);
        if (!last || last.by === i) return;
        if (instances > 1 && room.people[last.by]!.instance === person.instance) return;
        latencies.push(performance.now() - last.t);
      }),
    ),
  );
  await Promise.all(streams.map((s) => s.opened));
  const cursor = rooms.map(() => [0, 0, 0, 0]);

  const runStage = async (perPersonPerSecond: number, seconds: number): Promise<StageResult> => {
    latencies = [];
    let postTimes: number[] = [];
    const errors = new Map<number, number>();
    let acknowledged = 0;
    const interval = 1000 / perPersonPerSecond;
    const cpuBefore = options.appPids.reduce((sum, pid) => sum + cpuMsOfTree(pid), 0);
    const dbCpuBefore = options.dbPid ? cpuMsOfTree(options.dbPid, { reaped: true }) : 0;
    const ownCpuBefore = process.cpuUsage();
    markStage("start");
    const end = performance.now() + seconds * 1000;
    const loops = rooms.flatMap((room, r) =>
      room.people.map(async (person, i) => {
        await sleep(Math.random() * interval);
        while (performance.now() < end) {
          const tick = performance.now();
          const pos = cursor[r]![i]!++;
          if (!options.wrap && pos >= room.cards.length) await dealMore(room).catch(() => undefined);
          const ratingKey = room.cards[pos % room.cards.length]!;
          const key = `${room.code}:${ratingKey}`;
          const list = sends.get(key) ?? [];
          list.push({ t: performance.now(), by: i });
          sends.set(key, list);
          const sentAt = performance.now();
          const status = await postJson(`${person.url}/api/rooms/${room.code}/swipes`, person.cookie, { ratingKey, liked: true }).catch(() => 0);
          if (status === 200) acknowledged++;
          else errors.set(status, (errors.get(status) ?? 0) + 1);
          // A swipe that got no answer is sent again (swipes are idempotent), as the app's waiting
          // queue does: going on to the next card would make every later swipe "not your next card".
          if (status === 0) cursor[r]![i]!--;
          postTimes.push(performance.now() - sentAt);
          await sleep(Math.max(0, interval - (performance.now() - tick)));
        }
      }),
    );
    await Promise.all(loops);
    markStage("end");
    await sleep(500);
    // This process: the load generator (its requests and event streams), and the fake Plex servers
    // when a stage deals new cards (the soak; the rate stages swipe a deck dealt beforehand).
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const perSwipe = (cpuMs: number) => cpuMs / Math.max(1, acknowledged);
    const clientCpuPerSwipe = perSwipe((ownCpu.user + ownCpu.system) / 1000);
    const cpuPerSwipe = perSwipe(options.appPids.reduce((sum, pid) => sum + cpuMsOfTree(pid), 0) - cpuBefore);
    const dbCpuPerSwipe = options.dbPid ? perSwipe(cpuMsOfTree(options.dbPid, { reaped: true }) - dbCpuBefore) : null;
    const sorted = [...latencies].sort((a, b) => a - b);
    if (errors.size) console.log(`   swipes failed: ${[...errors].map(([status, n]) => `${n} with ${status ? `HTTP ${status}` : "no answer"}`).join(", ")}`);
    const posts = [...postTimes].sort((a, b) => a - b);
    console.log(`   swipe POST round trip: p50 ${percentile(posts, 50).toFixed(1)} ms, p99 ${percentile(posts, 99).toFixed(1)} ms, ${posts.length} swipes; app CPU ${cpuPerSwipe.toFixed(2)} ms per swipe${dbCpuPerSwipe === null ? "" : `, database CPU ${dbCpuPerSwipe.toFixed(2)} ms`}, load generator CPU ${clientCpuPerSwipe.toFixed(2)} ms`);
    postTimes = [];
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length, rate: Math.round(perPersonPerSecond * rooms.length * 4), acknowledged, errors, cpuPerSwipe, dbCpuPerSwipe };
  };
  return { runStage, close: () => streams.forEach((s) => s.close()) };
}

/**
 * The base stage (1 swipe/s each, `baseSeconds`), then 15 s stages at other rates, stopping above
 * the base once p99 reaches 100 ms: the highest rate with p99 < 100 ms.
 */
export async function swipeLadder(load: Awaited<ReturnType<typeof startSwipeLoad>>, options: { baseSeconds: number; rates: number[] }): Promise<{ base: StageResult; best: number; stages: StageResult[] }> {
  // Warm-up at the base rate, its figures not counted: the first swipes prepare the statements of
  // the swipe transaction and fill the caches of dealt cards, and a newly started instance spends a
  // fifth of its CPU compiling its hot code in its first seconds at 200/s (V8's optimizing
  // compiler, seen with perf): what is measured after is the steady state a running server is in.
  console.log(`   warm-up, not counted: ${WARM_UP_SECONDS} s at 1 swipe/s per person`);
  await load.runStage(1, WARM_UP_SECONDS);
  const base = await load.runStage(1, options.baseSeconds);
  console.log(`   1 swipe/s per person (${base.rate}/s): ${base.n} match deliveries, p50 ${base.p50.toFixed(1)} ms, p99 ${base.p99.toFixed(1)} ms`);
  let best = base.p99 < 100 ? base.rate : 0;
  const stages = [base];
  for (const perPerson of options.rates) {
    if (perPerson > 1 && base.p99 >= 100) break;
    const stage = await load.runStage(perPerson, 15);
    stages.push(stage);
    console.log(`   ${perPerson} swipes/s per person (${stage.rate}/s): ${stage.n} match deliveries, p50 ${stage.p50.toFixed(1)} ms, p99 ${stage.p99.toFixed(1)} ms`);
    if (stage.p99 < 100) best = Math.max(best, stage.rate);
    else if (perPerson > 1) break;
  }
  return { base, best, stages };
}
