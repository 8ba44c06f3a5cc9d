/**
 * Fake plex.tv (v2 API, the Auth App page, avatars). Behaviour follows
 * shared/plex-reference/PLEX_API.md sections 0-6, 8 and 9.
 */
import type { ServerResponse } from "node:http";
import { ALL_ACCOUNTS, FIXTURES, accountById, type FakeAccount } from "./fixtures";
import { renderAuthPage } from "./auth-page";
import { handleLegacy } from "./plex-tv-legacy";
import { type FakeRequest, sendJson, sendText, STATUS_TEXT } from "./http-util";
import { drawAvatar, encodeImage, type ImageCache } from "./images";
import { hashString } from "./prng";
import type { Pin, PlexState } from "./state";
import { arrayToXml, toXml } from "./xml";

export interface PlexTvContext {
  state: PlexState;
  images: ImageCache;
  /** base URL of this fake plex.tv */
  url: () => string;
  /** base URL of the fake PMS */
  pmsUrl: () => string;
  /** base URL of the fake players (every player device's connection points there) */
  playerUrl: () => string;
  /** the "local" LAN connection's port: nothing listens on it, or it never answers (`silentLocal`) */
  closedPort: number;
  host: string;
}

const ERROR_MESSAGES: Record<number, string> = {
  1000: "X-Plex-Client-Identifier is missing",
  1001: "User could not be authenticated",
  1003: "API rate limit exceeded",
  1020: "Code not found or expired",
  1028: "Invalid verification code",
  1029: "Please enter the verification code",
  1031: "User could not be authenticated. This IP appears to be having trouble signing in to an account (detected repeated failures)",
  1041: "A valid PIN is required to perform this action",
};

/** ISO-8601 without milliseconds, like plex.tv. */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function sendPlexTvError(r: FakeRequest, res: ServerResponse, status: number, code: number, message?: string): void {
  const msg = message ?? ERROR_MESSAGES[code] ?? STATUS_TEXT[status] ?? "Error";
  if (r.wantsJson) {
    sendJson(res, status, { errors: [{ code, message: msg, status }] });
  } else {
    sendText(res, status, "application/xml; charset=utf-8", toXml("errors", { error: [{ code, message: msg, status }] }, { style: "pms" }));
  }
}

function send(r: FakeRequest, res: ServerResponse, status: number, root: string, body: Record<string, unknown>): void {
  if (r.wantsJson) sendJson(res, status, body);
  else sendText(res, status, "application/xml; charset=utf-8", toXml(root, body, { style: "plextv" }));
}

function sendArray(r: FakeRequest, res: ServerResponse, status: number, root: string, items: Record<string, unknown>[]): void {
  if (r.wantsJson) sendJson(res, status, items);
  else sendText(res, status, "application/xml; charset=utf-8", arrayToXml(root, items, { style: "plextv" }));
}

const OWNER_FEATURES = [
  "webhooks", "camera_upload", "home", "pass", "dvr", "trailers", "session_bandwidth_restrictions", "music_videos",
  "content_filter", "adaptive_bitrate", "sync", "lyrics", "premium_music_metadata", "hardware_transcoding", "session_kick",
  "collections", "radio", "tuner-sharing", "hwtranscode", "federated-auth", "item_clusters", "livetv", "kevin-bacon",
  "parental-controls", "exclude restrictions", "two-factor-authentication", "watchlist", "intro-markers", "credits-markers",
];

function homeMembers(account: FakeAccount): FakeAccount[] {
  return account.home ? ALL_ACCOUNTS.filter((a) => a.home) : [account];
}

export function avatarUrl(base: string, account: FakeAccount): string {
  return `${base}/users/${account.uuid}/avatar`;
}

