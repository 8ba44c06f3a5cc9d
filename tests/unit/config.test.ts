import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const tmp = () => mkdtempSync(path.join(tmpdir(), "reelmatch-config-"));

describe("parseConfig", () => {
  it("needs no configuration on a first start", () => {
    const dir = tmp();
    const config = parseConfig({ DATA_DIR: dir });
    expect(config.appUrl).toBe("http://localhost:3000");
    expect(config.port).toBe(3000);
    expect(config.databaseProvider).toBe("sqlite");
    expect(config.databaseUrl).toBe(`file:${path.join(dir, "reelmatch.db")}`);
    expect(config.plexTvUrl).toBe("https://plex.tv");
    expect(config.plexAppUrl).toBe("https://app.plex.tv");
    expect(config.plexDiscoverUrl).toBe("https://discover.provider.plex.tv");
    expect(config.passwordSignIn).toBe(false);
    expect(config.roomTtlDays).toBe(7);
    expect(config.secureCookies).toBe(false);
  });

  it("takes PLEX_DISCOVER_URL beside PLEX_TV_URL (the fakes' discover provider)", () => {
    expect(parseConfig({ DATA_DIR: tmp(), PLEX_DISCOVER_URL: "http://127.0.0.1:4010/" }).plexDiscoverUrl).toBe("http://127.0.0.1:4010");
  });

  it("generates SECRET once, keeps it in DATA_DIR with 0600 permissions, and reuses it", () => {
    const dir = tmp();
    const first = parseConfig({ DATA_DIR: dir }).secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, "secret");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(parseConfig({ DATA_DIR: dir }).secret).toBe(first);
  });

  it("picks PostgreSQL from DATABASE_URL and secure cookies from an https APP_URL", () => {
    const config = parseConfig({ DATA_DIR: tmp(), DATABASE_URL: "postgresql://u@db/reelmatch", APP_URL: "https://films.example.com/" });
    expect(config.databaseProvider).toBe("postgresql");
    expect(config.appUrl).toBe("https://films.example.com");
    expect(config.secureCookies).toBe(true);
  });

  it.each([
    ["PORT", "70000", /PORT must be a whole number from 1 to 65535 \(got "70000"\)/],
    ["PLEX_PASSWORD_SIGNIN", "maybe", /PLEX_PASSWORD_SIGNIN must be true or false/],
    ["PLEX_SERVER_ID", "not an id!", /PLEX_SERVER_ID must be the server's machine identifier/],
    ["APP_URL", "localhost:3000", /APP_URL must be the public http\(s\) URL/],
    ["PLEX_DISCOVER_URL", "discover.provider.plex.tv", /PLEX_DISCOVER_URL must be an http\(s\) URL such as https:\/\/discover\.provider\.plex\.tv/],
  ])("names %s when its value is wrong", (name, value, message) => {
    expect(() => parseConfig({ DATA_DIR: tmp(), [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ DATA_DIR: tmp(), [name]: value })).toThrow(message);
  });

  it("never repeats SECRET's value in a message", () => {
    expect(() => parseConfig({ DATA_DIR: tmp(), SECRET: "hunter2" })).toThrow(/SECRET must be at least 32 characters \(or unset, to generate one in DATA_DIR\)$/m);
    try {
      parseConfig({ DATA_DIR: tmp(), SECRET: "hunter2" });
    } catch (error) {
      expect((error as Error).message).not.toContain("hunter2");
    }
  });
});
