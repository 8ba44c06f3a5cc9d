import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { startFakePlex, type FakePlex } from "../fake-plex";
import { integrationDatabaseKind } from "../helpers/database";
import { imageCommand, imageStage } from "../helpers/dockerfile";
import { plexEnv } from "../helpers/plex-app";
import { freePort } from "../helpers/ports";
import { playRoom } from "./play-room";

/**
 * The container image, run the way it runs: the server folder the Dockerfile assembles
 * (scripts/bundle.mjs), started with the image's command as a non-root user, the application
 * folder read-only, data only in a /config-like folder, and the environment only from the image
 * (Dockerfile ENV) and compose.yaml, plus what a test must point elsewhere (the port, APP_URL, the
 * fake Plex servers, the data folder standing for /config). Where a Docker engine answers, the real
 * image is built and run too; where none does, that test is skipped and says so.
 */
const root = path.resolve(__dirname, "../..");
const onSqlite = integrationDatabaseKind() === "sqlite";
if (!onSqlite) console.warn("\n*** SKIPPED tests/integration/container.test.ts on PostgreSQL: compose.yaml runs SQLite; it runs in the SQLite suite. ***\n");

const dockerAnswers = spawnSync("docker", ["info"], { stdio: "ignore", timeout: 10_000 }).status === 0;
if (onSqlite && !dockerAnswers) {
  console.warn(
    "\n!!!!!!!!!!\n!!! SKIPPED: building and running the real container image (tests/integration/container.test.ts).\n" +
      "!!! No Docker engine answers `docker info` here. The image's server folder is still run as the image runs it.\n!!!!!!!!!!\n",
  );
}

/** ENV of the Dockerfile's last stage (the image's environment). */
function imageEnv(): Record<string, string> {
  const lastStage = imageStage();
  const env: Record<string, string> = {};
  for (const [, line] of lastStage.matchAll(/^ENV\s+(.+)$/gm)) for (const [, k, v] of line!.matchAll(/(\w+)=(\S+)/g)) env[k!] = v!;
  return env;
}

/** The reelmatch service's environment in compose.yaml. */
function composeEnv(): Record<string, string> {
  const compose = parseYaml(readFileSync(path.join(root, "compose.yaml"), "utf8")) as { services: Record<string, { environment?: Record<string, unknown> | string[] }> };
  const given = compose.services.reelmatch?.environment ?? {};
  const pairs = Array.isArray(given) ? given.map((e) => e.split(/=(.*)/s) as [string, string]) : Object.entries(given).map(([k, v]) => [k, String(v)] as [string, string]);
  return Object.fromEntries(pairs);
}

