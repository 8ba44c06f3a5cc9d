import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

describe("fake-plex CLI", () => {
  it("prints one JSON line with the URLs, serves, and exits cleanly on SIGTERM", async () => {
    const child = spawn(TSX, ["tests/fake-plex/cli.ts", "--films", "25", "--seed", "cli"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const line = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout });
      rl.once("line", resolve);
      child.once("exit", () => reject(new Error(`cli exited early: ${stderr}`)));
    });
    const info = JSON.parse(line) as { plexTvUrl: string; pmsUrl: string; controlUrl: string; serverId: string };
    expect(Object.keys(info).sort()).toEqual(["controlUrl", "discoverUrl", "playerUrl", "plexTvUrl", "pmsUrl", "serverId"]);
    expect(info.serverId).toMatch(/^[0-9a-f]{40}$/);
    const health = await fetch(`${info.controlUrl}/health`);
    expect(await health.json()).toMatchObject({ ok: true, films: 25 });
    const identity = await fetch(`${info.pmsUrl}/identity`, { headers: { Accept: "application/json" } });
    expect(identity.status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
  }, 30_000);
});
