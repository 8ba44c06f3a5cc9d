import { describe, expect, it } from "vitest";
import { appRedirect, nextAuthCookies } from "@/lib/auth/nextauth-cookies";
import { parseConfig } from "@/lib/config";

const secret = { SECRET: "s".repeat(40) };

describe("BASE_PATH and APP_URL", () => {
  it("APP_URL carries the sub-path, whether or not it names it", () => {
    expect(parseConfig({ ...secret, BASE_PATH: "/reelmatch", APP_URL: "https://films.example.com" }).appUrl).toBe("https://films.example.com/reelmatch");
    expect(parseConfig({ ...secret, BASE_PATH: "/reelmatch/", APP_URL: "https://films.example.com/reelmatch/" })).toMatchObject({ appUrl: "https://films.example.com/reelmatch", basePath: "/reelmatch" });
    expect(parseConfig({ ...secret, BASE_PATH: "/apps/reel-match_2" }).appUrl).toBe("http://localhost:3000/apps/reel-match_2");
    expect(parseConfig({ ...secret, BASE_PATH: "/" })).toMatchObject({ basePath: "", appUrl: "http://localhost:3000" });
  });

  it("a sub-path that cannot be one, or an APP_URL with another path, stops start-up with what to write", () => {
    expect(() => parseConfig({ ...secret, BASE_PATH: "reelmatch" })).toThrow(/BASE_PATH must be a path such as \/reelmatch/);
    expect(() => parseConfig({ ...secret, BASE_PATH: "/reel match" })).toThrow(/BASE_PATH must be a path/);
    expect(() => parseConfig({ ...secret, BASE_PATH: "/a/../b" })).toThrow(/BASE_PATH must be a path/);
    expect(() => parseConfig({ ...secret, BASE_PATH: "/reelmatch", APP_URL: "https://films.example.com/films" })).toThrow(/give APP_URL as https:\/\/films\.example\.com\/reelmatch/);
    expect(() => parseConfig({ ...secret, APP_URL: "https://films.example.com/films" })).toThrow(/set BASE_PATH=\/films too/);
  });
});

describe("NextAuth under a sub-path", () => {
  it("its cookies are scoped to the path; the CSRF cookie drops __Host- (which demands Path=/) there", () => {
    const at = nextAuthCookies({ secure: true, path: "/reelmatch" });
    for (const cookie of Object.values(at)) expect(cookie.options).toMatchObject({ path: "/reelmatch", secure: true, httpOnly: true });
    expect(at.csrfToken.name).toBe("__Secure-next-auth.csrf-token");
    expect(at.sessionToken.name).toBe("__Secure-next-auth.session-token");
    expect(nextAuthCookies({ secure: true, path: "/" }).csrfToken.name).toBe("__Host-next-auth.csrf-token");
    expect(nextAuthCookies({ secure: false, path: "/" }).sessionToken.name).toBe("next-auth.session-token");
  });

  it("sends the browser only to addresses of the app, under its path", () => {
    const app = "https://films.example.com/reelmatch";
    expect(appRedirect("/", app)).toBe("https://films.example.com/reelmatch/");
    expect(appRedirect("/admin", app)).toBe("https://films.example.com/reelmatch/admin");
    expect(appRedirect("https://films.example.com/reelmatch/r/ABCD2345", app)).toBe("https://films.example.com/reelmatch/r/ABCD2345");
    expect(appRedirect("https://films.example.com/other-app", app)).toBe("https://films.example.com/reelmatch/");
    expect(appRedirect("https://films.example.com/reelmatchx", app)).toBe("https://films.example.com/reelmatch/");
    expect(appRedirect("//evil.example", app)).toBe("https://films.example.com/reelmatch/");
    expect(appRedirect("https://evil.example/reelmatch", app)).toBe("https://films.example.com/reelmatch/");
    expect(appRedirect("https://films.example.com/", "https://films.example.com")).toBe("https://films.example.com/");
  });
});
