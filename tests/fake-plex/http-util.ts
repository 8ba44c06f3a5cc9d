/**
 * node:http plumbing shared by the fake servers: request parsing (X-Plex-* as header or query
 * parameter), bodies, CORS, and switchable faults (latency, forced status, refused connections).
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net from "node:net";

export interface Fault {
  /** delay before every response of that server */
  latencyMs?: number;
  /** answer every request with this status (e.g. 500/503) */
  status?: number;
  /** true closes the listening socket (connection refused); false reopens on the same port */
  refuse?: boolean;
  /** with `status`: only the next N requests get it, then the server answers normally again */
  times?: number;
  /** with `status`: a Retry-After header (seconds) on the faulted answers */
  retryAfter?: number;
}

export interface FakeRequest {
  req: IncomingMessage;
  method: string;
  url: URL;
  path: string;
  query: URLSearchParams;
  /** header value, falling back to a query parameter of the same name (Plex allows both) */
  plexParam(name: string): string | undefined;
  /** reads and parses a form-urlencoded or JSON body (cached) */
  body(): Promise<Record<string, string>>;
  wantsJson: boolean;
  remoteAddress: string;
}

export type Handler = (r: FakeRequest, res: ServerResponse) => Promise<void> | void;

export interface ServerOptions {
  name: string;
  host: string;
  port: number;
  handler: Handler;
  /** body written when a `status` fault is active */
  faultResponse: (r: FakeRequest, res: ServerResponse, status: number) => void;
  log?: (line: string) => void;
  onError?: (err: unknown) => void;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function makeRequest(req: IncomingMessage, baseUrl: string): FakeRequest {
  const url = new URL(req.url ?? "/", baseUrl);
  const query = url.searchParams;
  let bodyPromise: Promise<Record<string, string>> | null = null;
  const lowerQuery = new Map<string, string>();
  for (const [k, v] of query) if (!lowerQuery.has(k.toLowerCase())) lowerQuery.set(k.toLowerCase(), v);
  const accept = req.headers.accept ?? "";
  return {
    req,
    method: (req.method ?? "GET").toUpperCase(),
    url,
    path: url.pathname,
    query,
    plexParam(name) {
      const h = req.headers[name.toLowerCase()];
      const hv = Array.isArray(h) ? h[0] : h;
      if (hv !== undefined && hv !== "") return hv;
      const q = lowerQuery.get(name.toLowerCase());
      return q === "" ? undefined : q;
    },
    body() {
      bodyPromise ??= readBody(req).then((text) => {
        const type = req.headers["content-type"] ?? "";
        if (type.includes("application/json")) {
          try {
            const parsed: unknown = JSON.parse(text || "{}");
            const out: Record<string, string> = {};
            if (parsed && typeof parsed === "object") {
              for (const [k, v] of Object.entries(parsed)) if (v !== null && v !== undefined) out[k] = String(v);
            }
            return out;
          } catch {
            return {};
          }
        }
        return Object.fromEntries(new URLSearchParams(text));
      });
      return bodyPromise;
    },
    wantsJson: accept.includes("application/json"),
    remoteAddress: req.socket.remoteAddress ?? "unknown",
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One fake HTTP server with switchable faults. */
export class FakeHttpServer {
  readonly server: http.Server;
  port = 0;
  private fault: Fault = {};
  private refused = false;
  private listening = false;

  constructor(private readonly opts: ServerOptions) {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.keepAliveTimeout = 1000;
  }

  get url(): string {
    const host = this.opts.host.includes(":") ? `[${this.opts.host}]` : this.opts.host;
    return `http://${host}:${this.port}`;
  }

  async start(): Promise<void> {
    await this.listen(this.opts.port);
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once("error", onError);
      this.server.listen(port, this.opts.host, () => {
        this.server.off("error", onError);
        const addr = this.server.address();
        if (addr && typeof addr === "object") this.port = addr.port;
        this.listening = true;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    if (!this.listening) return Promise.resolve();
    this.listening = false;
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Replaces this server's fault state (an empty object clears it). */
  async setFault(fault: Fault): Promise<void> {
    this.fault = { latencyMs: fault.latencyMs, status: fault.status, times: fault.times, retryAfter: fault.retryAfter };
    if (fault.refuse === true && !this.refused) {
      this.refused = true;
      await this.stopListening();
    } else if (fault.refuse !== true && this.refused) {
      this.refused = false;
      await this.listen(this.port);
    }
  }

  async close(): Promise<void> {
    await this.stopListening();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const r = makeRequest(req, this.url);
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Expose-Headers", "X-Plex-Container-Start, X-Plex-Container-Total-Size, X-Plex-Container-Size");
    res.on("finish", () => {
      this.opts.log?.(`${this.opts.name} ${r.method} ${r.path}${r.url.search ? "?…" : ""} -> ${res.statusCode} (${Date.now() - started} ms)`);
    });
    try {
      const latency = this.fault.latencyMs ?? 0;
      if (latency > 0) await sleep(latency);
      if (res.destroyed) return;
      if (r.method === "OPTIONS") {
        res.statusCode = 204;
        res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        res.setHeader("Access-Control-Allow-Headers", req.headers["access-control-request-headers"] ?? "*");
        res.setHeader("Access-Control-Max-Age", "600");
        res.end();
        return;
      }
      const status = this.fault.status;
      if (status !== undefined && status > 0) {
        const fault = this.fault;
        if (fault.times !== undefined && --fault.times <= 0) this.fault = { latencyMs: fault.latencyMs };
        if (fault.retryAfter !== undefined) res.setHeader("Retry-After", String(fault.retryAfter));
        this.opts.faultResponse(r, res, status);
        return;
      }
      await this.opts.handler(r, res);
    } catch (err) {
      this.opts.onError?.(err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
        res.end("fake plex internal error");
      } else {
        res.destroy();
      }
    }
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  const buf = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": buf.length, ...headers });
  res.end(buf);
}

/** Finds a loopback port that refuses connections: opens a socket on port 0 and closes it again. */
export function reserveClosedPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = addr && typeof addr === "object" ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const STATUS_TEXT: Record<number, string> = http.STATUS_CODES as Record<number, string>;

/**
 * A TCP port that accepts connections and never answers (a LAN address that drops packets, as
 * seen from outside that LAN): a client waits until its own timeout. Counts the connections made.
 */
export async function startSilentPort(host: string): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(0, host, () => resolve());
  });
  const addr = srv.address();
  return {
    port: addr && typeof addr === "object" ? addr.port : 0,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  };
}
