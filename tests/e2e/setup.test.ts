import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser, newContext } from "../helpers/browser";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { setupCodeIn } from "../helpers/setup";

/** First-run setup in Chromium, with a friend and a stranger who signed in before it was done. */
describe("first-run setup in Chromium", () => {
  let env: PlexApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    env = await startAppWithPlex({ databaseKind: "sqlite", unconfigured: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await env?.stop();
  });

  async function signedIn(username: string): Promise<Page> {
    const context = await newContext(browser.browser, "phone");
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${env.app.url}/signin`);
    await page.getByTestId("continue-with-plex").click();
    await page.waitForURL(new RegExp(`^${env.fake.plexTvUrl}/auth`));
    await page.getByTestId(`approve-${username}`).click();
    await page.waitForURL((url) => url.toString().startsWith(env.app.url) && !url.pathname.startsWith("/api/"));
    return page;
  }

  /** Opens the home page; a redirect loop fails page.goto with ERR_TOO_MANY_REDIRECTS. */
  async function openHome(page: Page): Promise<string> {
    await page.goto(`${env.app.url}/`);
    return new URL(page.url()).pathname;
  }

  it("after the owner claims the server, the friend reaches home as a member and the stranger the no-access page", async () => {
    const friend = await signedIn("frank");
    const stranger = await signedIn("sam");
    expect(new URL(friend.url()).pathname).toBe("/setup");

    const owner = await signedIn("olivia");
    expect(new URL(owner.url()).pathname).toBe("/setup");
    await owner.getByTestId("setup-code").fill(setupCodeIn(env.app.output())!);
    await owner.getByRole("button", { name: "Continue" }).click();
    await owner.getByTestId("owned-servers").getByRole("button").first().click();
    await owner.waitForURL(`${env.app.url}/`);
    expect(await owner.getByTestId("user-role").innerText()).toMatch(/Server owner/);

    expect(await openHome(friend)).toBe("/");
    expect(await friend.getByTestId("user-role").innerText()).toMatch(/Member/);
    expect(await openHome(stranger)).toBe("/no-access");

    const friendAgain = await signedIn("frank");
    expect(await openHome(friendAgain)).toBe("/");
    expect(await friendAgain.getByTestId("user-role").innerText()).toMatch(/Member/);
    const strangerAgain = await signedIn("sam");
    expect(new URL(strangerAgain.url()).pathname).toBe("/no-access");
    expect(await openHome(strangerAgain)).toBe("/");
    await strangerAgain.getByTestId("sign-in").waitFor();
  });
});
