/**
 * Fixed accounts, tokens and server ids of the fake Plex world. Other test suites and the demo
 * rely on these exact values; change them only together with their users.
 */

export type RestrictionProfile = "little_kid" | "older_kid" | "teen";

/** What a token may see on the fake server (a share, in Plex's terms). */
export interface FakeShare {
  /** PMS section keys shared with the user */
  sections: readonly string[];
  /** Plex filter-string grammar, e.g. `contentRating=G%2CPG|label!=Horror`; "" = no restriction */
  filterMovies: string;
  filterTelevision: string;
}

export interface FakePlayerDevice {
  name: string;
  product: string;
  productVersion: string;
  platform: string;
  platformVersion: string;
  device: string;
  clientIdentifier: string;
  provides: string;
  /** plex.tv's `presence` (online); default true */
  presence?: boolean;
}

export interface FakeAccount {
  kind: "owner" | "friend" | "stranger" | "managed";
  id: number;
  /** 16 lowercase hex characters */
  uuid: string;
  /** null for managed Home profiles */
  username: string | null;
  title: string;
  email: string | null;
  friendlyName: string | null;
  /** plex.tv account token */
  token: string;
  /** null for managed profiles (they cannot sign in with a password) */
  password: string | null;
  /** two-factor verification code; null = 2FA off */
  twoFactorCode: string | null;
  /** token for the fake PMS (resources accessToken); null = no access to the server */
  serverToken: string | null;
  /** null = full access (the owner) or no access (stranger) */
  share: FakeShare | null;
  /** Plex Home membership of the owner's Home */
  home: boolean;
  homeAdmin: boolean;
  /** Plex Home PIN; non-null = protected profile */
  homePin: string | null;
  restrictionProfile: RestrictionProfile | null;
  /** epoch seconds */
  joinedAt: number;
  /** share of films this account has watched (deterministic per film) */
  watchedShare: number;
  /** the account's own player device in /api/v2/resources; null = none */
  player: FakePlayerDevice | null;
  /** more devices of the account in /api/v2/resources (an offline player, a controller-only app) */
  otherDevices?: readonly FakePlayerDevice[];
}

/**
 * contentRating allow-lists plex.tv writes into filterMovies/filterTelevision for the restriction
 * presets (copied verbatim from shared/plex-reference/samples/restriction-profile-presets.json).
 */
export const RESTRICTION_PRESET_FILTERS: Record<RestrictionProfile, string> = {
  little_kid:
    "contentRating=G%2CTV-G%2CTV-Y%2Cgb%2FUc%2Cgb%2FU%2CUK%3A+Uc%2CUK%3A+U%2Cde%2F0%2CFSK+0%2CAb+0+Jahren%2Cau%2FG%2Cca%2FG%2Cfr%2FTous+publics%2Cfr%2FU%2Cbr%2FL%2Cbr%2FLivre%2Cch%2F0%2Cnl%2FAL%2Ces%2FAPTA%2Cdk%2FA%2Ckr%2FA%2Cse%2FBtl%2CCSM+3%2CCSM+4%2CCSM+5%2C0%2C0%2B%2C2%2C3%2C4%2C5%2CUS%2FG%2CUS%2FTV-G%2CUS%2FTV-Y",
  older_kid:
    "contentRating=G%2CTV-G%2CTV-Y%2Cgb%2FUc%2Cgb%2FU%2CUK%3A+Uc%2CUK%3A+U%2Cde%2F0%2CFSK+0%2CAb+0+Jahren%2Cau%2FG%2Cca%2FG%2Cfr%2FTous+publics%2Cfr%2FU%2Cbr%2FL%2Cbr%2FLivre%2Cch%2F0%2Cnl%2FAL%2Ces%2FAPTA%2Cdk%2FA%2Ckr%2FA%2Cse%2FBtl%2CCSM+3%2CCSM+4%2CCSM+5%2C0%2C0%2B%2C2%2C3%2C4%2C5%2CUS%2FG%2CUS%2FTV-G%2CUS%2FTV-Y%2CPG%2CTV-PG%2CTV-Y7%2CGP%2Cgb%2FPG%2CUK%3A+PG%2Cde%2F6%2CFSK+6%2CAb+6+Jahren%2Cau%2FPG%2Cca%2FPG%2Cfr%2F10%2Cbr%2F10%2Cch%2F6%2Cch%2F7%2Cch%2F8%2Cch%2F10+%2Cnl%2F6%2Cnl%2F9%2Ces%2F7%2Cdk%2F7%2Cdk%2F11%2Cse%2F7%2Cse%2F11%2CCSM+6%2CCSM+7%2CCSM+8%2CCSM+9%2CCSM+10%2CCSM+11%2C6%2C7%2C8%2C9%2C10%2C11%2CUS%2FPG%2CUS%2FTV-PG%2CUS%2FTV-Y7",
  teen:
    "contentRating=G%2CTV-G%2CTV-Y%2Cgb%2FUc%2Cgb%2FU%2CUK%3A+Uc%2CUK%3A+U%2Cde%2F0%2CFSK+0%2CAb+0+Jahren%2Cau%2FG%2Cca%2FG%2Cfr%2FTous+publics%2Cfr%2FU%2Cbr%2FL%2Cbr%2FLivre%2Cch%2F0%2Cnl%2FAL%2Ces%2FAPTA%2Cdk%2FA%2Ckr%2FA%2Cse%2FBtl%2CCSM+3%2CCSM+4%2CCSM+5%2C0%2C0%2B%2C2%2C3%2C4%2C5%2CUS%2FG%2CUS%2FTV-G%2CUS%2FTV-Y%2CPG%2CTV-PG%2CTV-Y7%2CGP%2Cgb%2FPG%2CUK%3A+PG%2Cde%2F6%2CFSK+6%2CAb+6+Jahren%2Cau%2FPG%2Cca%2FPG%2Cfr%2F10%2Cbr%2F10%2Cch%2F6%2Cch%2F7%2Cch%2F8%2Cch%2F10+%2Cnl%2F6%2Cnl%2F9%2Ces%2F7%2Cdk%2F7%2Cdk%2F11%2Cse%2F7%2Cse%2F11%2CCSM+6%2CCSM+7%2CCSM+8%2CCSM+9%2CCSM+10%2CCSM+11%2C6%2C7%2C8%2C9%2C10%2C11%2CUS%2FPG%2CUS%2FTV-PG%2CUS%2FTV-Y7%2CPG-13%2CTV-14%2Cgb%2F12A%2Cgb%2F12%2CUK%3A+12a%2CUK%3A+12%2Cde%2F12%2CFSK+12%2CAb+12+Jahren%2Cca%2F14A%2Cca%2F13%2B%2Cca%2F14%2Cca%2F14%2B%2Cfr%2F12+%2Cbr%2F12%2Cbr%2F14%2Cnl%2F12%2Ces%2F12%2Ckr%2F12%2CCSM+12%2CCSM+13%2CCSM+14%2C12%2C12%2B%2C12A%2C13%2C14%2C14A%2CUS%2FPG-13%2CUS%2FTV-14",
};