/** Every file below `dir` (no symbolic links followed). */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, child?: ChildProcess, output?: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (child && child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before ${what}:\n${output?.()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output?.()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!onSqlite)("the container image", () => {
  let fake: FakePlex;
  let work: string;

  beforeAll(async () => {
    fake = await startFakePlex({ quiet: true });
    work = mkdtempSync(path.join(os.tmpdir(), "reelmatch-image-"));
    chmodSync(work, 0o755);
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    if (work) {
      execFileSync("chmod", ["-R", "u+w", work]);
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("its server folder, run as a non-root user on a read-only copy with compose.yaml's environment, signs in and plays a room", async () => {
    const app = path.join(work, "app");
    execFileSync(process.execPath, [path.join(root, "scripts/bundle.mjs"), app], { cwd: root, stdio: "pipe" });
    execFileSync("chmod", ["-R", "a-w", app]);
    const config = path.join(work, "config");
    execFileSync("mkdir", [config]);
    // root here: the server runs as nobody, as the image's server runs as "node".
    const asRoot = process.getuid?.() === 0;
    const user = asRoot ? { uid: 65534, gid: 65534 } : {};
    if (asRoot) chownSync(config, 65534, 65534);
    const port = await freePort();
    const image = imageEnv();
    expect(image.DATA_DIR).toBe("/config");
    const env: Record<string, string> = {
      ...image,
      ...composeEnv(),
      DATA_DIR: config,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      ...(plexEnv(fake) as Record<string, string>),
    };
    let output = "";
    const [program, ...args] = imageCommand();
    expect(program).toBe("node");
    const server = spawn(process.execPath, args, { cwd: app, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], ...user });
    server.stdout.on("data", (d: Buffer) => (output += d.toString()));
    server.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    try {
      // Ready when the image's HEALTHCHECK command says so.
      const healthy = () => spawnSync(process.execPath, ["scripts/healthcheck.mjs"], { cwd: app, env: env as NodeJS.ProcessEnv, stdio: "ignore", ...user }).status === 0;
      await waitUntil("the HEALTHCHECK passes", healthy, server, () => output);
      const played = await playRoom(env.APP_URL!, fake);
      expect(played.match.event).toBe("match");
      // Everything it keeps is in the data folder; the application folder is as it was made.
      expect(existsSync(path.join(config, "reelmatch.db"))).toBe(true);
      expect(existsSync(path.join(config, "secret"))).toBe(true);
      if (asRoot) expect(statSync(path.join(config, "reelmatch.db")).uid).toBe(65534);
      for (const file of filesBelow(app)) expect(statSync(file).mode & 0o222, `${file} is writable`).toBe(0);
    } finally {
      // The image's stop: SIGTERM to the server (tini passes it on), a graceful exit.
      server.kill("SIGTERM");
    }
    expect(await exited, output).toBe(0);
    expect(output).toMatch(/SIGTERM: stopping/);
  });

  it.skipIf(!dockerAnswers)("the real image builds, becomes healthy, signs in and plays a room, and stops gracefully", async () => {
    const tag = `reelmatch-test:${process.pid}`;
    const name = `reelmatch-test-${process.pid}`;
    const volume = `reelmatch-test-config-${process.pid}`;
    execFileSync("docker", ["build", "-t", tag, root], { stdio: "pipe", timeout: 900_000 });
    const port = await freePort();
    const env = { ...composeEnv(), PORT: String(port), APP_URL: `http://127.0.0.1:${port}`, ...(plexEnv(fake) as Record<string, string>) };
    // Host networking: the fake Plex servers listen on this machine's 127.0.0.1.
    const args = ["run", "-d", "--name", name, "--network", "host", "--read-only", "--tmpfs", "/tmp", "-v", `${volume}:/config`];
    for (const [k, v] of Object.entries(env)) args.push("-e", `${k}=${v}`);
    execFileSync("docker", [...args, tag], { stdio: "pipe" });
    const logs = () => {
      const run = spawnSync("docker", ["logs", name], { encoding: "utf8" });
      return `${run.stdout}${run.stderr}`;
    };
    try {
      const status = () => spawnSync("docker", ["inspect", "-f", "{{.State.Health.Status}}", name], { encoding: "utf8" }).stdout.trim();
      await waitUntil("the container is healthy", () => status() === "healthy", undefined, logs, 180_000);
      const played = await playRoom(env.APP_URL, fake);
      expect(played.match.event).toBe("match");
      expect(spawnSync("docker", ["exec", name, "id", "-u"], { encoding: "utf8" }).stdout.trim()).not.toBe("0");
      execFileSync("docker", ["stop", "-t", "15", name], { stdio: "pipe" });
      expect(spawnSync("docker", ["inspect", "-f", "{{.State.ExitCode}}", name], { encoding: "utf8" }).stdout.trim(), logs()).toBe("0");
    } finally {
      spawnSync("docker", ["rm", "-f", name], { stdio: "ignore" });
      spawnSync("docker", ["volume", "rm", "-f", volume], { stdio: "ignore" });
      spawnSync("docker", ["image", "rm", "-f", tag], { stdio: "ignore" });
    }
  }, 1_200_000);
});
