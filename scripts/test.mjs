// npm test - every suite: type check, lint, unit, fake Plex servers, integration on SQLite and on
// PostgreSQL (a fresh database per app instance, all dropped at the end), end-to-end in Chromium.
// Ends with one line: "N passed, N failed".
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { buildApp, buildIsCurrent, root, run } from "./lib/next.mjs";

const ci = process.env.CI === "true";
// Our own build folder: a test run never races `npm run build`, the demo or another run's build.
process.env.REELMATCH_DIST_DIR ||= ".next-test";
const runId = `${Date.now().toString(36)}${process.pid}`;
const pgUrl = process.env.PG_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
const results = []; // { name, passed, failed, skipped, note }
const tmp = path.join(root, ".tmp");
mkdirSync(tmp, { recursive: true });

const say = (text) => console.log(`\n\x1b[1m== ${text}\x1b[0m`);

async function findChromium() {
  const candidate = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (existsSync(candidate)) return candidate;
  const debianRoot = existsSync("/etc/debian_version") && process.getuid?.() === 0;
  if (!debianRoot) {
    console.error(`Chromium was not found at ${candidate}. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  say("installing chromium with apt-get (end-to-end tests drive it)");
  if ((await run("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null"])) !== 0 || !existsSync("/usr/bin/chromium")) {
    console.error("apt-get could not install chromium. Install it yourself (apt-get install -y chromium) or set CHROMIUM_PATH.");
    process.exit(1);
  }
  return "/usr/bin/chromium";
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropRunDatabases() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [`reelmatch_t${runId}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } catch {
    // PostgreSQL absent: nothing to drop
  } finally {
    await client.end().catch(() => {});
  }
}

async function check(name, cmd, args) {
  say(name);
  const code = await run(cmd, args);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
}

async function vitest(name, project, env = {}) {
  say(name);
  const out = path.join(tmp, `vitest-${name.replace(/\W+/g, "-")}.json`);
  const code = await run(process.execPath, [
    path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--project", project,
    "--reporter=default", "--reporter=json", `--outputFile.json=${out}`,
  ], { env: { TEST_RUN_ID: runId, VITE_CONFIG_NATIVE_IGNORE_WARNING: "true", ...env } });
  let passed = 0, failed = 0, skipped = 0;
  try {
    const report = JSON.parse(readFileSync(out, "utf8"));
    passed = report.numPassedTests;
    failed = report.numFailedTests;
    skipped = report.numPendingTests + report.numTodoTests;
    if (report.numFailedTestSuites > 0 && failed === 0) failed = report.numFailedTestSuites;
  } catch {
    failed = 1;
  }
  if (code !== 0 && failed === 0) failed = 1;
  results.push({ name, passed, failed, skipped });
}

const chromium = await findChromium();
const hasPostgres = await postgresReachable();
if (!hasPostgres) {
  const message = `PostgreSQL is not reachable at ${pgUrl.replace(/\/\/[^@]*@/, "//")}: the PostgreSQL integration suite cannot run.`;
  if (ci) {
    console.error(`\n!!! ${message} Under CI=true this fails the run. Start PostgreSQL or set PG_URL.\n`);
    results.push({ name: "integration (PostgreSQL)", passed: 0, failed: 1, note: "PostgreSQL unreachable" });
  } else {
    console.warn(`\n!!!!!!!!!!\n!!! ${message}\n!!! SKIPPING it. Start PostgreSQL or set PG_URL to run it.\n!!!!!!!!!!\n`);
  }
}

try {
  await check("type check (tsc --noEmit)", path.join(root, "node_modules/.bin/tsc"), ["--noEmit"]);
  await check("lint (eslint)", path.join(root, "node_modules/.bin/eslint"), [".", "--max-warnings=0"]);
  if (buildIsCurrent()) say("build is current");
  else {
    say("building the app (next build)");
    await buildApp();
  }
  await vitest("unit", "unit");
  await vitest("fake Plex servers", "fakes");
  await vitest("integration (SQLite)", "integration", { TEST_DATABASE: "sqlite" });
  if (hasPostgres) await vitest("integration (PostgreSQL)", "integration", { TEST_DATABASE: "postgresql", PG_URL: pgUrl });
  await vitest("end-to-end (Chromium)", "e2e", { CHROMIUM_PATH: chromium });
} catch (error) {
  console.error(`\n${error.message}`);
  results.push({ name: "run", passed: 0, failed: 1 });
} finally {
  await dropRunDatabases();
}

say("summary");
let passed = 0, failed = 0, skipped = 0;
for (const r of results) {
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped ?? 0;
  console.log(`${r.failed ? "FAIL" : "ok  "} ${r.name}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ""}`);
}
if (!hasPostgres && !ci) console.log("!!! integration (PostgreSQL) was SKIPPED: PostgreSQL was not reachable");
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed ? 1 : 0);
