// The container image's HEALTHCHECK: exits 0 when the server on this machine answers its health
// route, 1 otherwise. Reads PORT, HOST and BASE_PATH as scripts/server.mjs does.
import basePathModule from "./lib/base-path.cjs";

/** The route asked; the one line to change when the health routes change. */
export const HEALTH_PATH = "/api/health/live";

const port = process.env.PORT || "3000";
const host = !process.env.HOST || process.env.HOST === "0.0.0.0" || process.env.HOST === "::" ? "127.0.0.1" : process.env.HOST;
const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}${basePathModule.parseBasePath(process.env.BASE_PATH)}${HEALTH_PATH}`;
try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  if (!res.ok) console.error(`${url} answered ${res.status}`);
  process.exit(res.ok ? 0 : 1);
} catch (error) {
  console.error(`${url} did not answer: ${error.message}`);
  process.exit(1);
}
