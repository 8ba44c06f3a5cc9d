// npm run bench:web - the web performance budgets of issue 13, against the README's own `npm start`
// (the production build) with the demo's fake Plex servers: Lighthouse 12 (mobile profile,
// simulated throttling) on the landing, join and a signed-in room page, the median of several runs;
// the room page's first-load JavaScript (gzip, as served: bench/first-load-js.ts); text compression.
//
// BENCH_RUNS (default 5) sets the runs per page; BENCH_PAGES (comma-separated: landing, join, room;
// default all three) the pages; CHROMIUM_PATH the browser (default /usr/bin/chromium);
// BENCH_REPORT_DIR, when set, keeps every Lighthouse report (JSON) there, to see what costs the score.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import type { Result } from "lighthouse";
import { startFakePlex } from "../tests/fake-plex";
import { plexEnv } from "../tests/helpers/plex-app";
import { freePort } from "../tests/helpers/ports";
import { measureFirstLoadJs, ROOM_FIRST_LOAD_BUDGET_KB } from "./first-load-js";
import { api, signIn } from "./support";

const root = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 5);
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const REPORT_DIR = process.env.BENCH_REPORT_DIR;
const PAGES = (process.env.BENCH_PAGES || "landing,join,room").split(",").map((p) => p.trim());

/** Targets of issue 13. */
const TARGETS = { performance: 90, accessibility: 95, roomFirstLoadKb: ROOM_FIRST_LOAD_BUDGET_KB, cls: 0.01 };

