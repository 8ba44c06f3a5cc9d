import { PlexError } from "./errors";
import { type PlexIdentity } from "./http";
import { fetchIdentity } from "./pms";
import { type PlexConnection, type PlexResource } from "./schemas";

/**
 * Which address Reelmatch talks to a Plex server at (PLEX_API.md 5.1 "Choosing a connection"):
 * the candidates are PLEX_SERVER_URL when set, then the connections plex.tv advertises, local
 * first, then remote, then relay (bandwidth-limited: last resort). A connection that does not
 * require https is also tried as plain `http://address:port`, as python-plexapi and Overseerr do
 * (routers that block plex.direct names). The local addresses of a server shared with us are the
 * owner's LAN: they are not probed.
 */
export interface ConnectionCandidate {
  uri: string;
  /** Where the address comes from. */
  source: "PLEX_SERVER_URL" | "local" | "remote" | "relay" | "plain http";
}

export interface ConnectionProbe extends ConnectionCandidate {
  answered: boolean;
  /** How long the server took to answer /identity. */
  ms?: number;
  /** Why it did not answer, in words ("refused", "no answer within 4 s", "another server answered"). */
  problem?: string;
}

/** Local first, then remote, then relay. */
export function rankConnections(connections: PlexConnection[]): PlexConnection[] {
  const rank = (c: PlexConnection) => (c.relay ? 2 : c.local ? 0 : 1);
  return [...connections].sort((a, b) => rank(a) - rank(b));
}

const hostOf = (address: string) => (address.includes(":") ? `[${address}]` : address);

/** The addresses to try for a server, most preferred first, without duplicates. */
export function connectionCandidates(resource: PlexResource, opts: { serverUrl?: string } = {}): ConnectionCandidate[] {
  const out: ConnectionCandidate[] = [];
  const add = (c: ConnectionCandidate) => {
    if (!out.some((o) => o.uri.replace(/\/+$/, "") === c.uri.replace(/\/+$/, ""))) out.push(c);
  };
  if (opts.serverUrl) add({ uri: opts.serverUrl, source: "PLEX_SERVER_URL" });
  const reachableFromHere = resource.connections.filter((c) => resource.owned || !c.local);
  for (const c of rankConnections(reachableFromHere)) {
    add({ uri: c.uri, source: c.relay ? "relay" : c.local ? "local" : "remote" });
    if (c.protocol === "https" && resource.httpsRequired !== true && !c.relay && c.address && c.port) {
      add({ uri: `http://${hostOf(c.address)}:${c.port}`, source: "plain http" });
    }
  }
  return out;
}

async function probe(candidate: ConnectionCandidate, machineId: string, identity: PlexIdentity, timeoutMs: number): Promise<ConnectionProbe> {
  const started = Date.now();
  try {
    const answered = await fetchIdentity(candidate.uri, identity, timeoutMs);
    if (answered !== machineId) return { ...candidate, answered: false, problem: "another Plex server answered" };
    return { ...candidate, answered: true, ms: Date.now() - started };
  } catch (error) {
    const problem = error instanceof PlexError && /within/.test(error.message) ? `no answer within ${Math.round(timeoutMs / 1000)} s` : "could not connect";
    return { ...candidate, answered: false, problem };
  }
}

/** Probes every candidate in parallel and waits for all of them (the admin page's report). */
export async function probeConnections(resource: PlexResource, identity: PlexIdentity, opts: { serverUrl?: string; timeoutMs?: number } = {}): Promise<ConnectionProbe[]> {
  const timeoutMs = opts.timeoutMs ?? 4000;
  return Promise.all(connectionCandidates(resource, opts).map((c) => probe(c, resource.clientIdentifier, identity, timeoutMs)));
}

/**
 * The message when no address answered: for the server's owner, which were tried and what to
 * change; for anyone else only that it is down (the addresses are the owner's network).
 */
export function unreachableMessage(resource: PlexResource, probes: ConnectionProbe[]): string {
  if (!resource.owned) return `The Plex server "${resource.name}" cannot be reached right now. Ask its owner to check that it is running.`;
  const tried = probes.map((p) => `${p.uri} (${p.problem ?? "no answer"})`).join(", ");
  return (
    `The Plex server "${resource.name}" cannot be reached from where Reelmatch runs. Tried: ${tried || "no address (plex.tv lists none)"}. ` +
    "Check that Plex Media Server is running; if Reelmatch runs in a container or on another network, set PLEX_SERVER_URL to the address at which it reaches the server (such as http://192.168.1.20:32400) and restart."
  );
}

/**
 * Probes every candidate in parallel (GET /identity, short timeout) and resolves with the most
 * preferred one that answers with the server's machine identifier, as soon as every better one has
 * failed. Throws PlexError "unreachable" naming the addresses tried when none answers.
 */
export async function pickConnection(resource: PlexResource, identity: PlexIdentity, opts: { serverUrl?: string; timeoutMs?: number } = {}): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? 4000;
  const candidates = connectionCandidates(resource, opts);
  const outcomes: (ConnectionProbe | undefined)[] = candidates.map(() => undefined);
  return new Promise((resolve, reject) => {
    const settle = () => {
      for (const outcome of outcomes) {
        if (!outcome) return; // a better candidate is still being probed
        if (outcome.answered) return resolve(outcome.uri);
      }
      const probes = outcomes.filter((o): o is ConnectionProbe => !!o);
      reject(new PlexError("unreachable", unreachableMessage(resource, probes), { url: candidates.map((c) => c.uri).join(", ") }));
    };
    if (!candidates.length) return settle();
    candidates.forEach((c, i) => {
      void probe(c, resource.clientIdentifier, identity, timeoutMs).then((outcome) => {
        outcomes[i] = outcome;
        settle();
      });
    });
  });
}
