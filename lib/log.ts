import { createRequire } from "node:module";
import path from "node:path";
import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequestId } from "./request-context";

/**
 * The app's logger (pino): one JSON object per line in production, readable lines in development
 * (pino-pretty, a development dependency), the request id on every line written for a request.
 * It never writes a secret: values registered with `registerSecret` (Plex tokens, passwords, the
 * setup code's hash) and anything that looks like a token, password, cookie, Home PIN or sign-in
 * PIN in a URL, header, cookie or JSON field are replaced by [redacted] in the finished line, at
 * every level.
 */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type LogFormat = "json" | "pretty";

/**
 * Shared through globalThis: Next bundles this module separately for instrumentation and for each
 * route, so a module-level variable would not see the logger start-up configured.
 */
const shared = globalThis as unknown as { reelmatchLog?: { secrets: Set<string>; logger?: Logger; notices?: Logger } };
const state = (shared.reelmatchLog ??= { secrets: new Set<string>() });
const secrets = state.secrets;

/** Never write this value to a log again (tokens are registered as soon as we see them). */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

// A quote may arrive escaped (\") when the text sits inside a JSON string: values stop before it.
const Q = '(?:\\\\?")?';
const PATTERNS: [RegExp, string][] = [
  [new RegExp(`(X-Plex-Token${Q}[=:]\\s*${Q})[^&\\s"',}\\\\]+`, "gi"), "$1[redacted]"],
  // Any *token (authToken, session-token, ...), passwords, codes that stand for a sign-in.
  [new RegExp(`(${Q}(?:[\\w.-]*token|password|verificationCode|secret)${Q}\\s*[:=]\\s*${Q})[^&\\s"',};\\\\]+`, "gi"), "$1[redacted]"],
  // The Home PIN, however it is sent (?pin=1234, {"pin":"1234"}).
  [new RegExp(`(\\bpin${Q}\\s*[:=]\\s*${Q})[^&\\s"',}\\\\]+`, "gi"), "$1[redacted]"],
  // A plex.tv sign-in PIN's id lets its holder collect the token once approved.
  [/(\/pins\/)[^/?\s"'\\]+/gi, "$1[redacted]"],
  [/(\bBearer\s+)[^\s"',}\\]+/gi, "$1[redacted]"],
];

/** The text with every registered secret and token-shaped value removed. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join("[redacted]");
  for (const [re, to] of PATTERNS) out = out.replace(re, to);
  return out;
}

/** Errors become { name, message }: a stack trace names files, never what a person can act on. */
function plainFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
  return out;
}

/**
 * pino-pretty, when it is installed (a development dependency: a production install without it
 * writes JSON). Resolved from the app's folder at run time, out of the bundler's sight.
 */
function prettyStream(): DestinationStream | undefined {
  try {
    const load = createRequire(path.join(process.cwd(), "package.json"));
    const pretty = load("pino-pretty") as (options: Record<string, unknown>) => DestinationStream;
    return pretty({ sync: true, colorize: process.stdout.isTTY === true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined;
  }
}

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Where lines go (standard output unless a test captures them). */
  destination?: DestinationStream;
}

/** A pino logger with the app's redaction, level names, ISO times and request ids. */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.format === "pretty" && !options.destination ? prettyStream() : undefined;
  const destination = options.destination ?? pretty ?? pino.destination({ dest: 1, sync: true });
  const logger = pino(
    {
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: plainFields },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      // Known places first; the finished line is then scrubbed whole (hooks.streamWrite).
      redact: { paths: ["cookie", "*.cookie", "authorization", "*.authorization", "password", "*.password"], censor: "[redacted]" },
      hooks: { streamWrite: redact },
    },
    destination,
  );
  if (options.format === "pretty" && !pretty && !options.destination) {
    logger.warn("LOG_FORMAT=pretty needs pino-pretty (a development dependency): writing JSON instead");
  }
  return logger;
}

const defaultFormat = (): LogFormat => (process.env.NODE_ENV === "development" ? "pretty" : "json");

function current(): Logger {
  return (state.logger ??= createLogger({ level: "info", format: defaultFormat() }));
}

/**
 * Sets up logging from the validated configuration (at start-up). Notices get a logger of their
 * own at level info, so that LOG_LEVEL never hides them.
 */
export function configureLogging(options: LoggerOptions): void {
  state.logger = createLogger(options);
  state.notices = state.logger.child({}, { level: "info" });
}

/** Sets the lowest level written by the current logger (tests; start-up calls configureLogging). */
export function setLogLevel(level: LogLevel): void {
  current().level = level;
}

type Fields = Record<string, unknown>;
const write = (logger: Logger, level: "debug" | "info" | "warn" | "error", message: string, fields?: Fields) => logger[level](fields ?? {}, message);

export const log = {
  debug: (message: string, fields?: Fields) => write(current(), "debug", message, fields),
  info: (message: string, fields?: Fields) => write(current(), "info", message, fields),
  warn: (message: string, fields?: Fields) => write(current(), "warn", message, fields),
  error: (message: string, fields?: Fields) => write(current(), "error", message, fields),
  /**
   * Written whatever LOG_LEVEL says (even "silent"): what the person running the server must see,
   * such as the first-run setup code, who claimed the server, and a change of server.
   */
  notice: (message: string, fields?: Fields) => write((state.notices ??= current().child({}, { level: "info" })), "info", message, fields),
};
