import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, screenshotPath, waitForImages } from "../helpers/browser";
import { startBalancer, type Balancer } from "../helpers/balancer";
import { freePort } from "../helpers/ports";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";

/**
 * The production build served at /reelmatch (BASE_PATH set when the server starts) behind nginx,
 * in Chromium: sign-in with Plex, a room, a match on both screens, sign-out. Every request the
 * pages make stays under /reelmatch (fetch, event streams, posters, assets, NextAuth's own calls).
 */
describe("at a sub-path behind nginx, in Chromium", () => {
  let env: PlexApp;
  let nginx: Balancer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let url: string;
  const outside: string[] = [];
  const failed: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/reelmatch`;
    env = await startAppWithPlex({ databaseKind: "sqlite", fake: { films: 60 }, env: { BASE_PATH: "/reelmatch", APP_URL: url, TRUST_PROXY: "1" } });
    nginx = await startBalancer({ port, upstreams: [env.app.port] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
    await env?.stop();
  });

  function watch(page: Page) {
    page.on("request", (request) => {
      const u = new URL(request.url());
      if (u.origin === new URL(url).origin && !u.pathname.startsWith("/reelmatch")) outside.push(u.pathname);
    });
    page.on("response", (response) => {
      // A poster Plex was too slow to send is 502 on a busy machine; a wrong path would be 404.
      const slowPlex = response.status() === 502 && response.url().includes("/reelmatch/api/posters/");
      if (response.status() >= 400 && !slowPlex) failed.push(`${response.status()} ${response.url()}`);
    });
    page.on("pageerror", (e) => failed.push(e.message));
  }

  it("sign-in, a room, a match on both screens and sign-out stay under /reelmatch", async () => {
    const hostContext = await newContext(browser.browser, "phone");
    const host = await hostContext.newPage();
    watch(host);
    await host.goto(`${url}/`);
    await host.getByTestId("sign-in").click();
    await host.waitForURL(`${url}/signin`);
    await host.getByTestId("continue-with-plex").click();
    await host.waitForURL(new RegExp(`^${env.fake.plexTvUrl}/auth`));
    await host.getByTestId("approve-olivia").click();
    await host.waitForURL(url);
    expect(await host.getByTestId("user-name").innerText()).toBe("Olivia");

    await host.getByTestId("create-room").click();
    await host.waitForURL(`${url}/rooms/new`);
    await host.getByTestId("create-room-submit").click();
    await host.waitForURL(new RegExp(`^${url}/r/[A-Z2-9]{8}$`));
    const joinUrl = host.url();
    await host.getByTestId("swipe-card").waitFor();

    const guestContext = await newContext(browser.browser, "desktop");
    const guest = await guestContext.newPage();
    watch(guest);
    await guest.goto(joinUrl);
    await guest.locator('input[name="name"]').fill("Gus");
    await guest.getByTestId("join-room-submit").click();
    await guest.getByTestId("swipe-card").waitFor();
    await expect.poll(() => host.getByText("2 people").count()).toBe(1);

    await host.keyboard.press("ArrowRight");
    await guest.keyboard.press("ArrowRight");
    for (const page of [host, guest]) await page.getByTestId("match-overlay").waitFor({ timeout: 15_000 });
    await waitForImages(host);
    await host.screenshot({ path: screenshotPath("sub-path-match-phone") });
    const poster = await host.getByTestId("match-overlay").locator("img").first().getAttribute("src");
    if (poster) expect(poster.startsWith("/reelmatch/api/posters/")).toBe(true);

    await host.goto(`${url}/`);
    await host.getByTestId("sign-out").click();
    await host.getByTestId("sign-in").waitFor();
    expect(host.url()).toBe(url);

    expect(outside, "requests outside /reelmatch").toEqual([]);
    expect(failed, "failed requests or page errors").toEqual([]);
    await hostContext.close();
    await guestContext.close();
  });
});
