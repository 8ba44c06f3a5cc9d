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
