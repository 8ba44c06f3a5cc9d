import http from "node:http";

/**
 * A light HTTP client for the load generator. It shares the 2 cores with the server under test,
 * so it uses node:http with keep-alive sockets rather than fetch (undici), which costs several
 * times more CPU per request and would be measured as server latency.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * POSTs JSON; resolves with the status once the whole answer has arrived. A kept-alive socket the
 * server closed (idle) just as the request went out is retried once on a new one, as browsers do
 * (https://nodejs.org/api/http.html#requestreusedsocket).
 */
export function postJson(url: string, cookie: string, body: unknown, retried = false): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { cookie, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && error.code === "ECONNRESET") resolve(postJson(url, cookie, body, true));
      else reject(error);
    });
    req.end(payload);
  });
}

/** GETs JSON over the kept-alive sockets (retried once like postJson); rejects on a status other than 200. */
export function getJson<T>(url: string, cookie: string, retried = false): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { cookie, Accept: "application/json" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(body) as T) : reject(new Error(`GET ${url}: ${res.statusCode} ${body.slice(0, 200)}`))));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && error.code === "ECONNRESET") resolve(getJson<T>(url, cookie, true));
      else reject(error);
    });
  });
}

/** Reads a room's SSE stream (node:http, own socket) and calls onEvent for each event. */
export function openLightStream(appUrl: string, cookie: string, code: string, onEvent: (type: string, data: unknown) => void): { opened: Promise<void>; close(): void } {
  let resolveOpened!: () => void;
  const opened = new Promise<void>((r) => (resolveOpened = r));
  const req = http.get(`${appUrl}/api/rooms/${code}/events`, { headers: { cookie, Accept: "text/event-stream" } }, (res) => {
    if (res.statusCode !== 200) {
      res.resume();
      resolveOpened();
      return;
    }
    res.setEncoding("utf8");
    let buffer = "";
    res.on("data", (chunk: string) => {
      buffer += chunk;
      let sep: number;
      while ((sep = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, sep);
        buffer = buffer.slice(sep + 2);
        if (block.includes(": connected")) resolveOpened();
        let type = "";
        let data = "";
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) type = line.slice(7);
          else if (line.startsWith("data: ")) data = line.slice(6);
        }
        if (type) onEvent(type, JSON.parse(data));
      }
    });
    res.on("end", () => resolveOpened());
  });
  req.on("error", () => resolveOpened());
  return { opened, close: () => req.destroy() };
}
