import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "@/lib/api/trust-proxy";
import { createLogger, redact, registerSecret, type LogLevel } from "@/lib/log";
import { requestContext, requestIdFor } from "@/lib/request-context";

describe("redact", () => {
  it("removes registered secrets wherever they appear", () => {
    registerSecret("abcdefTOKEN123");
    expect(redact("token abcdefTOKEN123 in text, again abcdefTOKEN123")).toBe("token [redacted] in text, again [redacted]");
  });
  it("removes token-shaped values in URLs, headers and JSON", () => {
    expect(redact("GET /library?X-Plex-Token=zzz999&x=1")).toBe("GET /library?X-Plex-Token=[redacted]&x=1");
    expect(redact('{"authToken":"q1w2e3r4"}')).toBe('{"authToken":"[redacted]"}');
    expect(redact("password=secret123&login=a")).toBe("password=[redacted]&login=a");
  });
  it("removes Home PINs, sign-in PIN ids, session cookies and bearer tokens", () => {
    expect(redact("POST /api/v2/home/users/abc-1/switch?pin=4821 -> 201")).toBe("POST /api/v2/home/users/abc-1/switch?pin=[redacted] -> 201");
    expect(redact('{"uuid":"abc","pin":"4821"}')).toBe('{"uuid":"abc","pin":"[redacted]"}');
    expect(redact("GET /api/v2/pins/98765 -> 200")).toBe("GET /api/v2/pins/[redacted] -> 200");
    expect(redact("cookie: next-auth.session-token=s3ss10n; other=1")).toBe("cookie: next-auth.session-token=[redacted]; other=1");
    expect(redact('{"serverToken":"zz9","accessToken":"yy8"}')).toBe('{"serverToken":"[redacted]","accessToken":"[redacted]"}');
    expect(redact("Authorization: Bearer abc.def")).toBe("Authorization: Bearer [redacted]");
    // words that merely contain "pin" are left alone
    expect(redact("spinning: 3, mapping=4")).toBe("spinning: 3, mapping=4");
  });
});

/** A logger at debug level whose lines land in an array (parsed JSON). */
function capture(level: LogLevel = "debug") {
  const lines: string[] = [];
  const logger = createLogger({ level, format: "json", destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("the pino logger", () => {
  it("writes one JSON object per line with the level's name, an ISO time and the message", () => {
    const { logger, parsed } = capture();
    logger.info({ rooms: 2 }, "hello");
    const [line] = parsed();
    expect(line).toMatchObject({ level: "info", msg: "hello", rooms: 2 });
    expect(String(line?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("redacts tokens, PINs, cookies and passwords at debug level, in messages and in fields", () => {
    registerSecret("Hg7FGK9xVGdWZRa_sj76");
    const { logger, lines } = capture("debug");
    logger.debug({ url: "/library/sections?X-Plex-Token=zzz999", headers: { cookie: "next-auth.session-token=s3ss10n", authorization: "Bearer abc.def" } }, "GET with token Hg7FGK9xVGdWZRa_sj76");
    logger.debug({ body: '{"pin":"4821","password":"hunter22"}' }, 'switch password="hunter22" pin=4821');
    logger.debug({ form: { login: "olivia", password: "hunter22", verificationCode: "123456" } }, "POST /api/v2/pins/98765");
    logger.debug({ error: new Error('bad {"authToken":"q1w2e3r4"}') }, "failed");
    const text = lines.join("");
    for (const secret of ["Hg7FGK9xVGdWZRa_sj76", "zzz999", "s3ss10n", "abc.def", "4821", "hunter22", "123456", "98765", "q1w2e3r4"]) {
      expect(text).not.toContain(secret);
    }
    expect(lines).toHaveLength(4);
    expect(text).toContain("[redacted]");
    expect(text).toContain("olivia");
  });

  it("writes Error fields as name and message, never a stack trace", () => {
    const { logger, parsed } = capture();
    logger.warn({ error: new TypeError("boom") }, "failed");
    expect(parsed()[0]?.error).toEqual({ name: "TypeError", message: "boom" });
  });

  it("stamps every line written inside a request with that request's id", async () => {
    const { logger, parsed } = capture();
    await requestContext.run({ id: "req-123" }, async () => {
      logger.info("first");
      await new Promise((r) => setTimeout(r, 1));
      logger.info("after a wait");
    });
    logger.info("outside");
    expect(parsed().map((l) => l.reqId)).toEqual(["req-123", "req-123", undefined]);
  });

  it("keeps notices above LOG_LEVEL=silent", () => {
    const { logger, parsed } = capture("silent");
    logger.info("hidden");
    logger.child({}, { level: "info" }).info("setup code: ABCD");
    expect(parsed().map((l) => l.msg)).toEqual(["setup code: ABCD"]);
  });
});

describe("request ids", () => {
  const trustOne = parseTrustProxy("1");
  const trustNone = parseTrustProxy(undefined);
  it("keeps a trusted proxy's X-Request-Id and ignores a client's", () => {
    expect(requestIdFor({ offered: "abc-123", socketAddress: "10.0.0.2", trust: trustOne })).toBe("abc-123");
    expect(requestIdFor({ offered: "abc-123", socketAddress: "10.0.0.2", trust: trustNone })).not.toBe("abc-123");
    expect(requestIdFor({ offered: "abc-123", socketAddress: "10.0.0.9", trust: parseTrustProxy("10.0.0.2") })).not.toBe("abc-123");
  });
  it("replaces an offered id that could corrupt a log line", () => {
    expect(requestIdFor({ offered: 'x" injected', socketAddress: "10.0.0.2", trust: trustOne })).toMatch(/^[0-9a-f-]{36}$/);
  });
});
