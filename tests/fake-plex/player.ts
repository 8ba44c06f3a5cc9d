/**
 * Fake Plex players (PLEX_API.md 7.10): one small HTTP server stands for every player device the
 * fake plex.tv lists; the command's `X-Plex-Target-Client-Identifier` says which player it is for.
 * It accepts the remote-control `playMedia` command, records it (PlexState.playerCommands) and
 * answers `<Response code="200" status="OK"/>`. A player set "down" does not answer.
 */
import type { ServerResponse } from "node:http";
import { FIXTURES, playerDevices } from "./fixtures";
import { type FakeRequest, sendText } from "./http-util";
import type { PlexState } from "./state";
import { toXml } from "./xml";

export interface PlayerContext {
  state: PlexState;
}

export function sendResponse(r: FakeRequest, res: ServerResponse, code: number, status: string): void {
  // Players answer XML; a JSON `Accept` is ignored (UNCERTAIN: Plex for Android answers XML either way).
  sendText(res, code, "application/xml; charset=utf-8", toXml("Response", { code, status }, { style: "pms" }));
}

/** The query parameters playMedia must carry (python-plexapi client.py playMedia). */
const REQUIRED_PARAMS = ["commandID", "machineIdentifier", "key", "containerKey", "token"] as const;

/**
 * Runs a playMedia command for the player named by X-Plex-Target-Client-Identifier, sent to it
 * directly or forwarded by the Plex server (`via`). Answers false when the player does not answer
 * at all (the caller then stays silent or drops the connection as the player's mode says).
 */
export function runPlayMedia(state: PlexState, r: FakeRequest, res: ServerResponse, via: "direct" | "server"): void {
  const target = r.plexParam("X-Plex-Target-Client-Identifier");
  const device = playerDevices().find((d) => d.clientIdentifier === target);
  const controller = r.plexParam("X-Plex-Client-Identifier");
  // UNCERTAIN (README): what a real player answers to a command for another player or without a
  // controller identifier; the fake refuses it with 400 so a client that forgets them is caught.
  if (!device || !controller) return sendResponse(r, res, 400, "Bad Request");
  const params = Object.fromEntries(r.query);
  const commandID = Number(params.commandID);
  if (REQUIRED_PARAMS.some((p) => !params[p]) || !Number.isInteger(commandID)) return sendResponse(r, res, 400, "Bad Request");
  state.playerCommands.push({ player: device.clientIdentifier, path: r.path, controller, commandID, params, via, at: Date.now() });
  sendResponse(r, res, 200, "OK");
}

export function createPlayerHandler(ctx: PlayerContext) {
  const { state } = ctx;
  return function handle(r: FakeRequest, res: ServerResponse): void {
    const target = r.plexParam("X-Plex-Target-Client-Identifier");
    const device = playerDevices().find((d) => d.clientIdentifier === target);
    const down = target ? state.downPlayers.get(target) : undefined;
    if (down === "refuse" || down === "server-only") {
      r.req.socket.destroy();
      return;
    }
    // A player asleep or off the network: the connection opens (the fake's port) but nothing answers.
    if (down === "silent") return;
    if (r.path === "/resources" && r.method === "GET") {
      if (!device) return sendResponse(r, res, 404, "Not Found");
      sendText(
        res,
        200,
        "application/xml; charset=utf-8",
        toXml("MediaContainer", { size: 1, Player: [{ title: device.name, machineIdentifier: device.clientIdentifier, product: device.product, platform: device.platform, protocolCapabilities: "timeline,playback,navigation,playqueues" }] }, { style: "pms" }),
      );
      return;
    }
    if (r.path !== "/player/playback/playMedia" || r.method !== "GET") return sendResponse(r, res, 404, "Not Found");
    runPlayMedia(state, r, res, "direct");
  };
}

/** What a recorded playMedia asked for, checked against the fake server: the film, its server, a queue that token may read. */
export function describePlayCommand(state: PlexState, params: Record<string, string>): { ratingKey: string | null; serverMatches: boolean; queueFound: boolean } {
  const ratingKey = /^\/library\/metadata\/(\d+)$/.exec(params.key ?? "")?.[1] ?? null;
  const queueId = Number(/^\/playQueues\/(\d+)/.exec(params.containerKey ?? "")?.[1]);
  const queue = state.playQueues.get(queueId);
  return {
    ratingKey,
    serverMatches: params.machineIdentifier === FIXTURES.server.machineIdentifier,
    queueFound: !!queue && queue.token === params.token && queue.ratingKey === ratingKey,
  };
}
