// The production (and development) HTTP server: Next.js behind node:http, so the app learns the
// real TCP peer of every request. `next start` keeps a client-sent X-Forwarded-For and fills it from
// the socket only when absent, so behind no proxy any client could pick its own address; here the
// socket address is stamped into SOCKET_ADDRESS_HEADER on every request, overwriting whatever a
// client sent under that name, and lib/api/client-address.ts reads it (with TRUST_PROXY).
//
// Usage: node scripts/server.mjs [--dev]   (PORT, HOST from the environment; defaults 3000, 0.0.0.0)
import http from "node:http";
import path from "node:path";

/** Keep equal to SOCKET_ADDRESS_HEADER in lib/api/trust-proxy.ts. */
export const SOCKET_ADDRESS_HEADER = "x-reelmatch-socket-address";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Starts Next.js on hostname:port; resolves once listening with `close()`, which stops taking
 * connections and lets Next.js finish (the place for a graceful shutdown to grow).
 */
export async function startServer({ dev = false, dir = root, hostname = "0.0.0.0", port = 3000 } = {}) {
  process.env.NODE_ENV ??= dev ? "development" : "production";
  const { default: next } = await import("next");
  const app = next({ dev, dir, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    handle(req, res).catch((error) => {
      console.error("request failed", error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  if (dev) server.on("upgrade", (req, socket, head) => void app.getUpgradeHandler()(req, socket, head));
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve(undefined));
  });
  return {
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeIdleConnections();
      }).then(() => app.close()),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dev = process.argv.includes("--dev");
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
        const force = setTimeout(() => process.exit(0), 5000);
        force.unref();
        void close().finally(() => process.exit(0));
      });
    }
  } catch (error) {
    if (error?.code === "EADDRINUSE") console.error(`Reelmatch cannot start: port ${port} on ${hostname} is already in use. Stop the other program or set PORT to a free port.`);
    else console.error(error);
    process.exit(1);
  }
}
