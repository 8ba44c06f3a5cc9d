import "server-only";
import { decryptSecret, encryptSecret } from "../crypto";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { checkServerAccess } from "./access";
import { plexTv } from "./plex";
import { chooseServer, getConfiguredServerId, isSetupCode } from "./server-choice";

/** Failed setup-code attempts per person, to make guessing the code pointless. */
const attempts = new Map<string, { count: number; since: number }>();

async function verifySetupCode(userId: string, code: string): Promise<void> {
  const now = Date.now();
  const a = attempts.get(userId);
  if (a && now - a.since < 10 * 60_000 && a.count >= 5) {
    throw new AppError("rate_limited", "Too many wrong setup codes. Wait ten minutes and try again.", { retryAfter: 600 });
  }
  if (!(await isSetupCode(code))) {
    attempts.set(userId, a && now - a.since < 10 * 60_000 ? { ...a, count: a.count + 1 } : { count: 1, since: now });
    throw new AppError("forbidden", "That setup code is wrong. It is printed in the server's log when Reelmatch starts.");
  }
}

export interface OwnedServer {
  id: string;
  name: string;
}

/** Servers the person owns, after the setup code checks out. */
export async function listOwnedServers(opts: { userId: string; code: string }): Promise<OwnedServer[]> {
  if (await getConfiguredServerId()) throw new AppError("conflict", "The Plex server is already set up.");
  await verifySetupCode(opts.userId, opts.code);
  const user = await getDb().user.findUniqueOrThrow({ where: { id: opts.userId } });
  const token = decryptSecret(user.plexTokenEnc);
  if (!token) throw new AppError("unauthenticated", "Sign in with Plex again.");
  const resources = await (await plexTv()).getResources(token);
  return resources.filter((r) => r.owned && r.provides.split(",").includes("server")).map((r) => ({ id: r.clientIdentifier, name: r.name }));
}

/** Claims the server for this installation; the person who claims it becomes its admin. */
export async function claimServer(opts: { userId: string; code: string; serverId: string }): Promise<OwnedServer> {
  const owned = await listOwnedServers(opts);
  const server = owned.find((s) => s.id === opts.serverId);
  if (!server) throw new AppError("forbidden", "You can only choose a server your Plex account owns.");
  const user = await getDb().user.findUniqueOrThrow({ where: { id: opts.userId } });
  const access = await checkServerAccess(decryptSecret(user.plexTokenEnc)!, server.id);
  if (access.kind === "server_unreachable") throw new AppError("plex_unreachable", `${access.message} Check that it is running, then try again.`);
  if (access.kind !== "granted") throw new AppError("forbidden", "You can only choose a server your Plex account owns.");
  await chooseServer(server.id, server.name);
  await getDb().user.update({
    where: { id: user.id },
    data: { role: "admin", serverTokenEnc: encryptSecret(access.serverToken), serverUri: access.serverUri, accessCheckedAt: new Date() },
  });
  return server;
}
