import { rankConnections } from "./connection";
import type { PlexConnection, PlexResource } from "./schemas";

/** A Plex player of an account that plex.tv sees online (PLEX_API.md 7.10). */
export interface PlexPlayer {
  /** The player's clientIdentifier (its machineIdentifier), the remote-control target. */
  id: string;
  name: string;
  product: string | undefined;
  /** Where to send commands, most preferred first (local, then remote, then relay). */
  connections: PlexConnection[];
}

/**
 * The devices of an account's /resources that can be told to play: `provides` has `player`, and
 * `presence` is true (plex.tv sees them online). Players with no connection cannot be reached
 * directly and are left out.
 */
export function listPlayers(resources: PlexResource[]): PlexPlayer[] {
  return resources
    .filter((r) => r.provides.split(",").map((p) => p.trim()).includes("player") && r.presence === true && r.connections.length > 0)
    .map((r) => ({ id: r.clientIdentifier, name: r.name, product: r.product, connections: rankConnections(r.connections) }));
}
