import type { z } from "zod";
import { withBackoff, type BackoffOptions } from "./backoff";
import { plexRequest, type PlexIdentity } from "./http";
import {
  homeUsersSchema,
  pinSchema,
  plexUserSchema,
  readableResources,
  resourceListSchema,
  type HomeUser,
  type Pin,
  type PlexResource,
  type PlexUser,
} from "./schemas";

/** A typed plex.tv client (API v2). Knows nothing of our database or sessions. */
export interface PlexTvOptions {
  baseUrl: string;
  identity: PlexIdentity;
  timeoutMs: number;
  /** How 429s are retried (PLEX_TV_BACKOFF unless a test shortens it). */
  backoff?: BackoffOptions;
}

export function createPlexTvClient(opts: PlexTvOptions) {
  const call = <T>(path: string, schema: z.ZodType<T>, extra: { method?: "GET" | "POST" | "PUT" | "DELETE"; token?: string; query?: Record<string, string | number | undefined>; form?: Record<string, string | undefined> } = {}) =>
    withBackoff(() => plexRequest({ baseUrl: opts.baseUrl, identity: opts.identity, timeoutMs: opts.timeoutMs, service: "plex.tv", path: `/api/v2${path}`, schema, ...extra }), opts.backoff).then((r) => r.data);

  return {
    /** POST /pins?strong=true: a long PIN for Plex's auth page. */
    createPin: (): Promise<Pin> => call("/pins", pinSchema, { method: "POST", query: { strong: "true" } }),
    /** GET /pins/{id}: authToken is set once the user approved. */
    checkPin: (pinId: number): Promise<Pin> => call(`/pins/${pinId}`, pinSchema),
    /** The Plex auth app URL that approves `pin` and sends the browser to forwardUrl. */
    authAppUrl(appUrl: string, pin: Pin, forwardUrl: string): string {
      const params = new URLSearchParams({
        clientID: opts.identity.clientIdentifier,
        code: pin.code,
        "context[device][product]": opts.identity.product ?? "Reelmatch",
        "context[device][deviceName]": opts.identity.deviceName ?? "Reelmatch",
        "context[device][platform]": "Web",
        forwardUrl,
      });
      return `${appUrl.replace(/\/+$/, "")}/auth#?${params.toString()}`;
    },
    getUser: (token: string): Promise<PlexUser> => call("/user", plexUserSchema, { token }),
    /** The account's devices; one that Reelmatch cannot read is left out, not the whole list. */
    getResources: async (token: string): Promise<PlexResource[]> => readableResources(await call("/resources", resourceListSchema, { token, query: { includeHttps: 1, includeRelay: 1 } })),
    getHomeUsers: (token: string): Promise<HomeUser[]> => call("/home/users", homeUsersSchema, { token }).then((h) => h.users),
    /** Switches to a Plex Home profile; the answer carries that profile's own authToken. */
    switchHomeUser: (token: string, uuid: string, pin?: string): Promise<PlexUser> =>
      call(`/home/users/${encodeURIComponent(uuid)}/switch`, plexUserSchema, { method: "POST", token, query: { pin } }),
    /** Login and password sign-in (optional feature); 2FA via verificationCode. */
    signIn: (login: string, password: string, verificationCode?: string): Promise<PlexUser> =>
      call("/users/signin", plexUserSchema, { method: "POST", form: { login, password, verificationCode, rememberMe: "true" } }),
  };
}

export type PlexTvClient = ReturnType<typeof createPlexTvClient>;
