import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { countRows } from "../helpers/db-dump";
import { newContext, screenshotPath } from "../helpers/browser";
import { appAndBrowserForTests, type LaunchedBrowser } from "../helpers/e2e-suite";
import type { PlexApp } from "../helpers/plex-app";

/** Sign-in as a person does it: our button, Plex's (fake) page, back to Reelmatch. */
describe("sign in with Plex in Chromium", () => {
  let env: PlexApp;
  let browser: LaunchedBrowser;
  appAndBrowserForTests({ databaseKind: "sqlite", env: { DEMO: "true" } }, (started) => ({ env, browser } = started));

  async function signIn(page: Page, username: string) {
    await page.goto(env.app.url);
    await page.getByTestId("sign-in").click();
    await page.waitForURL(/\/signin/);
    await page.getByTestId("continue-with-plex").click();
    await page.waitForURL(new RegExp(`^${env.fake.plexTvUrl}/auth`));
    await page.getByTestId(`approve-${username}`).click();
    await page.waitForURL((url) => url.toString().startsWith(env.app.url) && !url.pathname.startsWith("/api/"));
  }

  it("the owner lands signed in with name and avatar from Plex (phone)", async () => {
    const context = await newContext(browser.browser, "phone");
    const page = await context.newPage();
    await page.goto(`${env.app.url}/signin`);
    await page.screenshot({ path: screenshotPath("signin-phone"), fullPage: true });
    await signIn(page, "olivia");
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.getByTestId("user-name").innerText()).toBe("Olivia");
    expect(await page.getByTestId("user-role").innerText()).toMatch(/Server owner/);
    const avatar = page.getByTestId("user-bar").locator("img").first();
    expect(await avatar.getAttribute("src")).toMatch(/\/users\/[0-9a-f]+\/avatar/);
    expect(await avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: screenshotPath("home-phone"), fullPage: true });
    // sign out, then the old session cookie gets 401
    const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token")!;
    await page.getByTestId("sign-out").click();
    await page.waitForURL(`${env.app.url}/`);
    await page.getByTestId("sign-in").waitFor();
    const res = await fetch(`${env.app.url}/api/me`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect(res.status).toBe(401);
    await context.close();
  });

  it("a friend with a share signs in as member; the admin page lists both (desktop)", async () => {
    const context = await newContext(browser.browser, "desktop");
    const page = await context.newPage();
    await signIn(page, "frank");
    expect(await page.getByTestId("user-role").innerText()).toMatch(/Member/);
    expect(await page.getByTestId("admin-link").count()).toBe(0);
    await page.screenshot({ path: screenshotPath("home-desktop") });
    await context.clearCookies();
    await signIn(page, "olivia");
    await page.getByTestId("admin-link").click();
    await page.waitForURL(/\/admin/);
    expect(await page.getByTestId("server-panel").innerText()).toContain("Reelmatch Demo Server");
    expect(await page.getByTestId("people").innerText()).toMatch(/Frank[\s\S]*Member/);
    await page.screenshot({ path: screenshotPath("admin-desktop"), fullPage: true });
    await context.close();
  });

  it("the stranger is refused with the no-access page and no session row exists", async () => {
    const before = await countRows(env.app.database, "Session");
    const context = await newContext(browser.browser, "phone");
    const page = await context.newPage();
    await signIn(page, "sam");
    expect(new URL(page.url()).pathname).toBe("/no-access");
    expect(await page.getByTestId("no-access").innerText()).toContain("Reelmatch Demo Server");
    await page.screenshot({ path: screenshotPath("no-access-phone"), fullPage: true });
    expect((await context.cookies()).some((c) => c.name.includes("session-token"))).toBe(false);
    expect(await countRows(env.app.database, "Session")).toBe(before);
    await context.close();
  });

  it("a failure shows its message on the sign-in page", async () => {
    const context = await newContext(browser.browser, "phone");
    const page = await context.newPage();
    await env.fake.setFault("plextv", { status: 503 });
    await page.goto(`${env.app.url}/signin`);
    await page.getByTestId("continue-with-plex").click();
    await page.waitForURL(/error=plextv_unreachable/);
    expect(await page.getByTestId("sign-in-error").innerText()).toMatch(/Plex\.tv cannot be reached right now/);
    await page.screenshot({ path: screenshotPath("signin-error-phone"), fullPage: true });
    await env.fake.clearFaults();
    await context.close();
  });
});
