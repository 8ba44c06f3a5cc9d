import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newContext, screenshotPath, waitForImages } from "../helpers/browser";
import { appAndBrowserForTests, type LaunchedBrowser } from "../helpers/e2e-suite";
import type { PlexApp } from "../helpers/plex-app";
import { signInAs } from "../helpers/sign-in";
import { Client, createRoom, joinAsGuest } from "../integration/rooms-support";

/**
 * After the match (issue 16): from the match screen, "Play on…" the fake player, which receives
 * playMedia for that film on that server; a player that is down gives the Open in Plex fallback;
 * the film goes on the watchlist, shows as listed in the match list, and comes off again.
 */
let env: PlexApp;
let browser: LaunchedBrowser;
let cookieHeader: string;
const TV = "olivia-player-0001";

appAndBrowserForTests({ fake: { films: 60 } }, async (started) => {
  ({ env, browser } = started);
  cookieHeader = await signInAs(env.app.url, env.fake, "olivia");
});

async function oliviaContext(kind: "phone" | "desktop"): Promise<BrowserContext> {
  const context = await newContext(browser.browser, kind);
  await context.addCookies(
    cookieHeader.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: env.app.url };
    }),
  );
  return context;
}

const hasPlexGuid = (ratingKey: string) => env.fake.library.details(env.fake.library.item(ratingKey)!).guid.startsWith("plex://movie/");

/**
 * Olivia's room open in `page`; the first of its cards with a Plex guid (one a watchlist takes)
 * is liked by a guest, then by Olivia with the keys (passing the cards before it): the match screen opens.
 */
