import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseBasePath } from "../scripts/lib/base-path.cjs";
import { parseTrustProxy, type TrustProxy } from "./api/trust-proxy";

/**
 * The one module that reads process.env. Every setting is validated with zod once; a wrong value
 * stops start-up with a message naming the variable and what it expects (see instrumentation.ts).
 */

const booleanFlag = (name: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return false;
      const v = value.trim().toLowerCase();
      if (["1", "true", "yes", "on"].includes(v)) return true;
      if (["0", "false", "no", "off"].includes(v)) return false;
      ctx.addIssue({ code: "custom", message: `${name} must be true or false` });
      return z.NEVER;
    });

const httpUrl = (name: string, fallback: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const raw = (value ?? "").trim() || fallback;
      try {
        const url = new URL(raw);
        if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("protocol");
        return url.origin + url.pathname.replace(/\/+$/, "");
      } catch {
        ctx.addIssue({ code: "custom", message: `${name} must be an http(s) URL such as ${fallback}` });
        return z.NEVER;
      }
    });

/** An optional http(s) base URL: unset or empty is undefined. */
const optionalHttpUrl = (name: string, example: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value?.trim()) return undefined;
      const parsed = httpUrl(name, example).safeParse(value);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message: `${name} must be an http(s) URL such as ${example}` });
      return z.NEVER;
    });

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const n = Number(value.trim());
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** A variable read by a parser that throws an Error saying what is wrong with the value. */
const parsedBy = <T>(parse: (value: string | undefined) => T) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parse(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    });

const envSchema = z.object({
  PORT: wholeNumber("PORT", 1, 65535, 3000),
  HOST: z.string().trim().min(1).optional().default("0.0.0.0"),
  APP_URL: z.string().optional(),
  BASE_PATH: parsedBy(parseBasePath),
  DATA_DIR: z.string().trim().optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^(file:|postgres(ql)?:\/\/)/.test(v), {
      message: "DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)",
    }),
  SECRET: z
    .string()
    .optional()
    .refine((v) => !v || v.length >= 32, {
      message: "SECRET must be at least 32 characters (or unset, to generate one in DATA_DIR)",
    }),
  PLEX_TV_URL: httpUrl("PLEX_TV_URL", "https://plex.tv"),
  PLEX_APP_URL: httpUrl("PLEX_APP_URL", "https://app.plex.tv"),
  PLEX_DISCOVER_URL: httpUrl("PLEX_DISCOVER_URL", "https://discover.provider.plex.tv"),
  PLEX_SERVER_ID: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^[A-Za-z0-9-]{8,64}$/.test(v), {
      message: "PLEX_SERVER_ID must be the server's machine identifier (letters, digits and dashes)",
    }),
  PLEX_SERVER_URL: optionalHttpUrl("PLEX_SERVER_URL", "http://192.168.1.20:32400"),
  PLEX_PASSWORD_SIGNIN: booleanFlag("PLEX_PASSWORD_SIGNIN"),
  PLEX_TIMEOUT_MS: wholeNumber("PLEX_TIMEOUT_MS", 100, 120_000, 10_000),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => (v ?? "info").trim().toLowerCase())
    .pipe(z.enum(["debug", "info", "warn", "error", "silent"], {
      message: "LOG_LEVEL must be one of debug, info, warn, error, silent",
    })),
  LOG_FORMAT: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().toLowerCase())
    .pipe(z.enum(["", "json", "pretty"], { message: "LOG_FORMAT must be json or pretty" })),
  NODE_ENV: z.string().optional(),
  ROOM_TTL_DAYS: wholeNumber("ROOM_TTL_DAYS", 1, 3650, 7),
  DEMO: booleanFlag("DEMO"),
  TRUST_PROXY: parsedBy(parseTrustProxy),
});

