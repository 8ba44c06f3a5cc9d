import { describe, expect, it } from "vitest";
import { newContext, screenshotPath } from "../helpers/browser";
import { appAndBrowserForTests, type LaunchedBrowser } from "../helpers/e2e-suite";
import type { PlexApp } from "../helpers/plex-app";
import { allowedRatings } from "../helpers/restrictions";
import { signInRun } from "../helpers/sign-in";

/** A parent hands the phone to a child: switch to the PIN-protected profile, open a room. */
describe("Plex Home profile switching in Chromium", () => {
  let env: PlexApp;
  let browser: LaunchedBrowser;
  appAndBrowserForTests({ fake: { films: 400 } }, (started) => ({ env, browser } = started));

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

  it("when Tess joins an adult's room, the cards she may not see leave the adult's screen", async () => {
    const context = await newContext(browser.browser, "desktop");
    const page = await context.newPage();
    await page.goto(`${env.app.url}/signin`);
    await page.getByTestId("continue-with-plex").click();
    await page.getByTestId("approve-olivia").click();
    await page.getByTestId("user-name").waitFor();
    const created = await page.request.post(`${env.app.url}/api/rooms`, { data: { sectionIds: ["1"] } });
    const room = (await created.json()) as { code: string; deckSize: number };
    const first = (await (await page.request.get(`${env.app.url}/api/rooms/${room.code}/deck?from=0&count=16`)).json()) as { cards: { ratingKey: string; contentRating: string }[] };
    const teen = allowedRatings("teen");
    const hidden = new Set(env.fake.library.films.filter((f) => !teen.has(f.contentRating)).map((f) => f.ratingKey));
    expect(first.cards.filter((c) => hidden.has(c.ratingKey)).length).toBeGreaterThan(0);
    await page.goto(`${env.app.url}/r/${room.code}`);
    await page.getByTestId("swipe-card").waitFor();
    await page.waitForTimeout(500);

    // Tess joins from her own session (another browser, as far as the app knows)
    const { jar } = await signInRun(env.app.url, env.fake, "olivia");
    const profiles = (await (await jar.fetch(`${env.app.url}/api/me/profiles`)).json()) as { profiles: { uuid: string; name: string }[] };
    const tess = profiles.profiles.find((p) => p.name === "Tess")!;
    expect((await jar.fetch(`${env.app.url}/api/me/profiles`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ uuid: tess.uuid }) })).status).toBe(200);
    expect((await jar.fetch(`${env.app.url}/api/rooms/${room.code}/participants`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status).toBe(201);
    await page.waitForTimeout(1000);

    const currentKey = () => page.getByTestId("swipe-card").getByTestId("film-card").getAttribute("data-rating-key");
    const shown: string[] = [];
    for (let i = 0; i < 16; i++) {
      const key = (await currentKey())!;
      shown.push(key);
      await page.keyboard.press("ArrowLeft");
      await page.waitForFunction((prev) => document.querySelector('[data-testid="swipe-card"] [data-testid="film-card"]')?.getAttribute("data-rating-key") !== prev, key);
    }
    for (const key of shown) expect(hidden.has(key), `card ${key} is above teen`).toBe(false);
    // the progress counts only the cards left in the deck
    const progress = await page.getByTestId("progress").innerText();
    expect(Number(/of (\d+)/.exec(progress)![1])).toBeLessThan(room.deckSize);
    await page.screenshot({ path: screenshotPath("profiles-teen-joined-desktop") });
    await context.close();
  });
});
