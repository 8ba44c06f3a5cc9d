/**
 * Fake plex.tv + fake Plex Media Server + a control API, for tests and the demo.
 *
 *   const plex = await startFakePlex({ films: 500 });
 *   // PLEX_TV_URL = PLEX_APP_URL = plex.plexTvUrl
 *   await plex.setFault("pms", { status: 503 });
 *   await plex.close();
 */
import type { ServerResponse } from "node:http";
import { FIXTURES } from "./fixtures";
import { FakeHttpServer, reserveClosedPort, sendJson, startSilentPort, type FakeRequest, type Fault } from "./http-util";
import { ImageCache } from "./images";
import { generateLibrary, type Library } from "./library";
import { createPlexTvHandler, plexTvFaultResponse } from "./plex-tv";
import { createPmsHandler, pmsFaultResponse } from "./pms";
import { createDiscoverHandler, discoverFaultResponse } from "./discover";
import { createPlayerHandler, describePlayCommand } from "./player";
import { FakePlexError, PlexState, type PlayerCommand, type PlayerDownMode } from "./state";

export { FIXTURES } from "./fixtures";
export type { Fault } from "./http-util";
export type { Library, LibraryItem } from "./library";
export type { PlayerCommand, PlayerDownMode } from "./state";

export interface FakePlexOptions {
  plexTvPort?: number;
  pmsPort?: number;
  controlPort?: number;
  /** films in the "Films" section (default 200; at most 50,000) */
  films?: number;
  /** library seed (default "reelmatch") */
  seed?: string;
  /** sections whose ratings come from IMDb (audienceRating only, no critic rating), e.g. ["2"] */
  imdbRatedSections?: string[];
  /** content ratings the films get in turn instead of the usual mix */
  contentRatings?: string[];
  /**
   * The server's "local" connection in /resources never answers (it accepts and stays silent, like
   * a LAN address seen from elsewhere) instead of refusing: a client probing it waits for its
   * timeout. `localConnections()` counts the connections it received.
   */
  silentLocal?: boolean;
  /** default 127.0.0.1 */
  host?: string;
  /** suppress error output (request logs appear only with `verbose`) */
  quiet?: boolean;
  /** log one line per request to stderr (the CLI's --verbose) */
  verbose?: boolean;
}

export type FakeServerName = "plextv" | "pms" | "discover" | "player";

export interface FakePlex {
  /** fake plex.tv (also serves the Auth App page at /auth): use as PLEX_TV_URL and PLEX_APP_URL */
  plexTvUrl: string;
  /** fake Plex Media Server base URL */
  pmsUrl: string;
  /** control API on its own port; never faulted */
  controlUrl: string;
  /** fake discover provider (watchlists): use as PLEX_DISCOVER_URL */
  discoverUrl: string;
  /** the fake players' server (every player device in /resources points here) */
  playerUrl: string;
  fixtures: typeof FIXTURES;
  library: Library;
  setFault(server: FakeServerName, fault: Fault): Promise<void>;
  clearFaults(): Promise<void>;
  approvePin(opts: { pinId?: number; code?: string; accountId: number }): void;
  expirePin(pinId: number): void;
  /** sets (or, with null, removes) an account's Home PIN: `protected` and the switch follow it */
  setHomePin(accountId: number, pin: string | null): void;
  /** this account's token then switches to protected Home profiles without their PIN, until called with false (PLEX_API.md 6.2: enforcement varies by account) */
  skipPinFor(accountId: number, skip?: boolean): void;
  /** Home switch requests plex.tv received so far (right, wrong or refused) */
  switchRequests(): number;
  /** the owner stops sharing the server with this account: gone from its /resources, its server token refused (401) */
  unshare(accountId: number): void;
  /** forgets sign-in failures (1031) and PIN poll history (429); clearFaults() does this too */
  resetThrottles(): void;
  /** connections made to the silent "local" address (with `silentLocal`) */
  localConnections(): number;
  /** /resources sends null in optional fields, plus a device with a null name */
  serveNullResourceFields(on: boolean): void;
  /** this account's server entry in /resources carries an accessToken the PMS refuses (401) */
  refuseAccessTokenOf(accountId: number, refuse?: boolean): void;
  /** paths of library calls that came without X-Plex-Container-Size */
  unpagedLibraryCalls(): string[];
  /** remote-control commands the fake players received, oldest first, each with what it asked for */
  playerCommands(): (PlayerCommand & ReturnType<typeof describePlayCommand>)[];
  /** a player stops answering (`silent`: accepts and says nothing; `refuse`: drops the connection), or with null answers again */
  setPlayerDown(clientIdentifier: string, mode: PlayerDownMode | null): void;
  /** the discover ids on an account's watchlist, newest first */
  watchlist(accountId: number): string[];
  close(): Promise<void>;
}

