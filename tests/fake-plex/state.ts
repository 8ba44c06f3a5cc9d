/**
 * Mutable state shared by the fake plex.tv and the fake PMS: token validity, PINs, throttles,
 * and the token -> account -> share map.
 */
import crypto from "node:crypto";
import { ALL_ACCOUNTS, accountById, type FakeAccount } from "./fixtures";
import { parseShareFilter, shareFilterAllows, type ShareFilter } from "./filters";
import type { LibraryItem } from "./library";

export interface Pin {
  id: number;
  code: string;
  strong: boolean;
  clientIdentifier: string;
  product: string | null;
  /** epoch ms */
  createdAt: number;
  expiresAt: number;
  /** account that approved the PIN */
  accountId: number | null;
}

/** What a PMS token may see. `share === null` means everything (the owner). */
export interface ServerAccess {
  account: FakeAccount;
  share: {
    sections: ReadonlySet<string>;
    movies: ShareFilter;
    television: ShareFilter;
  } | null;
}

export class FakePlexError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const PIN_LIFETIME_STRONG_S = 1800;
export const PIN_LIFETIME_SHORT_S = 900;
const SIGNIN_WINDOW_MS = 10 * 60 * 1000;
const PIN_POLL_WINDOW_MS = 1000;
const PIN_POLLS_PER_WINDOW = 2;

/** A play queue made on the fake PMS (POST /playQueues). */
export interface FakePlayQueue {
  id: number;
  /** the server token that made it: other tokens do not see it (UNCERTAIN, see README) */
  token: string;
  ratingKey: string;
  selectedItemId: number;
  version: number;
}

/** A remote-control command a fake player received (the test-visible log). */
export interface PlayerCommand {
  /** the player addressed by X-Plex-Target-Client-Identifier */
  player: string;
  path: string;
  /** the controller's X-Plex-Client-Identifier */
  controller: string;
  commandID: number;
  /** every query parameter as sent (token included: the fake is a test double) */
  params: Record<string, string>;
  /** sent to the player itself, or to the Plex server, which forwarded it (proxyThroughServer) */
  via: "direct" | "server";
  at: number;
}

/**
 * How a player that is "down" behaves: `silent` accepts and never answers, `refuse` drops the
 * connection (both for the Plex server's forwarding too); `server-only`: unreachable at its own
 * address from where the app runs (another LAN) but reachable by the Plex server, which forwards.
 */
export type PlayerDownMode = "silent" | "refuse" | "server-only";

export class PlexState {
  readonly revokedTokens = new Set<string>();
  readonly pins = new Map<number, Pin>();
  private nextPinId = 1_272_322_473;
  private readonly pinPolls = new Map<string, number[]>();
  private readonly signinFailures = new Map<string, number[]>();
  private readonly serverAccessByToken = new Map<string, ServerAccess>();
  /** Home PINs set or removed during a run (otherwise the fixture's homePin). */
  private readonly homePins = new Map<number, string | null>();
  /**
   * Accounts whose token switches to a protected Home profile without its PIN. The reference
   * (PLEX_API.md 6.2): "Enforcement reportedly varies by account (some accounts don't demand the
   * PIN even when set)" [issue 240-MP]; tests use it to prove we never lean on such a token.
   */
  readonly pinNotDemandedFrom = new Set<number>();
  /** Home switch requests received (POST /home/users/{uuid|id}/switch), right or wrong. */
  switchRequests = 0;
  private readonly unsharedAccounts = new Set<number>();
  /**
   * Accounts whose /resources entry carries a server accessToken the PMS refuses (PLEX_API.md 3.3:
   * plex.tv reportedly hands out JWT accessTokens for owned servers that the PMS answers 401).
   */
  readonly refusedAccessTokenFor = new Set<number>();
  /** /resources sends null in optional fields and lists a device nobody can read (a null name). */
  nullResourceFields = false;
  /** Library calls (/library/...) that came without X-Plex-Container-Size (PLEX_API.md 7.4). */
  unpagedLibraryCalls: string[] = [];

  private nextPlayQueueId = 3100;
  readonly playQueues = new Map<number, FakePlayQueue>();
  /** every remote-control command the fake players received, oldest first */
  readonly playerCommands: PlayerCommand[] = [];
  /** players that do not answer (by clientIdentifier) */
  readonly downPlayers = new Map<string, PlayerDownMode>();
  /** watchlists per plex.tv account id: discover ids (the last segment of plex://movie/{id}) -> watchlistedAt (epoch s) */
  readonly watchlists = new Map<number, Map<string, number>>();

  /** Creates a play queue of one film for a server token. */
  createPlayQueue(token: string, ratingKey: string): FakePlayQueue {
    const id = this.nextPlayQueueId++;
    const queue: FakePlayQueue = { id, token, ratingKey, selectedItemId: id * 10 + 1, version: 1 };
    this.playQueues.set(id, queue);
    return queue;
  }

  /** The account's watchlist (created empty on first use). */
  watchlistOf(accountId: number): Map<string, number> {
    let list = this.watchlists.get(accountId);
    if (!list) {
      list = new Map();
      this.watchlists.set(accountId, list);
    }
    return list;
  }

  constructor() {
    for (const account of ALL_ACCOUNTS) {
      if (!account.serverToken) continue;
      const share = account.share
        ? {
            sections: new Set(account.share.sections),
            movies: parseShareFilter(account.share.filterMovies),
            television: parseShareFilter(account.share.filterTelevision),
          }
        : null;
      this.serverAccessByToken.set(account.serverToken, { account, share });
    }
  }

  /** plex.tv: the account a token belongs to (undefined for unknown or signed-out tokens). */
  accountForToken(token: string | undefined): FakeAccount | undefined {
    if (!token || this.revokedTokens.has(token)) return undefined;
    return ALL_ACCOUNTS.find((a) => a.token === token);
  }

