// The server sends what a response writes in one turn of the event loop in one system call
// (scripts/lib/coalesced-writes.mjs), and still sends what it writes later.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { coalesceWrites } from "../../scripts/lib/coalesced-writes.mjs";

/** Counts the writes a socket makes to the kernel (Writable calls _write for one chunk, _writev for several). */
function countWrites(socket: Socket): { writes: number } {
  const counter = { writes: 0 };
  const internals = socket as unknown as Record<"_write" | "_writev", (...args: unknown[]) => void>;
  for (const name of ["_write", "_writev"] as const) {
    const original = internals[name].bind(socket);
    internals[name] = (...args: unknown[]) => {
      counter.writes++;
      original(...args);
    };
  }
  return counter;
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server whose responses are coalesced (or not), answering with `respond`; resolves with its address and the write counts. */
async function serve(respond: (res: http.ServerResponse) => unknown, options: { coalesce: boolean }) {
  const counts: { writes: number }[] = [];
  const server = http.createServer((req, res) => {
    counts.push(countWrites(res.socket!));
    if (options.coalesce) coalesceWrites(res);
    void respond(res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, counts };
}

/**
 * Writes as Next.js does for a route handler's answer (its pipe from a web stream): the headers
 * flushed, the body written, and the end in a later promise callback. Node.js alone sends these in
 * two or three writes (the headers at once; the rest depends on when the first write completes).
 */
async function answerLikeNext(res: http.ServerResponse): Promise<void> {
  res.setHeader("Content-Type", "application/json");
  res.flushHeaders();
  res.write('{"duplicate":false,"match":null,"next":1}');
  await Promise.resolve();
  res.end();
}

describe("coalesced response writes", () => {
  it("send a JSON answer's headers, body and end in one write, where they were several", async () => {
    const plain = await serve(answerLikeNext, { coalesce: false });
    expect(await (await fetch(plain.url)).json()).toEqual({ duplicate: false, match: null, next: 1 });
    expect(plain.counts[0]!.writes).toBeGreaterThan(1);

    const coalesced = await serve(answerLikeNext, { coalesce: true });
    expect(await (await fetch(coalesced.url)).json()).toEqual({ duplicate: false, match: null, next: 1 });
    expect(coalesced.counts[0]!.writes).toBe(1);
  });

  it("send events written together in one write, and an event written later on its own, without waiting for more", async () => {
    let later!: () => void;
    const { url, counts } = await serve(
      (res) => {
        res.writeHead(200, { "Content-Type": "text/event-stream" });
        res.flushHeaders();
        res.write("event: progress\ndata: 1\n\n");
        res.write("event: match\ndata: 2\n\n");
        later = () => res.write("event: progress\ndata: 3\n\n");
      },
      { coalesce: true },
    );
    const response = await fetch(url);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = "";
    while (!received.includes("data: 2")) received += (await reader.read()).value ?? "";
    expect(counts[0]!.writes).toBe(1);
    later();
    while (!received.includes("data: 3")) received += (await reader.read()).value ?? "";
    expect(counts[0]!.writes).toBe(2);
    await reader.cancel();
  });
});