async function matchInBrowser(page: Page): Promise<{ code: string; ratingKey: string; title: string; guest: Client }> {
  const olivia = new Client(env.app.url, cookieHeader);
  const { code } = await createRoom(olivia);
  const guest = await joinAsGuest(env, code, "Gus");
  await page.goto(`${env.app.url}/r/${code}`);
  await page.getByTestId("swipe-card").waitFor();
  const first = await guest.call<{ cards: { ratingKey: string; title: string }[] }>("GET", `/api/rooms/${code}/deck?from=0&count=8`);
  const at = first.body.cards.findIndex((c) => hasPlexGuid(c.ratingKey));
  const card = first.body.cards[at]!;
  for (const c of first.body.cards.slice(0, at + 1)) expect((await guest.call("POST", `/api/rooms/${code}/swipes`, { ratingKey: c.ratingKey, liked: c === card })).status).toBe(200);
  for (let i = 0; i < at; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowRight");
  await page.getByTestId("match-overlay").waitFor({ timeout: 10_000 });
  expect(await page.getByTestId("match-title").innerText()).toBe(card.title);
  return { code, ratingKey: card.ratingKey, title: card.title, guest };
}

describe("after the match", () => {
  it("Play on… the fake player: it receives playMedia for that film on that server; down, the fallback opens Plex", async () => {
    const context = await oliviaContext("phone");
    const page = await context.newPage();
    const { ratingKey } = await matchInBrowser(page);
    const overlay = page.getByTestId("match-overlay");
    await overlay.getByTestId("play-on-open").click();
    const option = overlay.getByTestId("player-option");
    await option.waitFor();
    expect(await option.allInnerTexts()).toEqual([expect.stringContaining("Olivia's Living Room TV")]);
    await waitForImages(page);
    await page.screenshot({ path: screenshotPath("after-match-players-phone") });
    await page.setViewportSize({ width: 844, height: 390 });
    await page.screenshot({ path: screenshotPath("after-match-players-phone-sideways") });
    await page.setViewportSize({ width: 390, height: 844 });

    const before = env.fake.playerCommands().length;
    await option.click();
    await overlay.getByTestId("play-on-status").getByText("Playing on Olivia's Living Room TV.").waitFor();
    const commands = env.fake.playerCommands().slice(before);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ player: TV, ratingKey, serverMatches: true, queueFound: true });
    expect(commands[0]!.params.machineIdentifier).toBe(env.fake.fixtures.server.machineIdentifier);

    env.fake.setPlayerDown(TV, "refuse");
    try {
      await option.click();
      const failed = overlay.getByTestId("play-on-failed");
      await failed.waitFor({ timeout: 15_000 });
      expect(await failed.innerText()).toMatch(/Olivia's Living Room TV did not answer/);
      expect(await overlay.getByTestId("play-on-fallback").getAttribute("href")).toContain(`%2Flibrary%2Fmetadata%2F${ratingKey}`);
      await page.screenshot({ path: screenshotPath("after-match-player-down-phone") });
    } finally {
      env.fake.setPlayerDown(TV, null);
    }
    expect(env.fake.playerCommands().length).toBe(before + 1);
    await context.close();
  });

  it("the watchlist: added from the match screen, shown in the match list, removed there", async () => {
    const context = await oliviaContext("phone");
    const page = await context.newPage();
    const { ratingKey } = await matchInBrowser(page);
    const guid = env.fake.library.details(env.fake.library.item(ratingKey)!).guid;
    const overlay = page.getByTestId("match-overlay");
    const toggle = overlay.getByTestId("watchlist-toggle");
    await page.waitForFunction(() => document.querySelector('[data-testid="match-overlay"] [data-testid="watchlist-toggle"]')?.getAttribute("data-status") === "not_listed");
    await toggle.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="match-overlay"] [data-testid="watchlist-toggle"]')?.getAttribute("data-status") === "listed");
    const id = /^plex:\/\/movie\/(.+)$/.exec(guid)![1];
    expect(env.fake.watchlist(env.fake.fixtures.owner.id)).toEqual([id]);
    await page.screenshot({ path: screenshotPath("after-match-watchlisted-phone") });

    await page.getByTestId("keep-swiping").click();
    await page.getByTestId("tab-matches").click();
    const row = page.getByTestId("match-row").first();
    const rowToggle = row.getByTestId("watchlist-toggle");
    await rowToggle.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="match-row"] [data-testid="watchlist-toggle"]')?.getAttribute("data-status") === "listed");
    expect(await rowToggle.innerText()).toMatch(/On watchlist/);
    await waitForImages(page);
    await page.screenshot({ path: screenshotPath("after-match-list-phone") });
    await rowToggle.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="match-row"] [data-testid="watchlist-toggle"]')?.getAttribute("data-status") === "not_listed");
    expect(env.fake.watchlist(env.fake.fixtures.owner.id)).toEqual([]);
    await context.close();
  });

  it("on a desktop: the match list beside the deck with Play on… open (screenshot); a guest sees neither button", async () => {
    const context = await oliviaContext("desktop");
    const page = await context.newPage();
    const { code } = await matchInBrowser(page);
    await page.screenshot({ path: screenshotPath("after-match-overlay-desktop") });
    await page.getByTestId("keep-swiping").click();
    const side = page.getByTestId("room-side-matches");
    await side.getByTestId("match-row").first().getByTestId("play-on-open").click();
    await side.getByTestId("player-option").waitFor();
    await waitForImages(page);
    await page.screenshot({ path: screenshotPath("after-match-list-desktop") });
    await context.close();

    const guestContext = await newContext(browser.browser, "phone");
    const guestPage = await guestContext.newPage();
    await guestPage.goto(`${env.app.url}/r/${code}`);
    await guestPage.locator('input[name="name"]').fill("Gina");
    await guestPage.getByTestId("join-room-submit").click();
    await guestPage.getByTestId("tab-matches").click();
    await guestPage.getByTestId("match-row").first().waitFor();
    expect(await guestPage.getByTestId("play-on-open").count()).toBe(0);
    expect(await guestPage.getByTestId("watchlist-toggle").count()).toBe(0);
    // Instead, who can put it on and where: the host's online players, by name.
    await expect.poll(() => guestPage.getByTestId("host-can-play").first().innerText(), { timeout: 10_000 }).toBe("Olivia can put it on “Olivia's Living Room TV”.");
    await guestContext.close();
  });
});