  /** The account's Home PIN as it stands now (null: not protected). */
  homePinOf(account: FakeAccount): string | null {
    return this.homePins.has(account.id) ? (this.homePins.get(account.id) ?? null) : account.homePin;
  }

  /** Sets (or, with null, removes) an account's Home PIN, as Plex's Home settings would. */
  setHomePin(accountId: number, pin: string | null): void {
    this.homePins.set(accountId, pin);
  }

  /** PMS: what a server token may see (undefined = 401). */
  serverAccess(token: string | undefined): ServerAccess | undefined {
    if (!token || this.revokedTokens.has(token)) return undefined;
    return this.serverAccessByToken.get(token);
  }

  /** A token handed out again (sign-in, PIN approval, Home switch) becomes valid again. */
  reissue(account: FakeAccount): string {
    this.revokedTokens.delete(account.token);
    return account.token;
  }

  revoke(token: string): void {
    this.revokedTokens.add(token);
  }

  /**
   * The owner stops sharing the server with an account (PLEX_API.md 5.2: `DELETE
   * /api/v2/sharings/{userId}` removes a friend): the server leaves that account's /resources and
   * its server token is no longer accepted by the PMS (7.9: an unknown token gets 401).
   */
  unshare(accountId: number): void {
    const account = accountById(accountId);
    if (!account?.serverToken || account.kind === "owner") throw new FakePlexError(400, 1001, `account ${accountId} has no share to remove`);
    this.unsharedAccounts.add(accountId);
    this.serverAccessByToken.delete(account.serverToken);
  }

  /** Whether the server is shared with (or owned by) this account. */
  hasServer(account: FakeAccount): boolean {
    return !!account.serverToken && !this.unsharedAccounts.has(account.id);
  }

  createPin(opts: { strong: boolean; clientIdentifier: string; product: string | null; now?: number }): Pin {
    const now = opts.now ?? Date.now();
    const lifetime = opts.strong ? PIN_LIFETIME_STRONG_S : PIN_LIFETIME_SHORT_S;
    const pin: Pin = {
      id: this.nextPinId++,
      code: opts.strong ? randomCode(25, "abcdefghijklmnopqrstuvwxyz0123456789") : this.shortCode(),
      strong: opts.strong,
      clientIdentifier: opts.clientIdentifier,
      product: opts.product,
      createdAt: now,
      expiresAt: now + lifetime * 1000,
      accountId: null,
    };
    this.pins.set(pin.id, pin);
    return pin;
  }

  private shortCode(): string {
    for (;;) {
      const code = randomCode(4, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789");
      if (!this.findActivePinByCode(code)) return code;
    }
  }

  isExpired(pin: Pin, now = Date.now()): boolean {
    return now >= pin.expiresAt;
  }

  findActivePinByCode(code: string, now = Date.now()): Pin | undefined {
    const lower = code.toLowerCase();
    for (const pin of this.pins.values()) {
      if (pin.code.toLowerCase() === lower && !this.isExpired(pin, now)) return pin;
    }
    return undefined;
  }

  /** Marks a PIN as authorised by an account. Throws FakePlexError 404/1020 for unknown/expired PINs. */
  approvePin(opts: { pinId?: number; code?: string; accountId: number }): Pin {
    const account = accountById(opts.accountId);
    if (!account) throw new FakePlexError(400, 1001, `unknown account id ${opts.accountId}`);
    let pin: Pin | undefined;
    if (opts.pinId !== undefined) pin = this.pins.get(opts.pinId);
    else if (opts.code !== undefined) pin = this.findActivePinByCode(opts.code);
    if (!pin || this.isExpired(pin)) throw new FakePlexError(404, 1020, "Code not found or expired");
    pin.accountId = account.id;
    this.reissue(account);
    return pin;
  }

  expirePin(pinId: number): void {
    const pin = this.pins.get(pinId);
    if (!pin) throw new FakePlexError(404, 1020, "Code not found or expired");
    pin.expiresAt = Math.min(pin.expiresAt, Date.now() - 1);
  }

  /** Records a poll of a PIN and says whether it exceeds the rate limit (more than 2 per second). */
  pinPollRateLimited(pinId: string, now = Date.now()): boolean {
    const polls = (this.pinPolls.get(pinId) ?? []).filter((t) => now - t < PIN_POLL_WINDOW_MS);
    polls.push(now);
    this.pinPolls.set(pinId, polls);
    return polls.length > PIN_POLLS_PER_WINDOW;
  }

  signinThrottled(ip: string, limit: number, now = Date.now()): boolean {
    const fails = (this.signinFailures.get(ip) ?? []).filter((t) => now - t < SIGNIN_WINDOW_MS);
    this.signinFailures.set(ip, fails);
    return fails.length >= limit;
  }

  recordSigninFailure(ip: string, now = Date.now()): void {
    const fails = this.signinFailures.get(ip) ?? [];
    fails.push(now);
    this.signinFailures.set(ip, fails);
  }

  resetThrottles(): void {
    this.signinFailures.clear();
    this.pinPolls.clear();
  }
}

function randomCode(length: number, alphabet: string): string {
  const bytes = crypto.randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return out;
}

/** Whether a PMS token may see an item (section shared and the share's filter allows it). */
export function canSee(access: ServerAccess, item: LibraryItem): boolean {
  if (!access.share) return true;
  if (!access.share.sections.has(item.sectionKey)) return false;
  return shareFilterAllows(item.type === "show" ? access.share.television : access.share.movies, item);
}

export function canSeeSection(access: ServerAccess, sectionKey: string): boolean {
  return !access.share || access.share.sections.has(sectionKey);
}
