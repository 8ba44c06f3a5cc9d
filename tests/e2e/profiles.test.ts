import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, screenshotPath } from "../helpers/browser";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { allowedRatings } from "../helpers/restrictions";

/** A parent hands the phone to a child: switch to the PIN-protected profile, open a room. */
describe("Plex Home profile switching in Chromium", () => {
  let env: PlexApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    env = await startAppWithPlex({ fake: { films: 400 } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it("the owner switches to Kit (wrong PIN refused, right PIN works), creates a room, and every card is allowed for little_kid", async () => {
    const context = await newContext(browser.browser, "phone");
    const page = await context.newPage();
    await page.goto(`${env.app.url}/signin`);
    await page.getByTestId("continue-with-plex").click();
    await page.getByTestId("approve-olivia").click();
    await page.getByTestId("user-name").waitFor();

    await page.getByTestId("profiles-link").click();
    await page.getByTestId("profile-Kit").click();
    await page.getByTestId("pin-input").fill("9999");
    await page.getByTestId("pin-submit").click();
    await page.getByTestId("pin-error").waitFor();
    expect(await page.getByTestId("pin-error").innerText()).toBe("That PIN is wrong. Try again.");
    await page.screenshot({ path: screenshotPath("profiles-wrong-pin-phone") });
    await page.getByTestId("pin-input").fill(env.fake.fixtures.kid.homePin!);
    await page.getByTestId("pin-submit").click();
    await page.waitForURL(`${env.app.url}/`);
    expect(await page.getByTestId("user-name").innerText()).toBe("Kit");
    expect(await page.getByTestId("user-role").innerText()).toMatch(/little kid/);
    await page.goto(`${env.app.url}/profiles`);
    expect(await page.getByTestId("restriction").innerText()).toMatch(/Little kid/);
    await page.screenshot({ path: screenshotPath("profiles-kit-phone"), fullPage: true });

    await page.goto(`${env.app.url}/rooms/new`);
    await page.getByTestId("create-room-form").waitFor();
    await page.getByTestId("create-room-submit").click();
    await page.waitForURL(/\/r\/[A-Z2-9]{8}$/);
    await page.getByTestId("swipe-card").waitFor();
    await page.screenshot({ path: screenshotPath("profiles-kit-room-phone") });
    const code = page.url().split("/r/")[1]!;

    // The whole deck, read as Kit: every card's rating is on little_kid's allow-list.
    const allowed = allowedRatings("little_kid");
    const ratings: string[] = [];
    let total = Infinity;
    for (let from = 0; from < total; from += 48) {
      const res = await page.request.get(`${env.app.url}/api/rooms/${code}/deck?from=${from}&count=48`);
      expect(res.status()).toBe(200);
      const body = (await res.json()) as { total: number; cards: { contentRating?: string }[] };
      total = body.total;
      ratings.push(...body.cards.map((c) => c.contentRating ?? ""));
    }
    expect(total).toBeGreaterThan(10);
    expect(ratings.length).toBeGreaterThan(10);
    for (const r of ratings) expect(allowed.has(r), `rating ${r}`).toBe(true);
    // ...and it is all of what Kit may see in the library (not an empty or tiny deck)
    const kitVisible = env.fake.library.films.filter((f) => allowed.has(f.contentRating)).length + env.fake.library.documentaries.filter((f) => allowed.has(f.contentRating)).length;
    expect(total).toBeLessThanOrEqual(kitVisible);
    await context.close();
  });
});
