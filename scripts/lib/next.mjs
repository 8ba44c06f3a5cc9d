// Helpers the scripts share: run Next.js, know whether the build is current, wait for a URL.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
export const nextBin = path.join(root, "node_modules/next/dist/bin/next");
export const baseEnv = { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

/** Runs a command, inheriting output; resolves with its exit code. */
export function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", ...options, env: { ...process.env, ...baseEnv, ...options.env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const SOURCES = ["app", "components", "lib", "public", "instrumentation.ts", "proxy.ts", "next.config.js", "scripts/lib/base-path.cjs", "scripts/lib/build-worker.mjs", "package.json", "prisma/schema.prisma"];

/** The build folder (REELMATCH_DIST_DIR, else .next; npm test uses .next-test). */
export const distDir = () => process.env.REELMATCH_DIST_DIR || ".next";

/** True when the build folder holds a production build newer than every source file. */
export function buildIsCurrent() {
  const marker = path.join(root, distDir(), "BUILD_ID");
  if (!existsSync(marker)) return false;
  const built = statSync(marker).mtimeMs;
  return SOURCES.every((s) => {
    const p = path.join(root, s);
    if (!existsSync(p)) return true;
    return (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs) <= built;
  });
}

/** Builds the app for production (next build). */
export async function buildApp() {
  const code = await run(process.execPath, [nextBin, "build"]);
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
}

/** Polls a URL until it answers (any status) or the time runs out. */
export async function waitForUrl(url, { timeoutMs = 60_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the process exited with code ${child.exitCode} before ${url} answered`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
