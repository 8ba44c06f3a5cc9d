import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FuzzCase } from "../fuzz/cases";
import { runCase } from "../fuzz/run";
import type { FuzzWorld } from "../fuzz/world";
import { Client } from "../integration/rooms-support";

/**
 * The fuzzer's checks themselves: against a stub server that misbehaves on purpose, each property
 * (no 5xx, nothing private in a refusal, no state change from a refusal) is reported, and a clean
 * refusal passes.
 */
let server: Server;
let url: string;
let state = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const answers: Record<string, [number, string]> = {
      "/crash": [500, "boom"],
      "/leak": [404, '{"error":"Not found: The Secret Film"}'],
      "/token": [403, '{"error":"no","token":"tok-123456"}'],
      "/writes": [422, '{"error":"no"}'],
      "/clean": [404, '{"error":"Not found"}'],
    };
    if (req.url === "/writes") state++;
    const [status, body] = answers[req.url ?? ""] ?? [404, ""];
    res.writeHead(status, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function stubWorld(): FuzzWorld {
  return {
    url,
    personas: new Map([["anonymous", new Client(url)]]),
    forbidden: ["The Secret Film", "tok-123456"],
    state: { snapshot: () => Promise.resolve(`rows:${state}`), close: () => Promise.resolve() },
    repair: () => Promise.resolve(),
  } as unknown as FuzzWorld;
}

const aCase = (): FuzzCase => ({
  persona: "anonymous",
  method: "POST",
  params: {},
  query: "",
  headers: {},
  cookies: { drop: false, corrupt: false, borrow: null, extra: [] },
  contentType: "application/json",
  body: "{}",
});

const route = (pattern: string) => ({ pattern, kind: "api" as const, methods: ["POST"] });

describe("the fuzzer's checks", () => {
  it("reports a server error", async () => {
    await expect(runCase(stubWorld(), route("/crash"), aCase())).rejects.toThrow(/-> 500: a server error/);
  });

  it("reports a library title or a token in a refusal", async () => {
    await expect(runCase(stubWorld(), route("/leak"), aCase())).rejects.toThrow(/the refusal shows "The Secret Film"/);
    await expect(runCase(stubWorld(), route("/token"), aCase())).rejects.toThrow(/the refusal shows "tok-123456"/);
  });

  it("reports a refusal that changed the database (seen again after it settled)", async () => {
    await expect(runCase(stubWorld(), route("/writes"), aCase())).rejects.toThrow(/a refused call changed the database/);
  });

  it("lets a clean refusal pass", async () => {
    expect((await runCase(stubWorld(), route("/clean"), aCase())).status).toBe(404);
  });
});
