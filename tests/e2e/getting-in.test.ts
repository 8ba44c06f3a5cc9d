import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { Client, createRoom, joinAsGuest } from "../integration/rooms-support";
import { newContext, screenshotPath, waitForImages } from "../helpers/browser";
import { appAndBrowserForTests, type LaunchedBrowser } from "../helpers/e2e-suite";
import type { PlexApp } from "../helpers/plex-app";
import { signInAs } from "../helpers/sign-in";

/**
 * Getting in and back (issue 13), on a phone (portrait and landscape) and a desktop: the home
 * page's open rooms, the create form's live count, the join forms, the guest mark, and the room's
 * desktop layout (people and matches beside the deck).
 */
let env: PlexApp;
let browser: LaunchedBrowser;
const films = () => env.fake.library.films.filter((f) => f.sectionKey === "1");

type Kind = "phone" | "landscape" | "desktop";
const KINDS: Kind[] = ["phone", "landscape", "desktop"];

appAndBrowserForTests({ fake: { films: 120 } }, (started) => ({ env, browser } = started));

/** A context of this kind: the helper's phone and desktop, or a phone turned sideways (844x390). */
async function contextOf(b: Browser, kind: Kind): Promise<BrowserContext> {
  if (kind !== "landscape") return newContext(b, kind);
  return b.newContext({ viewport: { width: 844, height: 390 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
}

async function signedIn(kind: Kind, who: "olivia" | "frank" = "olivia"): Promise<{ context: BrowserContext; header: string }> {
  const context = await contextOf(browser.browser, kind);
  const header = await signInAs(env.app.url, env.fake, who);
  await context.addCookies(header.split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: env.app.url })));
  return { context, header };
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await waitForImages(page);
  await page.screenshot({ path: screenshotPath(name), fullPage });
}

/** Olivia's room, where she and the guest Gus both liked the first card: one match. */
async function roomWithAMatch(header: string): Promise<{ room: { code: string; deckSize: number }; gus: Client }> {
  const olivia = new Client(env.app.url, header);
  const room = await createRoom(olivia);
  const gus = await joinAsGuest(env, room.code, "Gus");
  const first = (await olivia.call("GET", `/api/rooms/${room.code}/deck?from=0&count=2`)).body.cards[0];
  for (const who of [olivia, gus]) expect((await who.call("POST", `/api/rooms/${room.code}/swipes`, { ratingKey: first.ratingKey, liked: true })).status).toBeLessThan(300);
  return { room, gus };
}

describe("the home page", () => {
  it("lists the open rooms with progress and matches, on every screen size", async () => {
    const { context, header } = await signedIn("phone");
    const { room, gus } = await roomWithAMatch(header);
    await context.close();
    for (const kind of KINDS) {
      const { context: c } = await signedIn(kind);
      const page = await c.newPage();
      await page.goto(env.app.url);
      const entry = page.locator(`[data-testid=my-room][data-code="${room.code}"]`);
      await entry.waitFor();
      expect(await entry.innerText()).toMatch(new RegExp(`1 of ${room.deckSize} swiped[\\s\\S]*2 people[\\s\\S]*1 match`));
      await shot(page, `getting-in-home-${kind}`, true);
      if (kind === "desktop") {
        await entry.click();
        await page.waitForURL(new RegExp(`/r/${room.code}$`));
        await page.getByTestId("swipe-card").waitFor();
      }
      await c.close();
    }
    // The guest's browser finds its room again on the landing page.
    const guestContext = await contextOf(browser.browser, "phone");
    await guestContext.addCookies([...gus.cookies].map(([name, value]) => ({ name, value, url: env.app.url })));
    const page = await guestContext.newPage();
    await page.goto(env.app.url);
    await page.locator(`[data-testid=my-room][data-code="${room.code}"]`).waitFor();
    await shot(page, "getting-in-home-guest-phone", true);
    await guestContext.close();
  });
});

