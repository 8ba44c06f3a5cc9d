/**
 * A small leveled logger that never writes a secret: values registered with `registerSecret`
 * (Plex tokens, passwords, the setup code's hash) and anything that looks like a token, password,
 * Home PIN or sign-in PIN in a URL, header, cookie or JSON field are replaced by [redacted] before
 * a line is written, at every level.
 */
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * Shared through globalThis: Next bundles this module separately for instrumentation and for each
 * route, so a module-level variable would not see the level start-up applied.
 */
const shared = globalThis as unknown as { reelmatchLog?: { secrets: Set<string>; threshold: number } };
const state = (shared.reelmatchLog ??= { secrets: new Set<string>(), threshold: ORDER.info });
const secrets = state.secrets;

/** Sets the lowest level written (from the validated configuration, at start-up). */
export function setLogLevel(level: Level | "silent"): void {
  state.threshold = ORDER[level];
}

/** Never write this value to a log again (tokens are registered as soon as we see them). */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

const PATTERNS: [RegExp, string][] = [
  [/(X-Plex-Token[=:]\s*"?)[^&\s"',}]+/gi, "$1[redacted]"],
  // Any *token (authToken, session-token, ...), passwords, codes that stand for a sign-in.
  [/("?(?:[\w.-]*token|password|verificationCode|secret)"?\s*[:=]\s*"?)[^&\s"',};]+/gi, "$1[redacted]"],
  // The Home PIN, however it is sent (?pin=1234, {"pin":"1234"}).
  [/(\bpin"?\s*[:=]\s*"?)[^&\s"',}]+/gi, "$1[redacted]"],
  // A plex.tv sign-in PIN's id lets its holder collect the token once approved.
  [/(\/pins\/)[^/?\s"']+/gi, "$1[redacted]"],
  [/(\bBearer\s+)[^\s"',}]+/gi, "$1[redacted]"],
];

/** The text with every registered secret and token-shaped value removed. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join("[redacted]");
  for (const [re, to] of PATTERNS) out = out.replace(re, to);
  return out;
}

function write(level: Level, message: string, fields?: Record<string, unknown>, always = false): void {
  if (!always && ORDER[level] < state.threshold) return;
  let line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
  if (fields && Object.keys(fields).length) {
    line += " " + JSON.stringify(fields, (_k, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message } : v));
  }
  const safe = redact(line);
  if (level === "error" || level === "warn") process.stderr.write(safe + "\n");
  else process.stdout.write(safe + "\n");
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
  /**
   * Written whatever LOG_LEVEL says (even "silent"): what the person running the server must see,
   * such as the first-run setup code, who claimed the server, and a change of server.
   */
  notice: (message: string, fields?: Record<string, unknown>) => write("info", message, fields, true),
};
