import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRECACHE_PREFIX } from "@/lib/pwa/worker-location";
import { CHROMIUM_LAUNCH, DESKTOP, PHONE, launchBrowser, newContext, recordCspViolations, screenshotPath, waitForImages } from "../helpers/browser";
import { querySql } from "../helpers/db-dump";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { freePort } from "../helpers/ports";
import { signInAs } from "../helpers/sign-in";
import { startStallingProxy, type StallingProxy } from "../helpers/stalling-proxy";
import { Client, createRoom, deck, joinAsGuest } from "../integration/rooms-support";

// The browser reaches the app through a TCP proxy (APP_URL is the proxy's address) that can leave
// an event stream open but silent, as a phone's connection is after it slept.
let env: PlexApp;
let proxy: StallingProxy;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  const appPort = await freePort();
  proxy = await startStallingProxy(appPort);
  env = await startAppWithPlex({ port: appPort, fake: { films: 80 }, env: { APP_URL: proxy.url } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await env?.stop();
  await proxy?.close();
});

async function signedIn(context: BrowserContext): Promise<Client> {
  const cookies = await signInAs(proxy.url, env.fake, "olivia");
  await context.addCookies(
    cookies.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: proxy.url };
    }),
  );
  return new Client(proxy.url, cookies);
}

/**
 * Waits until the service worker controls the page: it must first precache the app shell (every
 * static file, through the proxy), which took over 30 s once on a CI machine busy with other
 * suites. A timeout says which state the worker was in.
 */
async function workerControls(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 90_000 });
  } catch (error) {
    const state = await page
      .evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return r ? `installing: ${r.installing?.state ?? "-"}, waiting: ${r.waiting?.state ?? "-"}, active: ${r.active?.state ?? "-"}` : "not registered";
      })
      .catch((e: unknown) => `unreadable (${String(e)})`);
    throw new Error(`the service worker did not take control of the page (${state})`, { cause: error });
  }
}

async function progressOf(page: Page): Promise<number> {
  return Number((await page.getByTestId("progress").innerText()).split(" of ")[0]);
}

async function swipesOfRoom(code: string): Promise<{ ratingKey: string; liked: boolean; position: number }[]> {
  const rows = await querySql(env.app.database, `SELECT s."ratingKey", s."liked", s."position" FROM "Swipe" s JOIN "Room" r ON r."id" = s."roomId" WHERE r."code" = '${code}' ORDER BY s."position"`);
  return rows.map((r) => ({ ratingKey: String(r.ratingKey), liked: r.liked === true || r.liked === 1, position: Number(r.position) }));
}

async function setVisibility(page: Page, state: "hidden" | "visible"): Promise<void> {
  await page.evaluate((s) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => s });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => s === "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);
}