describe("creating a room", () => {
  it("shows a skeleton, then a live count that follows the filters, age limits with countries, and Cancel", async () => {
    for (const kind of KINDS) {
      const { context } = await signedIn(kind);
      const page = await context.newPage();
      // Hold the library's answer back: the skeleton shows meanwhile.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route("**/api/rooms/options", async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${env.app.url}/rooms/new`);
      await page.getByTestId("create-room-skeleton").waitFor();
      if (kind === "phone") await shot(page, "getting-in-create-skeleton-phone");
      release();
      await page.getByTestId("create-room-form").waitFor();
      const count = page.getByTestId("film-count");
      const settledCount = async () => ((await count.getAttribute("data-pending")) === "0" ? await count.getAttribute("data-count") : null);
      await expect.poll(settledCount, { timeout: 10_000 }).toBe(String(films().length));
      await page.locator('input[name="yearFrom"]').fill("1990");
      const since1990 = films().filter((f) => f.year >= 1990).length;
      await expect.poll(settledCount, { timeout: 10_000 }).toBe(String(since1990));
      expect(await count.innerText()).toContain(`${since1990} film`);
      await page.locator('input[name="yearFrom"]').fill("2100");
      await expect.poll(settledCount, { timeout: 10_000 }).toBe("0");
      expect(await page.getByTestId("create-room-submit").isDisabled()).toBe(true);
      await page.locator('input[name="yearFrom"]').fill("1990");
      await expect.poll(settledCount, { timeout: 10_000 }).toBe(String(since1990));
      // Age limits keep the rating's country.
      const ages = await page.locator('select[name="maxAge"] option').allInnerTexts();
      expect(ages.some((a) => /^12\+ \((?=.*UK 12A)(?=.*DE 12)/.test(a)), ages.join(" | ")).toBe(true);
      expect(ages.every((a) => !/\b(PG), \1\b/.test(a)), ages.join(" | ")).toBe(true);
      await shot(page, `getting-in-create-${kind}`);
      await page.getByTestId("create-room-cancel").click();
      await page.waitForURL(`${env.app.url}/`);
      await context.close();
    }
  });
});

describe("joining", () => {
  it("tidies the code while typing and keeps a wrong one on the form with the error", async () => {
    for (const kind of KINDS) {
      const context = await contextOf(browser.browser, kind);
      const page = await context.newPage();
      await page.goto(`${env.app.url}/join`);
      const input = page.getByTestId("join-code-input");
      await input.pressSequentially("zz zz-zzzz");
      expect(await input.inputValue()).toBe("ZZZZZZZZ");
      await page.getByRole("button", { name: "Join" }).click();
      await page.waitForURL(/\/r\/ZZZZZZZZ$/);
      await page.getByTestId("room-code-error").waitFor();
      expect(await page.getByTestId("join-code-input").inputValue()).toBe("ZZZZZZZZ");
      expect(await page.getByTestId("room-code-error").innerText()).toMatch(/no room with this code/i);
      await shot(page, `getting-in-wrong-code-${kind}`);
      // A character no code has is pointed out at once.
      await page.getByTestId("join-code-input").fill("ABCD0");
      expect(await page.getByTestId("room-code-error").innerText()).toContain("“0”");
      await context.close();
    }
  });

  it("tells the guest who invited them to what, refuses the host's name, and marks guests on every screen", async () => {
    const { header } = await signedIn("phone");
    const olivia = new Client(env.app.url, header);
    const room = await createRoom(olivia);
    const context = await contextOf(browser.browser, "phone");
    const page = await context.newPage();
    await page.goto(`${env.app.url}/r/${room.code}`);
    await page.getByRole("heading", { name: "Olivia invited you" }).waitFor();
    expect(await page.getByTestId("invite").innerText()).toMatch(new RegExp(`Films \\(${room.deckSize} films\\) in room .*In the room so far: 1 person\\.`));
    await page.locator('input[name="name"]').fill(" OLIVIA");
    await page.getByTestId("join-room-submit").click();
    await page.getByText(/already called/).waitFor();
    await shot(page, "getting-in-guest-name-phone");
    await page.locator('input[name="name"]').fill("Gus");
    // the refusal was about the name sent: it goes as the name changes, not on the next try
    await page.locator("#join-error").waitFor({ state: "detached" });
    expect(await page.locator('input[name="name"]').getAttribute("aria-invalid")).toBeNull();
    await page.getByTestId("join-room-submit").click();
    await page.getByTestId("swipe-card").waitFor();
    await context.close();

    // The host's phone header marks the guest; so do landscape and desktop (in the people list).
    for (const kind of KINDS) {
      const { context: c } = await signedIn(kind);
      const p = await c.newPage();
      await p.goto(`${env.app.url}/r/${room.code}`);
      await p.getByTestId("swipe-card").waitFor();
      if (kind === "desktop") {
        const people = p.locator("[data-testid=participants]:visible");
        expect(await people.innerText()).toMatch(/Gus\s*guest/);
      } else {
        const guest = p.locator("[data-testid=header-people] [data-guest]:visible");
        expect(await guest.getAttribute("aria-label")).toBe("Gus, guest");
      }
      await shot(p, `getting-in-room-${kind}`);
      await c.close();
    }
  });

  it("a signed-in member opening the link joins in one step", async () => {
    const { header } = await signedIn("phone");
    const room = await createRoom(new Client(env.app.url, header));
    const { context } = await signedIn("phone", "frank");
    const page = await context.newPage();
    await page.goto(`${env.app.url}/r/${room.code}`);
    await page.getByTestId("swipe-card").waitFor({ timeout: 15_000 });
    expect(await page.getByText("2 people").count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe("the room on a desktop", () => {
  it("puts the people on one side of the deck and the matches on the other", async () => {
    const { context, header } = await signedIn("desktop");
    const { room } = await roomWithAMatch(header);
    const page = await context.newPage();
    await page.goto(`${env.app.url}/r/${room.code}`);
    const card = page.getByTestId("swipe-card");
    await card.waitFor();
    const side = page.getByTestId("room-side-matches");
    await side.getByTestId("match-row").first().waitFor();
    const [deck, people, matches] = await Promise.all([card.boundingBox(), page.getByTestId("room-side-people").boundingBox(), side.boundingBox()]);
    expect(people!.x + people!.width).toBeLessThanOrEqual(deck!.x);
    expect(matches!.x).toBeGreaterThanOrEqual(deck!.x + deck!.width);
    expect(await page.getByTestId("tab-matches").isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(page, "getting-in-room-matches-desktop");
    // At 1024 px too.
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await side.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(page, "getting-in-room-1024");
    await context.close();
  });
});