const SERVER = {
  name: "Reelmatch Demo Server",
  machineIdentifier: "5e2f8a1c9d4b7e3f6a0c8b2d4e6f1a3c5b7d9e0f",
  version: "1.41.4.9463-630c9f557",
  platform: "Linux",
  platformVersion: "6.1.0-18-amd64",
  ownerId: 1001,
  createdAt: "2021-04-12T15:30:18Z",
} as const;

const SECTIONS = {
  films: { key: "1", title: "Films", type: "movie" },
  documentaries: { key: "2", title: "Documentaries", type: "movie" },
  tvShows: { key: "3", title: "TV Shows", type: "show" },
  /** an "Other videos" library (agent com.plexapp.agents.none): not films, shared with nobody */
  homeVideos: { key: "4", title: "Home Videos", type: "movie" },
} as const;

const owner: FakeAccount = {
  kind: "owner",
  id: 1001,
  uuid: "8f3a2b1c4d5e6f70",
  username: "olivia",
  title: "Olivia",
  email: "olivia@example.com",
  friendlyName: "Olivia",
  token: "owner-plex-token-0001",
  password: "owner-password",
  twoFactorCode: null,
  // For an owned server plex.tv hands out the account token itself as the resource accessToken.
  serverToken: "owner-plex-token-0001",
  share: null,
  home: true,
  homeAdmin: true,
  homePin: null,
  restrictionProfile: null,
  joinedAt: 1339124759,
  watchedShare: 0.3,
  player: {
    name: "Olivia's Living Room TV",
    product: "Plex for Android (TV)",
    productVersion: "10.24.0.1234",
    platform: "Android",
    platformVersion: "11",
    device: "SHIELD Android TV",
    clientIdentifier: "olivia-player-0001",
    provides: "player,pubsub-player,controller",
  },
  otherDevices: [
    {
      name: "Olivia's Bedroom TV",
      product: "Plex for Roku",
      productVersion: "8.6.2",
      platform: "Roku",
      platformVersion: "12.5",
      device: "Roku Express",
      clientIdentifier: "olivia-player-offline-0001",
      provides: "player,pubsub-player",
      presence: false,
    },
    {
      // Plex Web no longer takes remote control (PLEX_API.md 7.10): it provides no `player`.
      name: "Chrome",
      product: "Plex Web",
      productVersion: "4.145.1",
      platform: "Chrome",
      platformVersion: "131.0",
      device: "Linux",
      clientIdentifier: "olivia-plexweb-0001",
      provides: "client,controller",
    },
  ],
};

