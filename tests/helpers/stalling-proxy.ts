import net from "node:net";

export interface StallingProxy {
  url: string;
  port: number;
  /**
   * Stops forwarding on every open connection whose newest request matched `pattern`, without
   * closing it: what a phone's connection looks like after it slept (open, but nothing arrives).
   * Returns how many connections it stalled. Later connections pass as usual.
   */
  stall(pattern: RegExp): number;
  close(): Promise<void>;
}

/** A TCP proxy in front of the app that can leave chosen connections silently dead. */
export async function startStallingProxy(targetPort: number): Promise<StallingProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket; requestLine: string }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    const pair = { client, upstream, requestLine: "" };
    pairs.add(pair);
    // The request line of the newest request on this (kept-alive) connection.
    client.on("data", (chunk: Buffer) => {
      const line = chunk.toString("latin1").split("\r\n", 1)[0] ?? "";
      if (/^[A-Z]+ \S+ HTTP\/1\.[01]$/.test(line)) pair.requestLine = line;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stall(pattern) {
      let stalled = 0;
      for (const pair of pairs) {
        if (!pattern.test(pair.requestLine)) continue;
        pair.upstream.unpipe(pair.client);
        pair.client.unpipe(pair.upstream);
        pair.upstream.pause();
        pair.client.pause();
        stalled++;
      }
      return stalled;
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