export interface Config {
  port: number;
  host: string;
  /** The public address people open, with the sub-path (no trailing "/"): https://example.com/reelmatch. */
  appUrl: string;
  /** The sub-path the app is served under (BASE_PATH): "" at the root, else such as "/reelmatch". */
  basePath: string;
  secureCookies: boolean;
  dataDir: string;
  databaseUrl: string;
  databaseProvider: "sqlite" | "postgresql";
  secret: string;
  plexTvUrl: string;
  plexAppUrl: string;
  /** Plex's discover provider (watchlists). */
  plexDiscoverUrl: string;
  plexServerId: string | undefined;
  /** The Plex server's address as seen from where Reelmatch runs, tried before those plex.tv advertises. */
  plexServerUrl: string | undefined;
  passwordSignIn: boolean;
  plexTimeoutMs: number;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** JSON lines, or readable ones (the default in development). */
  logFormat: "json" | "pretty";
  roomTtlDays: number;
  demo: boolean;
  /** Which proxies in front may name the client in X-Forwarded-For (TRUST_PROXY). */
  trustProxy: TrustProxy;
}

/** Thrown when the environment holds a value the app cannot start with. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Reelmatch cannot start: the configuration is wrong.\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        "Fix these variables in the environment (or .env) and start again. The README lists every variable.",
    );
    this.name = "ConfigError";
  }
}

/** Reads SECRET, or the one generated at first start and kept in DATA_DIR (0600). */
function resolveSecret(dataDir: string, given: string | undefined): string {
  if (given) return given;
  const file = path.join(dataDir, "secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/**
 * APP_URL with the sub-path: APP_URL may name it (https://example.com/reelmatch) or leave it out
 * (https://example.com); a different path is a mistake to point out.
 */
function withSubPath(appUrl: string, basePath: string): string {
  const { origin, pathname } = new URL(appUrl);
  const given = pathname.replace(/\/+$/, "");
  if (given === "" || given === basePath) return origin + basePath;
  throw new ConfigError([
    basePath
      ? `APP_URL ends in ${given} but BASE_PATH is ${basePath}: give APP_URL as ${origin}${basePath} (or ${origin})`
      : `APP_URL ends in ${given}: to serve Reelmatch under that sub-path set BASE_PATH=${given} too`,
  ]);
}

/** Validates an environment and builds the configuration; throws ConfigError on a wrong value. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "configuration");
        const value = env[name];
        const shown = name === "SECRET" || value === undefined ? "" : ` (got ${JSON.stringify(value)})`;
        return issue.message.startsWith(name) ? `${issue.message}${shown}` : `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const e = result.data;
  const appUrlResult = httpUrl("APP_URL", `http://localhost:${e.PORT}`).safeParse(e.APP_URL);
  if (!appUrlResult.success) {
    throw new ConfigError([`APP_URL must be the public http(s) URL people open, such as http://192.168.1.10:${e.PORT} (got ${JSON.stringify(e.APP_URL)})`]);
  }
  const appUrl = withSubPath(appUrlResult.data, e.BASE_PATH);
  const dataDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), e.DATA_DIR || "./data");
  const databaseUrl = e.DATABASE_URL || `file:${path.join(dataDir, "reelmatch.db")}`;
  return {
    port: e.PORT,
    host: e.HOST,
    appUrl,
    basePath: e.BASE_PATH,
    secureCookies: appUrl.startsWith("https:"),
    dataDir,
    databaseUrl,
    databaseProvider: databaseUrl.startsWith("file:") ? "sqlite" : "postgresql",
    secret: resolveSecret(dataDir, e.SECRET),
    plexTvUrl: e.PLEX_TV_URL,
    plexAppUrl: e.PLEX_APP_URL,
    plexDiscoverUrl: e.PLEX_DISCOVER_URL,
    plexServerId: e.PLEX_SERVER_ID || undefined,
    plexServerUrl: e.PLEX_SERVER_URL,
    passwordSignIn: e.PLEX_PASSWORD_SIGNIN,
    plexTimeoutMs: e.PLEX_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT || (e.NODE_ENV === "development" ? "pretty" : "json"),
    roomTtlDays: e.ROOM_TTL_DAYS,
    demo: e.DEMO,
    trustProxy: e.TRUST_PROXY,
  };
}

let cached: Config | undefined;

/** The validated configuration of this process (read once). */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