const friend: FakeAccount = {
  kind: "friend",
  id: 2002,
  uuid: "2b7c9d1e3f4a5b6c",
  username: "frank",
  title: "Frank",
  email: "frank@example.com",
  friendlyName: "Frank",
  token: "friend-plex-token-0002",
  password: "friend-password",
  twoFactorCode: "123456",
  serverToken: "friend-server-token-0002",
  share: { sections: ["1"], filterMovies: "", filterTelevision: "" },
  home: false,
  homeAdmin: false,
  homePin: null,
  restrictionProfile: null,
  joinedAt: 1466000000,
  watchedShare: 0.15,
  player: {
    name: "Frank's iPhone",
    product: "Plex for iOS",
    productVersion: "8.40",
    platform: "iOS",
    platformVersion: "18.2",
    device: "iPhone",
    clientIdentifier: "frank-player-0002",
    provides: "player,pubsub-player,controller",
  },
};

const stranger: FakeAccount = {
  kind: "stranger",
  id: 3003,
  uuid: "9c8d7e6f5a4b3c2d",
  username: "sam",
  title: "Sam",
  email: "sam@example.com",
  friendlyName: "Sam",
  token: "stranger-plex-token-0003",
  password: "stranger-password",
  twoFactorCode: null,
  serverToken: null,
  share: null,
  home: false,
  homeAdmin: false,
  homePin: null,
  restrictionProfile: null,
  joinedAt: 1600000000,
  watchedShare: 0,
  player: {
    name: "Sam's Chromecast",
    product: "Plex for Chromecast",
    productVersion: "2.1.0",
    platform: "Chromecast",
    platformVersion: "1.56",
    device: "Chromecast",
    clientIdentifier: "sam-player-0003",
    provides: "player",
  },
};

const kid: FakeAccount = {
  kind: "managed",
  id: 4004,
  uuid: "4c1d7a9e0b3f4004",
  username: null,
  title: "Kit",
  email: null,
  friendlyName: null,
  token: "kid-plex-token-0004",
  password: null,
  twoFactorCode: null,
  serverToken: "kid-server-token-0004",
  share: {
    sections: ["1", "2"],
    filterMovies: RESTRICTION_PRESET_FILTERS.little_kid,
    filterTelevision: RESTRICTION_PRESET_FILTERS.little_kid,
  },
  home: true,
  homeAdmin: false,
  homePin: "1234",
  restrictionProfile: "little_kid",
  joinedAt: 1592234475,
  watchedShare: 0.2,
  player: {
    name: "Kit's Tablet",
    product: "Plex for Android (Mobile)",
    productVersion: "10.24.0.1234",
    platform: "Android",
    platformVersion: "14",
    device: "Galaxy Tab A9",
    clientIdentifier: "kit-player-0004",
    provides: "player,pubsub-player,controller",
  },
};

const teen: FakeAccount = {
  kind: "managed",
  id: 5005,
  uuid: "7e2a5c8f1d6b5005",
  username: null,
  title: "Tess",
  email: null,
  friendlyName: null,
  token: "teen-plex-token-0005",
  password: null,
  twoFactorCode: null,
  serverToken: "teen-server-token-0005",
  share: {
    sections: ["1", "2"],
    filterMovies: RESTRICTION_PRESET_FILTERS.teen,
    filterTelevision: RESTRICTION_PRESET_FILTERS.teen,
  },
  home: true,
  homeAdmin: false,
  homePin: null,
  restrictionProfile: "teen",
  joinedAt: 1592234500,
  watchedShare: 0.25,
  player: null,
};

export const FIXTURES = {
  server: SERVER,
  sections: SECTIONS,
  owner,
  friend,
  stranger,
  kid,
  teen,
  /** the owner's Plex Home */
  home: {
    id: 1841001,
    name: "olivia's home",
    guestUserID: 58815001,
    guestUserUUID: "f3df4e01bfca1001",
  },
  /** verification code of the friend's two-factor authentication */
  twoFactorCode: "123456",
  /** sign-in failures per IP (within 10 minutes) before plex.tv answers 1031 */
  signinFailureLimit: 5,
} as const;

/** All fixture accounts, in a stable order. */
export const ALL_ACCOUNTS: readonly FakeAccount[] = [owner, friend, stranger, kid, teen];

export function accountById(id: number): FakeAccount | undefined {
  return ALL_ACCOUNTS.find((a) => a.id === id);
}

/** Every device of every account that provides `player` (the fake players answer for these). */
export function playerDevices(): FakePlayerDevice[] {
  return ALL_ACCOUNTS.flatMap((a) => [...(a.player ? [a.player] : []), ...(a.otherDevices ?? [])]).filter((d) => d.provides.split(",").includes("player"));
}
