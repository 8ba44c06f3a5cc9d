/**
 * Legacy plex.tv v1 XML endpoints some clients still use (PLEX_API.md 5.2, 6.1, 6.3; samples
 * plextv-v1-*.xml): /api/users, /api/home/users, /api/servers/{mid}/shared_servers, /users/account(.json).
 */
import type { ServerResponse } from "node:http";
import { ALL_ACCOUNTS, FIXTURES, type FakeAccount } from "./fixtures";
import { type FakeRequest, sendJson, sendText } from "./http-util";
import type { PlexState } from "./state";
import { toXml } from "./xml";

const SECTIONS = Object.values(FIXTURES.sections);
/** plex.tv-side section ids (distinct from the PMS section keys) */
const PLEXTV_SECTION_ID = (key: string) => 118_181_360 + Number(key);

/** Accounts the owner shares the server with: the friend and the managed Home profiles. */
function sharedAccounts(): FakeAccount[] {
  return ALL_ACCOUNTS.filter((a) => a.share !== null);
}

const xml = (res: ServerResponse, body: Record<string, unknown>) =>
  sendText(res, 200, "application/xml; charset=utf-8", toXml("MediaContainer", body, { style: "pms" }));

function unauthorized(res: ServerResponse): void {
  sendText(res, 401, "text/html; charset=utf-8", "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>\n");
}

function allLibraries(a: FakeAccount): boolean {
  return SECTIONS.every((s) => a.share?.sections.includes(s.key));
}

/** Returns true when the request was a legacy endpoint (and has been answered). */
export function handleLegacy(r: FakeRequest, res: ServerResponse, state: PlexState, base: string): boolean {
  const { path, method } = r;
  if (method !== "GET") return false;
  const isUsers = path === "/api/users" || path === "/api/users/";
  const isHomeUsers = path === "/api/home/users" || path === "/api/home/users/";
  const shared = /^\/api\/servers\/([0-9a-f]+)\/shared_servers\/?$/.exec(path);
  const isAccount = path === "/users/account" || path === "/users/account.json" || path === "/users/account.xml";
  if (!isUsers && !isHomeUsers && !shared && !isAccount) return false;

  const account = state.accountForToken(r.plexParam("X-Plex-Token"));
  if (!account) {
    unauthorized(res);
    return true;
  }
  const thumb = (a: FakeAccount) => `${base}/users/${a.uuid}/avatar`;
  const isOwner = account.kind === "owner";

  if (isUsers) {
    const users = isOwner ? sharedAccounts() : [];
    xml(res, {
      friendlyName: "myPlex",
      identifier: "com.plexapp.plugins.myplex",
      machineIdentifier: FIXTURES.server.machineIdentifier,
      totalSize: users.length,
      size: users.length,
      User: users.map((a) => {
        const managed = a.kind === "managed";
        const user: Record<string, unknown> = { id: a.id, title: a.title };
        if (!managed) {
          user.username = a.username;
          user.email = a.email;
        }
        Object.assign(user, {
          recommendationsPlaylistId: "",
          thumb: thumb(a),
          protected: state.homePinOf(a) !== null,
          home: a.home,
          allowTuners: 0,
          allowSync: 0,
          allowCameraUpload: 0,
          allowChannels: 0,
          allowSubtitleAdmin: 0,
          filterAll: "",
          filterMovies: a.share?.filterMovies ?? "",
          filterMusic: "",
          filterPhotos: "",
          filterTelevision: a.share?.filterTelevision ?? "",
          restricted: managed,
          Server: [
            {
              id: 907_759_000 + a.id,
              serverId: 9_999_999,
              machineIdentifier: FIXTURES.server.machineIdentifier,
              name: FIXTURES.server.name,
              lastSeenAt: Math.floor(Date.now() / 1000),
              numLibraries: a.share?.sections.length ?? 0,
              allLibraries: allLibraries(a),
              owned: true,
              pending: false,
            },
          ],
        });
        return user;
      }),
    });
    return true;
  }

  if (isHomeUsers) {
    const members = account.home ? ALL_ACCOUNTS.filter((a) => a.home) : [account];
    xml(res, {
      friendlyName: "myPlex",
      identifier: "com.plexapp.plugins.myplex",
      machineIdentifier: FIXTURES.server.machineIdentifier,
      totalSize: members.length,
      size: members.length,
      guestUserID: FIXTURES.home.guestUserID,
      User: members.map((a) => {
        const u: Record<string, unknown> = {
          id: a.id,
          uuid: a.uuid,
          admin: a.homeAdmin || !a.home,
          guest: false,
          restricted: a.kind === "managed",
        };
        // the attribute is absent when the profile has no preset
        if (a.restrictionProfile) u.restrictionProfile = a.restrictionProfile;
        Object.assign(u, {
          hasPassword: a.password !== null,
          protected: state.homePinOf(a) !== null,
          title: a.title,
          username: a.username ?? "",
          email: a.email ?? "",
          thumb: thumb(a),
        });
        return u;
      }),
    });
    return true;
  }

  if (shared) {
    if (shared[1] !== FIXTURES.server.machineIdentifier) {
      sendText(res, 404, "text/html; charset=utf-8", "<html><body><h1>404 Not Found</h1></body></html>\n");
      return true;
    }
    if (!isOwner) {
      unauthorized(res);
      return true;
    }
    const accounts = sharedAccounts();
    xml(res, {
      friendlyName: "myPlex",
      identifier: "com.plexapp.plugins.myplex",
      machineIdentifier: FIXTURES.server.machineIdentifier,
      size: accounts.length,
      SharedServer: accounts.map((a) => ({
        id: 30_000 + a.id,
        username: a.username ?? "",
        email: a.email ?? "",
        userID: a.id,
        accessToken: a.serverToken ?? "",
        name: FIXTURES.server.name,
        acceptedAt: a.joinedAt,
        invitedAt: a.joinedAt,
        allowSync: 0,
        allowCameraUpload: 0,
        allowChannels: 0,
        allowTuners: 0,
        allowSubtitleAdmin: 0,
        owned: 1,
        allLibraries: allLibraries(a),
        filterAll: "",
        filterMovies: a.share?.filterMovies ?? "",
        filterMusic: "",
        filterPhotos: "",
        filterTelevision: a.share?.filterTelevision ?? "",
        Section: SECTIONS.map((s) => ({
          id: PLEXTV_SECTION_ID(s.key),
          key: s.key,
          title: s.title,
          type: s.type,
          shared: a.share?.sections.includes(s.key) ?? false,
        })),
      })),
    });
    return true;
  }

  // /users/account(.json): Overseerr's legacy account lookup
  const user = {
    id: account.id,
    uuid: account.uuid,
    email: account.email ?? "",
    joined_at: new Date(account.joinedAt * 1000).toISOString(),
    username: account.username ?? "",
    title: account.title,
    thumb: thumb(account),
    hasPassword: account.password !== null,
    authToken: account.token,
    subscription: { active: account.kind === "owner", status: account.kind === "owner" ? "Active" : "Inactive", plan: account.kind === "owner" ? "lifetime" : null, features: [] },
    roles: { roles: account.kind === "owner" ? ["plexpass"] : [] },
    entitlements: account.kind === "owner" ? ["all"] : [],
  };
  if (path.endsWith(".json") || r.wantsJson) sendJson(res, 200, { user });
  else sendText(res, 200, "application/xml; charset=utf-8", toXml("user", { ...user, authenticationToken: account.token }, { style: "pms" }));
  return true;
}
