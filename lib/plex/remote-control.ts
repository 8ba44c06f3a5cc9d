import { z } from "zod";
import { registerSecret } from "../log";
import { PlexError } from "./errors";
import { plexRequest, type PlexIdentity } from "./http";
import type { PlexPlayer } from "./players";

/**
 * Plex remote control (PLEX_API.md 7.10 step 2): tells a player to play a film from a play queue
 * on a server. The command goes to the player directly, at each of its connections in turn
 * (local first) until one answers; when none does, it goes to the Plex server, which forwards it
 * to the player (a player on the server's LAN that Reelmatch cannot reach). A player asleep or
 * off the network answers neither way.
 */
export interface PlayMediaOptions {
  player: PlexPlayer;
  identity: PlexIdentity;
  /** Per connection tried: players on a LAN answer at once or not at all. */
  timeoutMs: number;
  /** The server the player fetches the film from, with the token it uses there (the person's own). */
  server: { machineIdentifier: string; uri: string; token: string };
  ratingKey: string;
  playQueueId: string;
  /** Increases with every command this controller sends. */
  commandId: number;
}

/** The query of playMedia, as python-plexapi's PlexClient.playMedia sends it. */
export function playMediaQuery(options: Omit<PlayMediaOptions, "player" | "identity" | "timeoutMs">): Record<string, string | number> {
  const server = new URL(options.server.uri);
  const protocol = server.protocol.replace(":", "");
  return {
    providerIdentifier: "com.plexapp.plugins.library",
    machineIdentifier: options.server.machineIdentifier,
    protocol,
    address: server.hostname.replace(/^\[|\]$/g, ""),
    port: server.port || (protocol === "https" ? 443 : 80),
    offset: 0,
    key: `/library/metadata/${options.ratingKey}`,
    type: "video",
    containerKey: `/playQueues/${options.playQueueId}?window=100&own=1`,
    token: options.server.token,
    commandID: options.commandId,
  };
}

/** Sends playMedia; resolves once the player said OK, throws PlexError ("unreachable" when it answered neither directly nor through the server). */
export async function sendPlayMedia(options: PlayMediaOptions): Promise<void> {
  registerSecret(options.server.token);
  const send = (baseUrl: string, token: string | undefined, service: string) =>
    plexRequest({
      baseUrl,
      path: "/player/playback/playMedia",
      identity: options.identity,
      token,
      headers: { "X-Plex-Target-Client-Identifier": options.player.id },
      query: playMediaQuery(options),
      timeoutMs: options.timeoutMs,
      // Players answer `<Response code="200" status="OK"/>` (XML); the status is what counts.
      schema: z.unknown(),
      service,
    });
  let noAnswer = new PlexError("unreachable", `${options.player.name} cannot be reached.`);
  for (const connection of options.player.connections) {
    try {
      await send(connection.uri, undefined, options.player.name);
      return;
    } catch (error) {
      // An answer (even a refusal) means this was the player: another address would say the same.
      if (!(error instanceof PlexError && error.kind === "unreachable" && error.info.status === undefined)) throw error;
      noAnswer = error;
    }
  }
  try {
    await send(options.server.uri, options.server.token, "the Plex server");
  } catch {
    // The server could not reach the player either: what counts is that the player did not answer.
    throw noAnswer;
  }
}
