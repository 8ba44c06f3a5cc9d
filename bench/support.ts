import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import type { FakePlex } from "../tests/fake-plex";
import { CookieJar } from "../tests/helpers/cookie-jar";

/** Signs in through the whole Plex PIN flow with fetch (like tests/helpers/sign-in.ts, without vitest). */
export async function signIn(appUrl: string, fake: FakePlex, username: "olivia" | "frank"): Promise<string> {
  const jar = new CookieJar();
  const csrf = (await (await jar.fetch(`${appUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await jar.fetch(`${appUrl}/api/auth/signin/plex`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: `${appUrl}/`, json: "true" }),
  });
  const { url } = (await res.json()) as { url: string };
  const pin = await jar.fetch(url);
  const params = new URLSearchParams(new URL(pin.headers.get("location")!).hash.replace(/^#\??/, ""));
  await fetch(`${fake.plexTvUrl}/_fake/auth/approve`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: params.get("code"), clientID: params.get("clientID"), username }),
  });
  let next = params.get("forwardUrl")!;
  for (let i = 0; i < 10; i++) {
    const r = await jar.fetch(next);
    const location = r.headers.get("location");
    if (!location || r.status < 300 || r.status >= 400) break;
    next = new URL(location, next).toString();
  }
  if (!jar.get("next-auth.session-token")) throw new Error("bench sign-in did not produce a session");
  return jar.header();
}

/** Switches a signed-in Olivia session to one of her Home's profiles; returns the new cookie header. */
export async function switchProfile(appUrl: string, cookie: string, name: string, pin?: string): Promise<string> {
  const { body } = await api<{ profiles: { uuid: string; name: string }[] }>(appUrl, cookie, "GET", "/api/me/profiles");
  const profile = body.profiles.find((p) => p.name === name);
  if (!profile) throw new Error(`no profile ${name}`);
  const res = await api(appUrl, cookie, "POST", "/api/me/profiles", { uuid: profile.uuid, ...(pin ? { pin } : {}) });
  const jar = new Map(cookie.split("; ").map((c) => [c.slice(0, c.indexOf("=")), c] as const));
  for (const c of res.cookies) jar.set(c.slice(0, c.indexOf("=")), c);
  return [...jar.values()].join("; ");
}

export async function api<T>(appUrl: string, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; cookies: string[] }> {
  const res = await fetch(appUrl + path, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return { status: res.status, body: parsed as T, cookies: res.headers.getSetCookie().map((c) => c.split(";")[0]!) };
}

/** A process and all its descendants (Linux /proc). */
function processTree(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentPid(Number(entry));
    if (ppid !== null) parents.set(Number(entry), ppid);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  return tree;
}

/** Resident memory of a process and all its descendants, in MB (Linux /proc). */
export function rssOfTree(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/**
 * CPU time (user + system) a process and its descendants have used so far, in ms (Linux /proc,
 * clock ticks of 10 ms). The CPU a swipe costs is steadier on a busy machine than its latency.
 */
export function cpuMsOfTree(pid: number, options: { reaped?: boolean } = {}): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
      // With `reaped`, also what children that ended used (a server's connection processes come and go).
      if (options.reaped) ticks += Number(fields[13]) + Number(fields[14]);
    } catch {
      // gone
    }
  }
  return ticks * 10;
}

/** A process's parent (null when it is not on this machine, or gone). */
export function parentPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records a figure (printed at once and in the summary). */
export type Report = (name: string, value: string, target: string, ok: boolean) => void;

/** How long the 1 swipe/s stages run (BENCH_STAGE_SECONDS, default 30). */
export const STAGE_SECONDS = Number(process.env.BENCH_STAGE_SECONDS ?? 30);

/** The machine's load average (1, 5, 15 minutes) and its core count, as the README reports it. */
export function loadNow(): string {
  return `${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`;
}
