import "server-only";
import { getConfig } from "../config";
import { log } from "../log";
import { type PlexUser } from "../plex/schemas";
import { checkServerAccess } from "./access";
import { savePendingSignIn } from "./pending-sign-in";
import { plexTv } from "./plex";
import { getConfiguredServerId, rememberServerName, serverNameForDisplay } from "./server-choice";
import { signInErrorFor, type SignInErrorCode } from "./sign-in-errors";

export type SignInOutcome =
  | { kind: "ok"; callbackUrl: string }
  | { kind: "denied"; serverName: string }
  | { kind: "error"; code: SignInErrorCode; detail?: string };

/**
 * Finishes a Plex sign-in once we hold the account token (from the PIN or the password flow):
 * reads the account, checks access to the configured server, and parks the result for NextAuth's
 * callback. No access means no session: the caller shows the no-access page.
 */
export async function completeSignIn(opts: { plexToken: string; state: string; user?: PlexUser }): Promise<SignInOutcome> {
  let user = opts.user;
  try {
    user ??= await (await plexTv()).getUser(opts.plexToken);
  } catch (error) {
    return { kind: "error", code: signInErrorFor(error) };
  }
  const serverId = await getConfiguredServerId();
  let access = null;
  if (serverId) {
    try {
      const result = await checkServerAccess(opts.plexToken, serverId);
      if (result.kind === "server_unreachable") return { kind: "error", code: "server_unreachable", detail: result.message };
      if (result.kind === "denied") {
        log.info("sign-in refused: no access to the server", { plexId: user.id });
        return { kind: "denied", serverName: await serverNameForDisplay() };
      }
      await rememberServerName(result.serverName);
      access = { role: result.role, serverToken: result.serverToken, serverUri: result.serverUri };
    } catch (error) {
      return { kind: "error", code: signInErrorFor(error) };
    }
  }
  const pendingId = await savePendingSignIn({
    state: opts.state,
    plexId: user.id,
    plexUuid: user.uuid,
    username: user.username,
    name: user.title || user.friendlyName || user.username || "Plex user",
    image: user.thumb,
    restricted: user.restricted,
    restrictionProfile: user.restrictionProfile,
    plexToken: opts.plexToken,
    access,
  });
  const url = new URL(`${getConfig().appUrl}/api/auth/callback/plex`);
  url.searchParams.set("code", pendingId);
  url.searchParams.set("state", opts.state);
  log.info("sign-in approved", { plexId: user.id, role: access?.role ?? "setup" });
  return { kind: "ok", callbackUrl: url.toString() };
}
