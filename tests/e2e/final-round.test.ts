import type { APIRequestContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations, smallTouchTargets } from "../helpers/accessibility";
import { newContext, screenshotPath, waitForImages } from "../helpers/browser";
import { appAndBrowserForTests, type LaunchedBrowser } from "../helpers/e2e-suite";
import type { PlexApp } from "../helpers/plex-app";
import { signedInContext } from "../helpers/sign-in";

// Issue 16, item 5: a final round among three matches ends with one winner on both screens.

let env: PlexApp;
let browser: LaunchedBrowser;

appAndBrowserForTests({ fake: { films: 60 } }, (started) => ({ env, browser } = started));

/** A call to the app's API with the context's cookies (the same person as its pages). */
async function api(request: APIRequestContext, method: "GET" | "POST", path: string, data?: unknown) {
  const res = await request.fetch(`${env.app.url}${path}`, { method, data, headers: data === undefined ? {} : { "Content-Type": "application/json" } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function shot(page: Page, name: string): Promise<void> {
  await waitForImages(page);
  await page.screenshot({ path: screenshotPath(name) });
}

describe("the final round", () => {
  it("among three matches ends with one winner on both screens", async () => {
    const hostContext = await signedInContext(browser.browser, env.app.url, env.fake, "olivia", "phone");
    const guestContext = await newContext(browser.browser, "desktop");
    // The room and its three matches are made through the API (swiping is tested elsewhere).
    const { code } = (await api(hostContext.request, "POST", "/api/rooms", { sectionIds: ["1"] })) as { code: string };
    await api(guestContext.request, "POST", `/api/rooms/${code}/participants`, { name: "Gus" });
    const { cards } = (await api(hostContext.request, "GET", `/api/rooms/${code}/deck?from=0&count=3`)) as { cards: { ratingKey: string; title: string }[] };
    expect(cards).toHaveLength(3);
    for (const card of cards) {
      for (const context of [hostContext, guestContext]) await api(context.request, "POST", `/api/rooms/${code}/swipes`, { ratingKey: card.ratingKey, liked: true });
    }

    const host = await hostContext.newPage();
    const guest = await guestContext.newPage();
    const errors: string[] = [];
    for (const page of [host, guest]) page.on("pageerror", (e) => errors.push(e.message));
    await Promise.all([host.goto(`${env.app.url}/r/${code}`), guest.goto(`${env.app.url}/r/${code}`)]);
    await guest.getByTestId("swipe-card").waitFor();
    // Only the host may start it.
    expect(await guest.getByTestId("final-round-start").count()).toBe(0);
    const start = host.getByTestId("final-round-start");
    await start.waitFor();
    expect(await start.innerText()).toContain("3");
    await shot(host, "final-round-start-phone");
    await start.click();

    // The deck makes way for the three matches on both screens.
    for (const page of [host, guest]) {
      await page.getByTestId("final-round-vote").waitFor({ timeout: 10_000 });
      await expect.poll(() => page.getByTestId("final-round-film").count()).toBe(3);
      expect(await page.getByTestId("swipe-card").isVisible()).toBe(false);
    }
    const titles = await guest.getByTestId("final-round-film-title").allInnerTexts();
    expect([...titles].sort()).toEqual(cards.map((c) => c.title).sort());
    for (const page of [host, guest]) {
      expect(await seriousViolations(page)).toEqual([]);
      expect(await smallTouchTargets(page)).toEqual([]);
    }

    // The guest picks one, changes their mind, and the host picks the same: everyone voted, it wins.
    const pick = (page: Page, title: string) => page.getByTestId("final-round-film").filter({ hasText: title }).click();
    const [first, second] = [cards[0]!.title, cards[1]!.title];
    await pick(guest, first);
    await expect.poll(() => guest.getByTestId("final-round-film").filter({ hasText: first }).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => host.getByTestId("final-round-voted").innerText()).toBe("1 of 2 voted");
    await shot(host, "final-round-vote-phone");
    await shot(guest, "final-round-vote-desktop");
    await pick(guest, second);
    await expect.poll(() => guest.getByTestId("final-round-film").filter({ hasText: second }).getAttribute("aria-pressed")).toBe("true");
    await pick(host, second);

    for (const page of [host, guest]) {
      await page.getByTestId("final-round-winner").waitFor({ timeout: 10_000 });
      expect(await page.getByTestId("final-round-winner-title").innerText()).toBe(second);
      expect(await page.getByTestId("final-round-decided-by").innerText()).toContain("Most votes (2)");
    }
    // Members get "Open in Plex" for the winner; the guest is told who can put it on.
    await expect.poll(() => host.getByTestId("final-round-open-in-plex").getAttribute("href")).toMatch(new RegExp(`key=%2Flibrary%2Fmetadata%2F${cards[1]!.ratingKey}$`));
    expect(await guest.getByTestId("final-round-open-in-plex").count()).toBe(0);
    // ...and "Play on..." and the watchlist beside it (tests/e2e/after-the-match plays a match).
    await host.getByTestId("final-round-winner").getByTestId("match-actions").waitFor();
    expect(await guest.getByTestId("match-actions").count()).toBe(0);
    expect(await seriousViolations(host)).toEqual([]);
    await shot(host, "final-round-winner-phone");
    await shot(guest, "final-round-winner-desktop");
    await host.setViewportSize({ width: 844, height: 390 });
    await shot(host, "final-round-winner-phone-sideways");
    await host.setViewportSize({ width: 390, height: 844 });

    // Closed, the deck is back, with the winner named above it.
    for (const page of [host, guest]) {
      await page.getByTestId("final-round-winner-close").click();
      await page.getByTestId("swipe-card").waitFor();
      expect(await page.getByTestId("final-round-last-winner").innerText()).toBe(second);
    }
    await shot(host, "final-round-after-phone");
    expect(errors).toEqual([]);
  }, 120_000);
});