/** The /api/v2/user object (samples/plextv-user.json, plextv-user-managed.json). */
export function userJson(account: FakeAccount, base: string, opts: { rememberMe?: boolean; homePin?: string | null } = {}): Record<string, unknown> {
  const managed = account.kind === "managed";
  const owner = account.kind === "owner";
  const services = [
    { identifier: "metadata", endpoint: "https://metadata.provider.plex.tv", token: `metadata-${account.id}`, secret: null, status: "online" },
    { identifier: "epg", endpoint: "https://epg.provider.plex.tv", token: `epg-${account.id}`, secret: null, status: "online" },
    { identifier: "scrobbling", endpoint: "https://scrobbles.plex.tv", token: null, secret: null, status: "online" },
  ];
  const user: Record<string, unknown> = {
    id: account.id,
    uuid: account.uuid,
    username: account.username ?? "",
    title: account.title,
    email: account.email ?? "",
    friendlyName: account.friendlyName ?? account.title,
    locale: null,
    confirmed: !managed,
    joinedAt: account.joinedAt,
    emailOnlyAuth: false,
    hasPassword: account.password !== null,
    protected: (opts.homePin === undefined ? account.homePin : opts.homePin) !== null,
    thumb: avatarUrl(base, account),
    authToken: account.token,
    mailingListStatus: managed ? null : "unsubscribed",
    mailingListActive: false,
    scrobbleTypes: "",
    country: "US",
    subscription: owner
      ? { active: true, subscribedAt: "2021-10-01T01:02:03Z", status: "Active", paymentService: "braintree", plan: "lifetime", features: OWNER_FEATURES }
      : { active: false, subscribedAt: null, status: "Inactive", paymentService: null, plan: null, features: managed ? ["home", "camera_upload"] : [] },
    subscriptionDescription: owner ? "Lifetime Plex Pass" : null,
    restricted: managed,
    anonymous: null,
    home: account.home,
    guest: false,
    homeSize: homeMembers(account).length,
    homeAdmin: account.homeAdmin,
    maxHomeSize: 15,
    rememberExpiresAt: opts.rememberMe ? Math.floor(Date.now() / 1000) + 14 * 86400 : managed ? null : Math.floor(Date.now() / 1000) + 14 * 86400,
    profile: {
      autoSelectAudio: true,
      defaultAudioLanguage: managed ? null : "en",
      defaultSubtitleLanguage: managed ? null : "en",
      autoSelectSubtitle: 0,
      defaultSubtitleAccessibility: 0,
      defaultSubtitleForced: 0,
      watchedIndicator: 1,
      mediaReviewsVisibility: 0,
    },
    entitlements: owner ? ["all"] : [],
    roles: owner ? ["plexpass"] : [],
    subscriptions: owner
      ? [{ id: null, mode: "lifetime", renewsAt: null, endsAt: null, type: "plexpass", transfer: null, state: "active" }]
      : [],
    pastSubscriptions: [],
    trials: [],
    services,
    adsConsent: null,
    adsConsentSetAt: null,
    adsConsentReminderAt: null,
    experimentalFeatures: false,
    twoFactorEnabled: account.twoFactorCode !== null,
    backupCodesCreated: account.twoFactorCode !== null,
    attributionPartner: null,
  };
  if (managed) {
    user.providers = [];
    user.restrictionProfile = account.restrictionProfile;
    user.customRestrictions = { all: null, movies: null, music: null, photos: null, television: null };
  }
  return user;
}

function pinJson(pin: Pin, now = Date.now()): Record<string, unknown> {
  const account = pin.accountId !== null ? accountById(pin.accountId) : undefined;
  return {
    id: pin.id,
    code: pin.code,
    product: "0",
    trusted: false,
    qr: `https://plex.tv/api/v2/pins/qr/${pin.code}`,
    clientIdentifier: pin.clientIdentifier,
    location: {
      code: "US",
      european_union_member: false,
      continent_code: "NA",
      country: "United States",
      city: "Portland",
      time_zone: "America/Los_Angeles",
      postal_code: "97201",
      in_privacy_restricted_country: false,
      in_privacy_restricted_region: false,
      subdivisions: "Oregon",
      coordinates: "45.5063, -122.6903",
    },
    expiresIn: Math.max(0, Math.ceil((pin.expiresAt - now) / 1000)),
    createdAt: iso(pin.createdAt),
    expiresAt: iso(pin.expiresAt),
    authToken: account ? account.token : null,
    newRegistration: account ? false : null,
  };
}