interface Run {
  performance: number;
  accessibility: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
  /** Lighthouse's measure of the host's speed during the run (higher is faster; a quiet desktop is about 1000-2000). */
  benchmarkIndex: number;
  compressed: boolean;
  failing: string[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Starts the app the way the README says (`npm start`, i.e. scripts/start.mjs) and waits until it answers. */
async function startApp(env: Record<string, string | undefined>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", APP_URL: url, LOG_LEVEL: "warn" },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (code ${child.exitCode})`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("npm start did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Debian's Chromium, headless, with the flags that keep it off the network (../shared/STACK.md); resolves with its DevTools port. */
async function startChromium(profile: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(CHROMIUM, [
    "--headless=new", "--remote-debugging-port=0", `--user-data-dir=${profile}`,
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe"] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`chromium exited (code ${code}): ${output.slice(-500)}`)));
  });
  return { port, child };
}

/**
 * One Lighthouse run through its CLI in a plain Node process (tsx would rewrite the functions
 * Lighthouse sends into the page, which then fail there with "__name is not defined").
 */
async function lighthouseRun(url: string, port: number, cookie?: string, reportName?: string): Promise<Run> {
  const args = [
    path.join(root, "node_modules/lighthouse/cli/index.js"), url,
    `--port=${port}`, "--output=json", "--output-path=stdout", "--quiet",
    // the default mobile profile: Moto G Power, slow 4G, 4x CPU slowdown, simulated throttling
    "--only-categories=performance,accessibility",
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  const json = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`lighthouse exited (code ${code}): ${err.slice(-1000)}`))));
  });
  const lhr = JSON.parse(json) as Result;
  if (REPORT_DIR && reportName) {
    mkdirSync(REPORT_DIR, { recursive: true });
    writeFileSync(path.join(REPORT_DIR, `${reportName}.json`), json);
  }
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
  const audit = (id: string) => lhr.audits[id]!;
  const a11yFailing = lhr.categories.accessibility!.auditRefs
    .filter((ref) => ref.weight > 0 && audit(ref.id).score !== null && audit(ref.id).score! < 1)
    .map((ref) => ref.id);
  return {
    performance: Math.round((lhr.categories.performance!.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility!.score ?? 0) * 100),
    fcp: audit("first-contentful-paint").numericValue!,
    lcp: audit("largest-contentful-paint").numericValue!,
    tbt: audit("total-blocking-time").numericValue!,
    cls: audit("cumulative-layout-shift").numericValue!,
    si: audit("speed-index").numericValue!,
    benchmarkIndex: lhr.environment.benchmarkIndex,
    compressed: audit("uses-text-compression").score === 1,
    failing: a11yFailing,
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "reelmatch-bench-web-"));
  const profile = mkdtempSync(path.join(tmpdir(), "reelmatch-bench-chromium-"));
  const fake = await startFakePlex({ quiet: true, films: 200, seed: "demo" });
  let app: { url: string; child: ChildProcess } | undefined;
  let chromium: { port: number; child: ChildProcess } | undefined;
  let ok = true;
  try {
    app = await startApp({ ...plexEnv(fake), DEMO: "true", DATA_DIR: dataDir, PLEX_TIMEOUT_MS: undefined });
    const cookie = await signIn(app.url, fake, "olivia");
    const room = await api<{ code: string }>(app.url, cookie, "POST", "/api/rooms", { sectionIds: ["1"] });
    const pages = [
      { id: "landing", name: "landing", url: `${app.url}/` },
      { id: "join", name: "join", url: `${app.url}/join` },
      { id: "room", name: "room (signed in)", url: `${app.url}/r/${room.body.code}`, cookie },
    ].filter((page) => PAGES.includes(page.id));
    chromium = await startChromium(profile);
    console.log(`Lighthouse ${RUNS} runs per page (mobile profile, simulated throttling), against npm start at ${app.url}\n`);
    const summary: string[] = [];
    for (const page of pages) {
      // A first visit warms the server (route code loaded, posters cached), as a server in use is.
      await lighthouseRun(page.url, chromium.port, page.cookie);
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await lighthouseRun(page.url, chromium.port, page.cookie, `${page.id}-${i + 1}`);
        runs.push(run);
        console.log(`  ${page.name} run ${i + 1}: performance ${run.performance}, accessibility ${run.accessibility}, FCP ${run.fcp.toFixed(0)} ms, LCP ${run.lcp.toFixed(0)} ms, TBT ${run.tbt.toFixed(0)} ms, CLS ${run.cls.toFixed(3)}, host benchmark index ${run.benchmarkIndex.toFixed(0)}, load average ${loadavg()[0]!.toFixed(1)}`);
      }
      const m = (key: keyof Omit<Run, "compressed" | "failing">) => median(runs.map((r) => r[key]));
      const perf = m("performance");
      const a11y = m("accessibility");
      const cls = m("cls");
      const compressed = runs.every((r) => r.compressed);
      const pageOk = perf >= TARGETS.performance && a11y >= TARGETS.accessibility && cls <= TARGETS.cls && compressed;
      ok &&= pageOk;
      const failing = [...new Set(runs.flatMap((r) => r.failing))];
      summary.push(
        `${pageOk ? "ok  " : "FAIL"} ${page.name}: performance ${perf} (range ${Math.min(...runs.map((r) => r.performance))}-${Math.max(...runs.map((r) => r.performance))}), ` +
          `accessibility ${a11y}, FCP ${m("fcp").toFixed(0)} ms, LCP ${m("lcp").toFixed(0)} ms, TBT ${m("tbt").toFixed(0)} ms, ` +
          `speed index ${m("si").toFixed(0)} ms, CLS ${cls.toFixed(3)}, text compression ${compressed ? "yes" : "NO"}, host benchmark index ${m("benchmarkIndex").toFixed(0)}` +
          (failing.length ? `; accessibility audits not passed: ${failing.join(", ")}` : ""),
      );
    }
    const js = await measureFirstLoadJs(`${app.url}/r/${room.body.code}`, { cookie });
    const jsOk = js.totalKb <= TARGETS.roomFirstLoadKb;
    ok &&= jsOk;
    summary.push(
      `${jsOk ? "ok  " : "FAIL"} room page first-load JavaScript: ${js.totalKb.toFixed(1)} kB gzip in ${js.files.length} files (target <= ${TARGETS.roomFirstLoadKb} kB); ` +
        `largest: ${js.files.slice(0, 4).map((f) => `${f.file} ${f.kb.toFixed(1)} kB`).join(", ")}`,
    );
    console.log(`\n== summary (medians of ${RUNS} runs; targets: performance >= ${TARGETS.performance}, accessibility >= ${TARGETS.accessibility}, CLS <= ${TARGETS.cls})`);
    for (const line of summary) console.log(line);
  } finally {
    chromium?.child.kill("SIGTERM");
    app?.child.kill("SIGTERM");
    await fake.close();
    if (app && app.child.exitCode === null) await new Promise((r) => app!.child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
