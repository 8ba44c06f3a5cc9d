// The production (and development) HTTP server: Next.js behind node:http, so the app learns the
// real TCP peer of every request. `next start` keeps a client-sent X-Forwarded-For and fills it from
// the socket only when absent, so behind no proxy any client could pick its own address; here the
// socket address is stamped into SOCKET_ADDRESS_HEADER on every request, overwriting whatever a
// client sent under that name, and lib/api/client-address.ts reads it (with TRUST_PROXY).
//
// BASE_PATH: a production build is served from a copy with the sub-path written in
// (scripts/lib/runtime-build.mjs), so one build serves "/" and any sub-path without rebuilding.
//
// Usage: node scripts/server.mjs [--dev]   (PORT, HOST, BASE_PATH from the environment or .env;
// defaults 3000, 0.0.0.0, none). The container image runs this file as its command.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import nextEnv from "@next/env";
import basePathModule from "./lib/base-path.cjs";
import { prepareRuntimeBuild, RuntimeBuildError } from "./lib/runtime-build.mjs";

/** Keep equal to SOCKET_ADDRESS_HEADER in lib/api/trust-proxy.ts. */
export const SOCKET_ADDRESS_HEADER = "x-reelmatch-socket-address";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Every request runs inside this AsyncLocalStorage with its id, so that each log line written for
 * it carries the id (lib/request-context.ts; keep the globalThis names equal). The id is the
 * X-Request-Id of a trusted proxy (TRUST_PROXY, decided by the app once it has started) or a fresh
 * one, and is echoed in the answer's X-Request-Id.
 */
const requestContext = (globalThis.reelmatchRequestContext ??= new AsyncLocalStorage());
function requestIdOf(req) {
  const offered = req.headers["x-request-id"];
  const ids = globalThis.reelmatchRequestIds;
  return ids ? ids.idFor(Array.isArray(offered) ? offered[0] : offered, req.socket.remoteAddress ?? "") : randomUUID();
}

/** A graceful shutdown ends within this long, whatever is still open (the issue asks for 10 s). */
export const SHUTDOWN_DEADLINE_MS = 9_000;

/** Runs the app's shutdown hooks of one phase (lib/shutdown.ts registers them on globalThis). */
async function runShutdownHooks(phase) {
  const hooks = globalThis.reelmatchShutdown?.[phase];
  if (!hooks) return;
  for (const [name, run] of hooks) {
    try {
      await run();
    } catch (error) {
      console.error(`shutdown: ${name} failed`, error);
    }
  }
}

/**
 * Starts Next.js on hostname:port; resolves once listening with `close()`, the graceful shutdown:
 * stops accepting connections, tells event streams to reconnect (a `retry:` hint, then ends them),
 * lets in-flight requests finish (idle keep-alive connections are closed as they become idle),
 * then closes the app's connections (event bus, database). Whatever is still open after
 * SHUTDOWN_DEADLINE_MS is cut.
 */
export async function startServer({ dev = false, dir = root, hostname = "0.0.0.0", port = 3000 } = {}) {
  process.env.NODE_ENV ??= dev ? "development" : "production";
  const { default: next } = await import("next");
  let nextDir = dir;
  if (!dev) {
    const runtime = prepareRuntimeBuild({ appDir: dir, distDir: process.env.REELMATCH_DIST_DIR || ".next", basePath: basePathModule.parseBasePath(process.env.BASE_PATH) });
    nextDir = runtime.dir;
    // Next.js takes this configuration (the build's, with the sub-path) instead of reading next.config.js.
    process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(runtime.config);
  }
  const app = next({ dev, dir: nextDir, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  /** Open connections: when each was accepted, whether it carried a request yet, how many are in flight on it. */
  const connections = new Map();
  let draining = false;
  const server = http.createServer((req, res) => {
    req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    const id = requestIdOf(req);
    req.headers["x-request-id"] = id;
    res.setHeader("X-Request-Id", id);
    const connection = connections.get(req.socket);
    if (connection) {
      connection.served = true;
      connection.busy++;
      res.once("close", () => connection.busy--);
    }
    // Stopping: answered, then the connection closes (the client's next request goes elsewhere).
    if (draining) res.setHeader("Connection", "close");
    requestContext.run({ id }, () =>
      handle(req, res).catch((error) => {
        console.error("request failed", error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }),
    );
  });
  server.on("connection", (socket) => {
    connections.set(socket, { since: Date.now(), served: false, busy: 0 });
    socket.once("close", () => connections.delete(socket));
  });
  if (dev) server.on("upgrade", (req, socket, head) => void app.getUpgradeHandler()(req, socket, head));
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve(undefined));
  });
  /**
   * Closes the connections with nothing in flight that served a request (idle keep-alive) or were
   * accepted over 2 s ago without one. A connection accepted a moment ago is left alone: its
   * request may be on the way, and closing it would lose that request (a balancer cannot safely
   * send a POST it already sent elsewhere).
   */
  const closeIdle = () => {
    for (const [socket, c] of connections) if (!c.busy && (c.served || Date.now() - c.since > 2_000)) socket.destroy();
  };
  const close = async () => {
    draining = true;
    // net.Server's close, not http.Server's: that one also drops every idle connection at once,
    // including those just accepted whose request has not been read yet.
    const drained = new Promise((resolve) => net.Server.prototype.close.call(server, () => resolve(undefined)));
    await runShutdownHooks("streams");
    closeIdle();
    // A connection whose request was in flight closes once answered (Connection: close).
    const idle = setInterval(closeIdle, 50);
    const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_DEADLINE_MS - 1_000);
    await drained;
    clearInterval(idle);
    clearTimeout(cut);
    await app.close();
    await runShutdownHooks("resources");
  };
  return { server, close };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dev = process.argv.includes("--dev");
  // .env and .env.local as Next.js reads them, before BASE_PATH is looked at.
  nextEnv.loadEnvConfig(root, dev);
  const port = Number(process.env.PORT || 3000);
  const hostname = process.env.HOST || "0.0.0.0";
  try {
    const { close } = await startServer({ dev, hostname, port });
    console.log(`Reelmatch is listening on http://${hostname}:${port}`);
    let stopping = false;
    for (const signal of ["SIGINT", "SIGTERM"]) {
      process.on(signal, () => {
        if (stopping) process.exit(1);
        stopping = true;
        console.log(`${signal}: stopping (in-flight requests finish, event streams are told to reconnect)`);
        const force = setTimeout(() => {
          console.error("shutdown: still busy after the deadline; exiting now");
          process.exit(1);
        }, SHUTDOWN_DEADLINE_MS);
        force.unref();
        void close()
          .then(() => console.log("stopped"))
          .finally(() => process.exit(0));
      });
    }
  } catch (error) {
    if (error?.code === "EADDRINUSE") console.error(`Reelmatch cannot start: port ${port} on ${hostname} is already in use. Stop the other program or set PORT to a free port.`);
    else if (error instanceof RuntimeBuildError) console.error(error.message);
    else if (/^BASE_PATH /.test(error?.message)) console.error(`Reelmatch cannot start: the configuration is wrong.\n  - ${error.message}\nFix it in the environment (or .env) and start again.`);
    else console.error(error);
    process.exit(1);
  }
}