interface Connection {
  protocol: "http" | "https";
  address: string;
  port: number;
  uri: string;
  local: boolean;
  relay: boolean;
  IPv6: boolean;
}

/** A JWT-shaped server token the PMS does not know (PLEX_API.md 3.3). */
function refusedAccessToken(account: FakeAccount): string {
  return `eyJhbGciOiJFZERTQSJ9.${Buffer.from(JSON.stringify({ user: account.id })).toString("base64url")}.refused`;
}

/**
 * Optional fields as null, the way plex.tv sends them for some devices (publicAddress,
 * productVersion, platformVersion, sourceTitle, httpsRequired, presence, connections' IPv6), and
 * one extra device with a null name, which a client cannot use.
 */
function withNullFields(devices: Record<string, unknown>[]): Record<string, unknown>[] {
  const nulled = devices.map((d) => ({
    ...d,
    productVersion: null,
    platformVersion: null,
    publicAddress: null,
    httpsRequired: null,
    presence: null,
    connections: (d.connections as Record<string, unknown>[]).map((c) => ({ ...c, IPv6: null })),
  }));
  const broken = { name: null, product: "Plex Web", clientIdentifier: "broken-device-0001", provides: null, owned: null, accessToken: null, connections: null };
  return [broken, ...nulled];
}

function resourcesFor(account: FakeAccount, ctx: PlexTvContext, includeHttps: boolean, includeRelay: boolean): Record<string, unknown>[] {
  const devices = listResources(account, ctx, includeHttps, includeRelay);
  return ctx.state.nullResourceFields ? withNullFields(devices) : devices;
}

function listResources(account: FakeAccount, ctx: PlexTvContext, includeHttps: boolean, includeRelay: boolean): Record<string, unknown>[] {
  const devices: Record<string, unknown>[] = [];
  const pms = new URL(ctx.pmsUrl());
  const pmsPort = Number(pms.port);
  const now = iso(Date.now());
  if (account.serverToken && ctx.state.hasServer(account)) {
    const owned = account.kind === "owner";
    const connections: Connection[] = [
      // The server's LAN address, unreachable from here (a closed loopback port): clients must
      // fall back to the remote connection, like a shared server whose LAN is not theirs.
      { protocol: "http", address: ctx.host, port: ctx.closedPort, uri: `http://${ctx.host}:${ctx.closedPort}`, local: true, relay: false, IPv6: false },
      { protocol: "http", address: pms.hostname, port: pmsPort, uri: ctx.pmsUrl(), local: false, relay: false, IPv6: false },
    ];
    if (includeHttps) {
      // Real plex.tv lists https://<ip-dashed>.<hash>.plex.direct URIs here. The fake has no TLS
      // and no DNS, so its "https" entry points at the same plain-http PMS URL.
      connections.push({ protocol: "https", address: pms.hostname, port: pmsPort, uri: ctx.pmsUrl(), local: false, relay: false, IPv6: false });
    }
    if (includeRelay) {
      // Relay connection: in reality a Plex relay host on port 8443; here the same PMS URL.
      connections.push({ protocol: "https", address: pms.hostname, port: pmsPort, uri: ctx.pmsUrl(), local: false, relay: true, IPv6: false });
    }
    devices.push({
      name: FIXTURES.server.name,
      product: "Plex Media Server",
      productVersion: FIXTURES.server.version,
      platform: FIXTURES.server.platform,
      platformVersion: FIXTURES.server.platformVersion,
      device: "Docker Container",
      clientIdentifier: FIXTURES.server.machineIdentifier,
      createdAt: FIXTURES.server.createdAt,
      lastSeenAt: now,
      provides: "server",
      ownerId: owned ? null : FIXTURES.owner.id,
      sourceTitle: owned ? null : FIXTURES.owner.username,
      publicAddress: pms.hostname,
      accessToken: ctx.state.refusedAccessTokenFor.has(account.id) ? refusedAccessToken(account) : account.serverToken,
      owned,
      home: account.kind === "managed",
      synced: false,
      relay: true,
      presence: true,
      httpsRequired: false,
      publicAddressMatches: true,
      dnsRebindingProtection: false,
      natLoopbackSupported: false,
      connections,
    });
  }
  for (const p of [...(account.player ? [account.player] : []), ...(account.otherDevices ?? [])]) {
    const player = new URL(ctx.playerUrl());
    devices.push({
      name: p.name,
      product: p.product,
      productVersion: p.productVersion,
      platform: p.platform,
      platformVersion: p.platformVersion,
      device: p.device,
      clientIdentifier: p.clientIdentifier,
      createdAt: "2022-06-10T19:01:44Z",
      lastSeenAt: now,
      provides: p.provides,
      ownerId: null,
      sourceTitle: null,
      publicAddress: ctx.host,
      accessToken: account.token,
      owned: true,
      home: false,
      synced: false,
      relay: false,
      presence: p.presence ?? true,
      httpsRequired: false,
      publicAddressMatches: true,
      dnsRebindingProtection: false,
      natLoopbackSupported: false,
      // A player's LAN address; here the fake players' server (port 32500 in reality, PLEX_API.md 7.10).
      connections: [{ protocol: "http", address: player.hostname, port: Number(player.port), uri: ctx.playerUrl(), local: true, relay: false, IPv6: false }],
    });
  }
  return devices;
}