export async function startFakePlex(opts: FakePlexOptions = {}): Promise<FakePlex> {
  const host = opts.host ?? "127.0.0.1";
  const library = generateLibrary({ films: opts.films ?? 200, seed: opts.seed ?? "reelmatch", imdbRatedSections: opts.imdbRatedSections, contentRatings: opts.contentRatings });
  const state = new PlexState();
  const images = new ImageCache();
  const log = opts.verbose ? (line: string) => process.stderr.write(`[fake-plex] ${line}\n`) : undefined;
  const onError = opts.quiet ? undefined : (err: unknown) => process.stderr.write(`[fake-plex] handler error: ${String(err instanceof Error ? err.stack : err)}\n`);
  const silent = opts.silentLocal ? await startSilentPort(host) : undefined;
  const closedPort = silent?.port ?? (await reserveClosedPort(host));

  // The handlers read each other's URLs lazily (ports are known only after listen).
  const plexTv: FakeHttpServer = new FakeHttpServer({
    name: "plex.tv",
    host,
    port: opts.plexTvPort ?? 0,
    log,
    onError,
    faultResponse: plexTvFaultResponse,
    handler: createPlexTvHandler({ state, images, url: () => plexTv.url, pmsUrl: () => pms.url, playerUrl: () => player.url, closedPort, host }),
  });
  const pms: FakeHttpServer = new FakeHttpServer({
    name: "pms",
    host,
    port: opts.pmsPort ?? 0,
    log,
    onError,
    faultResponse: pmsFaultResponse,
    handler: createPmsHandler({ state, library, images, url: () => pms.url }),
  });

  const discover = new FakeHttpServer({ name: "discover", host, port: 0, log, onError, faultResponse: discoverFaultResponse, handler: createDiscoverHandler({ state, library }) });
  const player: FakeHttpServer = new FakeHttpServer({
    name: "player",
    host,
    port: 0,
    log,
    onError,
    faultResponse: (_r, res, status) => void res.writeHead(status).end(),
    handler: createPlayerHandler({ state }),
  });

  const servers: Record<FakeServerName, FakeHttpServer> = { plextv: plexTv, pms, discover, player };
  const playerCommands = () => state.playerCommands.map((c) => ({ ...c, ...describePlayCommand(state, c.params) }));
  const setPlayerDown = (clientIdentifier: string, mode: PlayerDownMode | null) => void (mode ? state.downPlayers.set(clientIdentifier, mode) : state.downPlayers.delete(clientIdentifier));

  const setFault = async (server: FakeServerName, fault: Fault) => {
    const s = servers[server];
    if (!s) throw new Error(`unknown fake server ${String(server)}`);
    await s.setFault(fault);
  };
  const clearFaults = async () => {
    await Promise.all(Object.values(servers).map((s) => s.setFault({})));
    state.resetThrottles();
  };

  const control = new FakeHttpServer({
    name: "control",
    host,
    port: opts.controlPort ?? 0,
    log,
    onError,
    faultResponse: () => undefined,
    handler: async (r: FakeRequest, res: ServerResponse) => {
      const body = r.method === "POST" || r.method === "PUT" ? await readJson(r) : {};
      try {
        if (r.method === "GET" && r.path === "/health") {
          sendJson(res, 200, { ok: true, plexTvUrl: plexTv.url, pmsUrl: pms.url, discoverUrl: discover.url, playerUrl: player.url, serverId: FIXTURES.server.machineIdentifier, films: library.films.length });
          return;
        }
        if (r.method === "POST" && r.path === "/faults") {
          const server = body.server;
          if (server !== "plextv" && server !== "pms" && server !== "discover" && server !== "player") {
            sendJson(res, 400, { error: 'server must be "plextv", "pms", "discover" or "player"' });
            return;
          }
          await setFault(server, {
            latencyMs: typeof body.latencyMs === "number" ? body.latencyMs : undefined,
            status: typeof body.status === "number" ? body.status : undefined,
            refuse: typeof body.refuse === "boolean" ? body.refuse : undefined,
            times: typeof body.times === "number" ? body.times : undefined,
            retryAfter: typeof body.retryAfter === "number" ? body.retryAfter : undefined,
          });
          sendJson(res, 200, { ok: true });
          return;
        }
        if (r.method === "DELETE" && r.path === "/faults") {
          await clearFaults();
          sendJson(res, 200, { ok: true });
          return;
        }
        if (r.method === "DELETE" && r.path === "/throttles") {
          state.resetThrottles();
          sendJson(res, 200, { ok: true });
          return;
        }
        if (r.method === "POST" && r.path === "/pins/approve") {
          const pin = state.approvePin({
            pinId: typeof body.pinId === "number" ? body.pinId : undefined,
            code: typeof body.code === "string" ? body.code : undefined,
            accountId: Number(body.accountId),
          });
          sendJson(res, 200, { ok: true, pinId: pin.id });
          return;
        }
        if (r.method === "POST" && r.path === "/shares/remove") {
          state.unshare(Number(body.accountId));
          sendJson(res, 200, { ok: true });
          return;
        }
        if (r.method === "GET" && r.path === "/players/commands") {
          sendJson(res, 200, { commands: playerCommands() });
          return;
        }
        if (r.method === "POST" && r.path === "/players/down") {
          const mode = body.mode === "silent" || body.mode === "refuse" ? body.mode : null;
          setPlayerDown(String(body.clientIdentifier), mode);
          sendJson(res, 200, { ok: true });
          return;
        }
        if (r.method === "POST" && r.path === "/pins/expire") {
          state.expirePin(Number(body.pinId));
          sendJson(res, 200, { ok: true });
          return;
        }
        sendJson(res, 404, { error: "not found" });
      } catch (err) {
        if (err instanceof FakePlexError) {
          sendJson(res, err.status, { error: err.message, code: err.code });
          return;
        }
        throw err;
      }
    },
  });

  await plexTv.start();
  await pms.start();
  await discover.start();
  await player.start();
  await control.start();

  return {
    plexTvUrl: plexTv.url,
    pmsUrl: pms.url,
    controlUrl: control.url,
    discoverUrl: discover.url,
    playerUrl: player.url,
    fixtures: FIXTURES,
    library,
    setFault,
    clearFaults,
    approvePin: (o) => {
      state.approvePin(o);
    },
    expirePin: (pinId) => state.expirePin(pinId),
    unshare: (accountId) => state.unshare(accountId),
    resetThrottles: () => state.resetThrottles(),
    setHomePin: (accountId, pin) => state.setHomePin(accountId, pin),
    skipPinFor: (accountId, skip = true) => void (skip ? state.pinNotDemandedFrom.add(accountId) : state.pinNotDemandedFrom.delete(accountId)),
    switchRequests: () => state.switchRequests,
    localConnections: () => silent?.connections() ?? 0,
    serveNullResourceFields: (on) => void (state.nullResourceFields = on),
    refuseAccessTokenOf: (accountId, refuse = true) => void (refuse ? state.refusedAccessTokenFor.add(accountId) : state.refusedAccessTokenFor.delete(accountId)),
    unpagedLibraryCalls: () => [...state.unpagedLibraryCalls],
    playerCommands,
    setPlayerDown,
    watchlist: (accountId) => [...state.watchlistOf(accountId)].sort((a, b) => b[1] - a[1]).map(([id]) => id),
    close: async () => {
      await Promise.all([plexTv.close(), pms.close(), discover.close(), player.close(), control.close(), silent?.close()]);
    },
  };
}

async function readJson(r: FakeRequest): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of r.req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
