// The production server's Node.js flags (scripts/lib/server-flags.mjs) are the ones every way of
// starting it uses, and Node.js takes them.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../../scripts/lib/server-flags.mjs";
import { imageCommand } from "../helpers/dockerfile";

const root = path.resolve(import.meta.dirname, "../..");

describe("the server's Node.js flags", () => {
  it("are the container image's command too", () => {
    expect(imageCommand()).toEqual(["node", ...SERVER_NODE_FLAGS, "scripts/server.mjs"]);
  });

  it("are taken by this Node.js (an unknown or malformed flag stops node before it runs anything)", () => {
    const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, "-e", "process.stdout.write('ran')"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("ran");
  });

  it("npm start and npm run demo start the server with them", () => {
    for (const script of ["scripts/start.mjs", "scripts/demo.mjs"]) {
      expect(readFileSync(path.join(root, script), "utf8"), script).toMatch(/spawn\(process\.execPath, \[\.\.\.SERVER_NODE_FLAGS, path\.join\(root, "scripts\/server\.mjs"\)\]/);
    }
  });
});
