import { describe, expect, it } from "vitest";
import { redact, registerSecret } from "@/lib/log";

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
});
