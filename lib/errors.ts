/**
 * The one error type of the domain. lib/ code throws AppError with a code; lib/api/respond.ts maps
 * it to HTTP in one place. Messages are written for the person who sees them: say what to do.
 */
export type ErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "plex_unreachable"
  | "plex_refused"
  | "database_unavailable"
  | "internal";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  plex_unreachable: 502,
  plex_refused: 502,
  database_unavailable: 503,
  internal: 500,
};

/**
 * What the message says, as a key of the "ApiErrors" message catalogue with its values, so the
 * answer can say it in the reader's language (lib/i18n/api-errors.ts). `waitSeconds` becomes the
 * `{wait}` value, written out in that language ("30 Sekunden").
 */
export interface Saying {
  key: string;
  values?: Record<string, string | number>;
  waitSeconds?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Seconds after which a retry makes sense (rate limits). */
  readonly retryAfter?: number;
  readonly details?: Record<string, unknown>;
  /** The catalogue message the (English) `message` was written from, when there is one. */
  readonly saying?: Saying;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; retryAfter?: number; details?: Record<string, unknown>; saying?: Saying } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryAfter = options.retryAfter;
    this.details = options.details;
    this.saying = options.saying;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export const notFound = (what = "This") => new AppError("not_found", `${what} was not found.`);
