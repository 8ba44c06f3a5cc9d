import fc from "fast-check";
import type { AppRoute } from "../helpers/routes";
import { caseArbitrary, encodeSegment, SAME_ORIGIN, type FuzzCase } from "./cases";
import type { FuzzWorld } from "./world";

/** What came back for one request (the body only when it is not an event stream). */
export interface FuzzAnswer {
  status: number;
  body: string;
  location: string;
}

const ANSWER_TIMEOUT_MS = 15_000;

/** The URL of a case: the route with its parameters filled in (encoded) and the query. */
export function caseUrl(route: AppRoute, c: FuzzCase): string {
  const path = route.pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => {
    const value = c.params[name] ?? "x";
    // catch-all segments (NextAuth's [...nextauth]) keep their slashes
    return route.pattern.includes(`[...${name}]`) ? value.split("/").map(encodeSegment).join("/") : encodeSegment(value);
  });
  return c.query ? `${path}?${c.query}` : path;
}

function cookieHeader(world: FuzzWorld, c: FuzzCase): string {
  const jar = new Map<string, string>();
  const own = world.personas.get(c.persona)!;
  if (!c.cookies.drop) for (const [k, v] of own.cookies) jar.set(k, c.cookies.corrupt ? `${v.slice(0, -1)}${v.endsWith("A") ? "B" : "A"}` : v);
  if (c.cookies.borrow) for (const [k, v] of world.personas.get(c.cookies.borrow)!.cookies) if (!jar.has(k)) jar.set(k, v);
  for (const [k, v] of c.cookies.extra) jar.set(k, v);
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

/** Sends one case as it is; an event stream that opens is closed at once (only its status counts). */
export async function sendCase(world: FuzzWorld, route: AppRoute, c: FuzzCase): Promise<FuzzAnswer> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(c.headers)) headers.set(k, v === SAME_ORIGIN ? world.url : v);
  const cookie = cookieHeader(world, c);
  if (cookie) headers.set("cookie", cookie);
  if (c.contentType && c.body !== undefined) headers.set("content-type", c.contentType);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ANSWER_TIMEOUT_MS);
  try {
    const res = await fetch(world.url + caseUrl(route, c), { method: c.method, headers, body: c.body, redirect: "manual", signal: controller.signal });
    const location = res.headers.get("location") ?? "";
    if ((res.headers.get("content-type") ?? "").includes("text/event-stream")) {
      controller.abort();
      return { status: res.status, body: "", location };
    }
    return { status: res.status, body: await res.text(), location };
  } catch (error) {
    throw new Error(`${describeCase(route, c)} did not answer within ${ANSWER_TIMEOUT_MS} ms: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

export function describeCase(route: AppRoute, c: FuzzCase): string {
  return `${c.method} ${caseUrl(route, c)} as ${c.persona}`;
}

/** The properties every answer keeps, whoever asks and whatever they send. */
function checkAnswer(world: FuzzWorld, route: AppRoute, c: FuzzCase, answer: FuzzAnswer): void {
  const where = `${describeCase(route, c)} -> ${answer.status}`;
  if (answer.status >= 500) throw new Error(`${where}: a server error\n${answer.body.slice(0, 500)}`);
  if (answer.status < 400) return;
  for (const secret of world.forbidden) {
    if (answer.body.includes(secret) || answer.location.includes(secret)) throw new Error(`${where}: the refusal shows "${secret}"\n${answer.body.slice(0, 500)}`);
  }
}

/** Waits until the database stops changing (writes a successful call left running in the background). */
async function settledState(world: FuzzWorld): Promise<string> {
  let last = await world.state.snapshot();
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await world.state.snapshot();
    if (now === last) return now;
    last = now;
  }
  return last;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `before: …${a.slice(Math.max(0, i - 80), i + 160)}\nafter:  …${b.slice(Math.max(0, i - 80), i + 160)}`;
}

/**
 * Runs one case: no 5xx, nothing private in a refusal, and a refusal changes nothing in the
 * database. A change seen around a refusal is checked again once the database has settled (a
 * call that succeeded before may still be writing), with the same request sent again.
 */
export async function runCase(world: FuzzWorld, route: AppRoute, c: FuzzCase): Promise<FuzzAnswer> {
  const before = await world.state.snapshot();
  const answer = await sendCase(world, route, c);
  checkAnswer(world, route, c, answer);
  if (answer.status >= 400) {
    const after = await world.state.snapshot();
    if (after !== before) {
      const settled = await settledState(world);
      const again = await sendCase(world, route, c);
      checkAnswer(world, route, c, again);
      const afterAgain = await world.state.snapshot();
      if (again.status >= 400 && afterAgain !== settled) {
        throw new Error(`${describeCase(route, c)} -> ${again.status}: a refused call changed the database\n${firstDifference(settled, afterAgain)}`);
      }
    }
  } else if (c.method !== "GET") {
    await world.repair();
  }
  return answer;
}

export interface RouteRun {
  cases: number;
  /** answers by method and status class, e.g. { "GET 2xx": 10, "POST 4xx": 90 } */
  statuses: Record<string, number>;
}

/**
 * Sends `runs` generated cases to one route through fast-check (which shrinks a failing case to a
 * small one). `beforeEach` runs before every case (the full run restarts the app now and then so
 * that rate limits do not keep most cases from reaching the handlers).
 */
export async function fuzzRoute(options: {
  world: () => FuzzWorld;
  route: AppRoute;
  runs: number;
  /** counted into as the cases go (so a failing route still reports how far it got) */
  run: RouteRun;
  seed?: number;
  beforeEach?: (n: number) => Promise<void>;
}): Promise<void> {
  const { route, run } = options;
  await fc.assert(
    fc.asyncProperty(caseArbitrary(route, options.world().known), async (c) => {
      await options.beforeEach?.(run.cases);
      const answer = await runCase(options.world(), route, c);
      run.cases++;
      const klass = `${c.method} ${Math.floor(answer.status / 100)}xx`;
      run.statuses[klass] = (run.statuses[klass] ?? 0) + 1;
    }),
    { numRuns: options.runs, seed: options.seed },
  );
}