function homeJson(account: FakeAccount): Record<string, unknown> {
  if (account.home) {
    return {
      id: FIXTURES.home.id,
      name: FIXTURES.home.name,
      guestUserID: FIXTURES.home.guestUserID,
      guestUserUUID: FIXTURES.home.guestUserUUID,
      guestEnabled: false,
      subscription: true,
    };
  }
  // Accounts outside the owner's Home get a Home of one (simplification; see README).
  return { id: 1_000_000 + account.id, name: `${account.username ?? account.title}'s home`, guestUserID: null, guestUserUUID: null, guestEnabled: false, subscription: false };
}

function homeUserJson(a: FakeAccount, base: string, homePin: string | null): Record<string, unknown> {
  return {
    id: a.id,
    uuid: a.uuid,
    title: a.title,
    username: a.username,
    email: a.email,
    friendlyName: a.friendlyName,
    thumb: avatarUrl(base, a),
    hasPassword: a.password !== null,
    restricted: a.kind === "managed",
    updatedAt: 1709251200,
    restrictionProfile: a.restrictionProfile,
    admin: a.home ? a.homeAdmin : true,
    guest: false,
    protected: homePin !== null,
  };
}

const truthy = (v: string | undefined | null) => v === "1" || v === "true";

export function createPlexTvHandler(ctx: PlexTvContext) {
  const { state } = ctx;

  const authChoices = [
    { account: FIXTURES.owner, label: "Olivia (owner)" },
    { account: FIXTURES.friend, label: "Frank (friend)" },
    { account: FIXTURES.stranger, label: "Sam (no access)" },
  ];

  function requireAccount(r: FakeRequest, res: ServerResponse): FakeAccount | null {
    const account = state.accountForToken(r.plexParam("X-Plex-Token"));
    if (!account) {
      sendPlexTvError(r, res, 401, 1001);
      return null;
    }
    return account;
  }

  return async function handle(r: FakeRequest, res: ServerResponse): Promise<void> {
    const { path, method } = r;

    // --- Auth App page and its private endpoints -------------------------------------------
    if (method === "GET" && (path === "/auth" || path === "/auth/")) {
      sendText(res, 200, "text/html; charset=utf-8", renderAuthPage(authChoices), { "Cache-Control": "no-store" });
      return;
    }
    if (method === "GET" && path === "/_fake/auth/pin") {
      const code = r.query.get("code") ?? "";
      const clientID = r.query.get("clientID") ?? "";
      const pin = code ? state.findActivePinByCode(code) : undefined;
      if (!pin || (clientID && pin.clientIdentifier !== clientID)) {
        sendJson(res, 200, { ok: false, message: "This sign-in code is unknown or has expired. Go back to the app and try again." });
        return;
      }
      sendJson(res, 200, { ok: true, product: pin.product, expiresAt: iso(pin.expiresAt) });
      return;
    }
    if (method === "POST" && path === "/_fake/auth/approve") {
      const body = await r.body();
      const account = ALL_ACCOUNTS.find((a) => a.username !== null && a.username === body.username);
      const pin = body.code ? state.findActivePinByCode(body.code) : undefined;
      if (!account) {
        sendJson(res, 400, { ok: false, message: `Unknown fake account ${body.username ?? ""}` });
        return;
      }
      if (!pin || (body.clientID && pin.clientIdentifier !== body.clientID)) {
        sendJson(res, 404, { ok: false, message: "This sign-in code is unknown or has expired. Go back to the app and try again." });
        return;
      }
      state.approvePin({ pinId: pin.id, accountId: account.id });
      sendJson(res, 200, { ok: true });
      return;
    }

    // --- Avatars -------------------------------------------------------------------------------
    const avatar = /^\/users\/([0-9a-f]+)\/avatar$/.exec(path);
    if (method === "GET" && avatar) {
      const account = ALL_ACCOUNTS.find((a) => a.uuid === avatar[1]);
      if (!account) {
        sendText(res, 404, "text/plain; charset=utf-8", "Not Found");
        return;
      }
      ctx.images
        .get(`avatar:${account.uuid}`, () => encodeImage(drawAvatar(hashString(account.uuid), 96), 96, 96, "png"))
        .then(
          (png) => sendText(res, 200, "image/png", png, { "Cache-Control": "public, max-age=86400" }),
          () => sendText(res, 500, "text/plain; charset=utf-8", "Internal Server Error"),
        );
      return;
    }

    if (handleLegacy(r, res, state, ctx.url())) return;

    if (!path.startsWith("/api/v2/") && path !== "/api/v2") {
      sendText(res, 404, "text/html; charset=utf-8", "<html><body><h1>404 Not Found</h1></body></html>");
      return;
    }

    // --- /api/v2: every call needs a client identifier -----------------------------------------
    const clientId = r.plexParam("X-Plex-Client-Identifier");
    if (!clientId) {
      sendPlexTvError(r, res, 400, 1000);
      return;
    }
    const sub = path.slice("/api/v2".length);

    if (method === "POST" && sub === "/pins") {
      const body = await r.body();
      const strong = truthy(r.query.get("strong") ?? body.strong);
      const pin = state.createPin({ strong, clientIdentifier: clientId, product: r.plexParam("X-Plex-Product") ?? null });
      send(r, res, 201, "pin", pinJson(pin));
      return;
    }
    const pinMatch = /^\/pins\/(\d+)$/.exec(sub);
    if (method === "GET" && pinMatch) {
      const id = pinMatch[1] ?? "";
      if (state.pinPollRateLimited(id)) {
        sendPlexTvError(r, res, 429, 1003);
        return;
      }
      const pin = state.pins.get(Number(id));
      // The check must come from the client that created the PIN; anything else looks unknown.
      if (!pin || state.isExpired(pin) || pin.clientIdentifier !== clientId) {
        sendPlexTvError(r, res, 404, 1020);
        return;
      }
      send(r, res, 200, "pin", pinJson(pin));
      return;
    }
    if (method === "PUT" && sub === "/pins/link") {
      const account = requireAccount(r, res);
      if (!account) return;
      const body = await r.body();
      const code = body.code ?? r.query.get("code") ?? "";
      const pin = code ? state.findActivePinByCode(code) : undefined;
      // Only short (4-character) PINs can be linked; strong codes are "not found" on plex.tv/link.
      if (!pin || pin.strong) {
        sendPlexTvError(r, res, 404, 1020);
        return;
      }
      state.approvePin({ pinId: pin.id, accountId: account.id });
      res.writeHead(204).end();
      return;
    }

    if (method === "POST" && sub === "/users/signin") {
      const body = await r.body();
      const field = (k: string) => body[k] ?? r.query.get(k) ?? undefined;
      const ip = r.remoteAddress;
      if (state.signinThrottled(ip, FIXTURES.signinFailureLimit)) {
        sendPlexTvError(r, res, 401, 1031);
        return;
      }
      const login = (field("login") ?? "").trim().toLowerCase();
      const password = field("password") ?? "";
      const account = ALL_ACCOUNTS.find(
        (a) => a.password !== null && (a.username?.toLowerCase() === login || a.email?.toLowerCase() === login),
      );
      let code = field("verificationCode") ?? "";
      let passwordOk = !!account && password === account.password;
      // Legacy 2FA form: the TOTP appended to the password.
      if (account?.twoFactorCode && !passwordOk && account.password && password.startsWith(account.password) && password.length === account.password.length + 6) {
        passwordOk = true;
        code = password.slice(account.password.length);
      }
      if (!account || !passwordOk) {
        state.recordSigninFailure(ip);
        sendPlexTvError(r, res, 401, 1001);
        return;
      }
      if (account.twoFactorCode) {
        if (!code) {
          sendPlexTvError(r, res, 401, 1029);
          return;
        }
        if (code !== account.twoFactorCode) {
          state.recordSigninFailure(ip);
          sendPlexTvError(r, res, 401, 1028);
          return;
        }
      }
      state.reissue(account);
      send(r, res, 201, "user", userJson(account, ctx.url(), { rememberMe: truthy(field("rememberMe")), homePin: state.homePinOf(account) }));
      return;
    }

    // Everything below needs a valid account token.
    if (method === "GET" && sub === "/user") {
      const account = requireAccount(r, res);
      if (!account) return;
      send(r, res, 200, "user", userJson(account, ctx.url(), { homePin: state.homePinOf(account) }));
      return;
    }
    if (method === "GET" && sub === "/ping") {
      const account = requireAccount(r, res);
      if (!account) return;
      send(r, res, 200, "response", { pong: true });
      return;
    }
    if (method === "DELETE" && sub === "/users/signout") {
      const account = requireAccount(r, res);
      if (!account) return;
      state.revoke(account.token);
      res.writeHead(204).end();
      return;
    }
    if (method === "GET" && sub === "/resources") {
      const account = requireAccount(r, res);
      if (!account) return;
      const devices = resourcesFor(account, ctx, truthy(r.query.get("includeHttps")), truthy(r.query.get("includeRelay")));
      sendArray(r, res, 200, "resources", devices);
      return;
    }
    if (method === "GET" && (sub === "/home" || sub === "/home/users")) {
      const account = requireAccount(r, res);
      if (!account) return;
      const home = homeJson(account);
      if (sub === "/home") {
        send(r, res, 200, "home", home);
        return;
      }
      send(r, res, 200, "home", { ...home, users: homeMembers(account).map((a) => homeUserJson(a, ctx.url(), state.homePinOf(a))) });
      return;
    }
    const switchMatch = /^\/home\/users\/([^/]+)\/switch$/.exec(sub);
    if (method === "POST" && switchMatch) {
      state.switchRequests++;
      const account = requireAccount(r, res);
      if (!account) return;
      const body = await r.body();
      const ref = decodeURIComponent(switchMatch[1] ?? "");
      const target = homeMembers(account).find((a) => a.uuid === ref || String(a.id) === ref);
      if (!target) {
        // Invented code: the real error for an unknown Home user is undocumented.
        sendPlexTvError(r, res, 404, 1002, "User not found");
        return;
      }
      const pin = r.query.get("pin") ?? body.pin ?? "";
      const homePin = state.homePinOf(target);
      if (homePin !== null && pin !== homePin && !state.pinNotDemandedFrom.has(account.id)) {
        sendPlexTvError(r, res, 403, 1041);
        return;
      }
      state.reissue(target);
      send(r, res, 201, "user", userJson(target, ctx.url(), { homePin: state.homePinOf(target) }));
      return;
    }

    sendPlexTvError(r, res, 404, 1002, "Not Found");
  };
}

/** Body for a forced-status fault on plex.tv: the usual error envelope. */
export function plexTvFaultResponse(r: FakeRequest, res: ServerResponse, status: number): void {
  // 429 is plex.tv's rate limit: code 1003 "API rate limit exceeded" (PLEX_API.md 3.2, 8).
  if (status === 429) sendPlexTvError(r, res, 429, 1003);
  else sendPlexTvError(r, res, status, status, STATUS_TEXT[status] ?? "Error");
}