describe("installable app", () => {
  it("has no installability errors, the worker controls the page and caches only the public app shell", async () => {
    // Installability is not checked in off-the-record contexts: a profile on disk.
    const profile = await mkdtemp(path.join(os.tmpdir(), "reelmatch-pwa-"));
    const context = await chromium.launchPersistentContext(profile, { ...CHROMIUM_LAUNCH, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    try {
      await recordCspViolations(context);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${proxy.url}/`);
      await workerControls(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      expect(installabilityErrors).toEqual([]);
      const manifest = await cdp.send("Page.getAppManifest");
      expect(manifest.errors).toEqual([]);

      // Only the public app shell is cached: no API answer, no room, no personal page.
      const cached = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        return urls;
      });
      expect(cached).toContain("/offline");
      expect(cached).toContain("/icons/icon-maskable-512.png");
      expect(cached.filter((u) => !/^\/(_next\/static\/|offline$|icons\/|icon\.svg$|apple-touch-icon\.png$|manifest\.webmanifest$)/.test(u))).toEqual([]);

      // The install button, when the browser offers installation.
      await page.evaluate(() => {
        const offer = Object.assign(new Event("beforeinstallprompt", { cancelable: true }), { prompt: async () => {}, userChoice: new Promise(() => {}) });
        window.dispatchEvent(offer);
      });
      await page.getByTestId("install-app").waitFor();
      await waitForImages(page);
      await page.screenshot({ path: screenshotPath("pwa-install-phone") });
      await page.setViewportSize(DESKTOP);
      await page.screenshot({ path: screenshotPath("pwa-install-desktop") });
      await page.setViewportSize(PHONE);

    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  it("with the network cut, a page shows the offline page instead of the browser's error, and opens by itself once back", async () => {
    const context = await newContext(browser.browser, "phone");
    const page = await context.newPage();
    await page.goto(`${proxy.url}/`);
    await workerControls(page);
    await context.setOffline(true);
    await page.goto(`${proxy.url}/join`).catch(() => undefined);
    await page.getByTestId("offline-page").waitFor();
    expect(new URL(page.url()).pathname).toBe("/join");
    await waitForImages(page);
    await page.screenshot({ path: screenshotPath("pwa-offline-phone") });
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: screenshotPath("pwa-offline-desktop") });
    await page.setViewportSize({ width: 844, height: 390 });
    await page.screenshot({ path: screenshotPath("pwa-offline-landscape") });

    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelector("[data-testid=offline-page]") === null && document.readyState === "complete");
    expect(new URL(page.url()).pathname).toBe("/join");
    await context.close();
  });

  it("shows the iOS Safari hint once", async () => {
    const context = await browser.browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    });
    await recordCspViolations(context);
    const page = await context.newPage();
    await page.goto(`${proxy.url}/`);
    await page.getByTestId("install-hint").waitFor();
    expect(await page.getByTestId("install-hint").innerText()).toContain("Add to Home Screen");
    await waitForImages(page);
    await page.screenshot({ path: screenshotPath("pwa-ios-hint-phone") });
    await page.getByTestId("install-dismiss").click();
    await page.reload();
    await page.getByTestId("sign-in").or(page.locator("main")).first().waitFor();
    await workerControls(page);
    expect(await page.getByTestId("install-banner").count()).toBe(0);
    await context.close();
  });
});

describe("offline-tolerant rooms", () => {
  it("swipes made offline wait (across a reload) and are stored once each when the connection returns", async () => {
    const context = await newContext(browser.browser, "phone");
    const host = await signedIn(context);
    const { code } = await createRoom(host);
    const page = await context.newPage();
    let sent = 0;
    page.on("requestfinished", (request) => {
      if (request.method() === "POST" && request.url().endsWith(`/api/rooms/${code}/swipes`)) sent++;
    });
    await page.goto(`${proxy.url}/r/${code}`);
    await page.getByTestId("swipe-card").waitFor();
    await workerControls(page);

    await context.setOffline(true);
    const keys = ["ArrowRight", "ArrowLeft", "ArrowRight"];
    for (const [i, key] of keys.entries()) {
      await page.keyboard.press(key);
      await expect.poll(() => progressOf(page)).toBe(i + 1);
    }
    const note = page.getByTestId("waiting-swipes");
    await expect.poll(() => note.innerText()).toContain("3 swipes are waiting");
    await waitForImages(page);
    await page.screenshot({ path: screenshotPath("pwa-waiting-swipes-phone") });
    expect(await swipesOfRoom(code)).toEqual([]);

    // Reloaded while offline: the offline page, which knows what waits.
    await page.reload().catch(() => undefined);
    await page.getByTestId("offline-waiting-swipes").waitFor();
    expect(await page.getByTestId("offline-waiting-swipes").innerText()).toContain("3 swipes are kept on this device");
    await page.screenshot({ path: screenshotPath("pwa-offline-waiting-phone") });

    // Online again: the room opens by itself, past the waiting swipes, and sends them once each.
    await context.setOffline(false);
    await page.getByTestId("swipe-card").waitFor();
    await expect.poll(() => swipesOfRoom(code).then((rows) => rows.length), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => note.count()).toBe(0);
    const first = await deck(host, code, 0, 3);
    expect(await swipesOfRoom(code)).toEqual(first.map((card, i) => ({ ratingKey: card.ratingKey, liked: i !== 1, position: card.position })));
    // The third row can be stored before its answer has reached the page: wait for the answer,
    // then make sure nothing went a second time.
    await expect.poll(() => sent).toBe(3);
    expect(await progressOf(page)).toBe(3);
    expect(sent).toBe(3);
    await context.close();

    // The same indicator on a desktop screen.
    const desktop = await newContext(browser.browser, "desktop");
    await signedIn(desktop);
    const wide = await desktop.newPage();
    await wide.goto(`${proxy.url}/r/${code}`);
    await wide.getByTestId("swipe-card").waitFor();
    await workerControls(wide);
    await desktop.setOffline(true);
    await wide.keyboard.press("ArrowRight");
    await wide.getByTestId("waiting-swipes").waitFor();
    await expect.poll(() => progressOf(wide)).toBe(4);
    await waitForImages(wide);
    await wide.screenshot({ path: screenshotPath("pwa-waiting-swipes-desktop") });
    await wide.setViewportSize({ width: 844, height: 390 });
    await wide.screenshot({ path: screenshotPath("pwa-waiting-swipes-landscape") });
    await desktop.setOffline(false);
    await expect.poll(() => swipesOfRoom(code).then((rows) => rows.length), { timeout: 15_000 }).toBe(4);

    // Signing out forgets what this device kept: waiting swipes and every cache but the public shell.
    await wide.evaluate(async () => {
      localStorage.setItem("reelmatch:waiting-swipes", JSON.stringify([{ id: "x", code: "ROOMZZZZ", ratingKey: "1", liked: true, position: 0 }]));
      await (await caches.open("something-personal")).put("/kept", new Response("personal"));
    });
    await wide.goto(`${proxy.url}/profiles`);
    await wide.getByTestId("sign-out").click();
    await wide.waitForURL((url) => url.pathname !== "/profiles");
    const kept = await wide.evaluate(async () => ({ queue: localStorage.getItem("reelmatch:waiting-swipes"), caches: await caches.keys() }));
    expect(kept.queue).toBeNull();
    expect(kept.caches.length).toBeGreaterThan(0);
    expect(kept.caches.filter((name) => !name.startsWith(PRECACHE_PREFIX))).toEqual([]);
    await desktop.close();
  });

  it("a match made while the page was hidden shows the moment the page is visible again", async () => {
    const context = await newContext(browser.browser, "phone");
    const host = await signedIn(context);
    const { code } = await createRoom(host);
    const guest = await joinAsGuest({ ...env, app: { ...env.app, url: proxy.url } }, code, "Gus");
    const [card] = await deck(guest, code, 0, 1);
    const page = await context.newPage();
    await page.goto(`${proxy.url}/r/${code}`);
    await page.getByTestId("swipe-card").waitFor();
    await workerControls(page);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => swipesOfRoom(code).then((rows) => rows.length)).toBe(1);

    // The phone is put away: its event stream stays open but nothing comes through any more.
    await setVisibility(page, "hidden");
    expect(proxy.stall(/^GET \/api\/rooms\/[A-Z0-9]+\/events/)).toBeGreaterThanOrEqual(1);
    const swipe = await guest.call("POST", `/api/rooms/${code}/swipes`, { ratingKey: card.ratingKey, liked: true });
    expect(swipe.status).toBe(200);
    expect(await page.getByTestId("match-overlay").count()).toBe(0);

    const shown = Date.now();
    await setVisibility(page, "visible");
    await page.getByTestId("match-overlay").waitFor({ timeout: 10_000 });
    console.log(`match overlay ${Date.now() - shown} ms after the page became visible`);
    expect(await page.getByTestId("match-title").innerText()).toBe(card.title);
    await context.close();
  });
});
