/**
 * What went wrong talking to plex.tv or a Plex Media Server, in terms the caller can act on.
 * "unreachable" covers network errors, timeouts and 5xx: never proof that a token is bad.
 */
export type PlexErrorKind = "unreachable" | "unauthorized" | "not_found" | "rate_limited" | "refused" | "invalid_response";

export class PlexError extends Error {
  constructor(
    readonly kind: PlexErrorKind,
    message: string,
    readonly info: { status?: number; plexCode?: number; url?: string; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = "PlexError";
  }
}
