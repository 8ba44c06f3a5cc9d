import { PlexError } from "./errors";
import { type PlexIdentity } from "./http";
import { fetchIdentity } from "./pms";
import { type PlexConnection, type PlexResource } from "./schemas";

/** Local first, then remote, then relay (relays are bandwidth-limited: last resort). */
export function rankConnections(connections: PlexConnection[]): PlexConnection[] {
  const rank = (c: PlexConnection) => (c.relay ? 2 : c.local ? 0 : 1);
  return [...connections].sort((a, b) => rank(a) - rank(b));
}

/**
 * Probes every connection of a server in parallel (GET /identity, short timeout) and returns the
 * most preferred one that answers with the expected machine identifier, as soon as it is known.
 */
export async function pickConnection(resource: PlexResource, identity: PlexIdentity, timeoutMs = 4000): Promise<string> {
  const ranked = rankConnections(resource.connections);
  if (!ranked.length) throw new PlexError("unreachable", `The Plex server "${resource.name}" lists no connections.`);
  const outcomes: (boolean | undefined)[] = ranked.map(() => undefined);
  return new Promise((resolve, reject) => {
    const settle = () => {
      for (let i = 0; i < ranked.length; i++) {
        if (outcomes[i] === undefined) return; // a better candidate is still being probed
        if (outcomes[i]) return resolve(ranked[i]!.uri);
      }
      const tried = ranked.map((c) => c.uri).join(", ");
      reject(new PlexError("unreachable", `The Plex server "${resource.name}" cannot be reached.`, { url: tried }));
    };
    ranked.forEach((c, i) => {
      fetchIdentity(c.uri, identity, timeoutMs)
        .then((machineId) => (outcomes[i] = machineId === resource.clientIdentifier))
        .catch(() => (outcomes[i] = false))
        .finally(settle);
    });
  });
}
