import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DESKTOP, PHONE, recordCspViolations, screenshotPath, waitForImages } from "../helpers/browser";
import { appAndBrowserForTests, type LaunchedBrowser } from "../helpers/e2e-suite";
import type { PlexApp } from "../helpers/plex-app";
import { signInAs } from "../helpers/sign-in";

let env: PlexApp;
let browser: LaunchedBrowser;

appAndBrowserForTests({ fake: { films: 120 } }, (started) => ({ env, browser } = started));

/** A phone or desktop context whose browser asks for `locale` (Accept-Language and navigator.language). */
async function localeContext(b: Browser, kind: "phone" | "desktop", locale: string, signedIn = false): Promise<BrowserContext> {
  const context = await b.newContext(
    kind === "phone" ? { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale } : { viewport: DESKTOP, locale },
  );
  await recordCspViolations(context);
  if (signedIn) {
    const header = await signInAs(env.app.url, env.fake, "olivia");
    await context.addCookies(header.split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: env.app.url })));
  }
  return context;
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
/** Nothing sticks out sideways (a German word too long for a button would). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Elements whose text is cut or spills out of their box (text wider than the element, not scrolling). */
async function cutText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, a, h1, h2, label, p, span, li")]
      .filter((el) => {
        const style = getComputedStyle(el);
        if (el.closest("[aria-hidden=true], [inert], .sr-only") || style.visibility === "hidden" || el.offsetParent === null) return false;
        if (style.textOverflow === "ellipsis" || el.closest(".truncate")) return false;
        return el.scrollWidth > el.clientWidth + 1 && style.overflowX !== "auto" && style.overflowX !== "scroll" && el.children.length === 0;
      })
      .map((el) => el.textContent?.trim().slice(0, 60) ?? ""),
  );
}

interface Expected {
  lang: string;
  homeTitle: string;
  createButton: string;
  roomHeading: RegExp;
  invitedBy: string;
  twoPeople: RegExp;
  matchTitle: string;
  keepSwiping: string;
  runtime: RegExp;
  score: RegExp;
  /** The server's refusal of a guest taking the host's name (ApiErrors.nameTaken). */
  nameTaken: string;
}

const GERMAN: Expected = {
  lang: "de",
  homeTitle: "Was schauen wir heute?",
  createButton: "Raum eröffnen",
  roomHeading: /^Raum [A-Z2-9]{4}-[A-Z2-9]{4}$/,
  invitedBy: "Olivia lädt dich ein",
  twoPeople: /2 Personen · Match, wenn alle ihn mögen/,
  matchTitle: "Ein Match!",
  keepSwiping: "Weiterswipen",
  runtime: /\d+\s+Min\./,
  score: /★ \d+,\d/,
  nameTaken: "Jemand in diesem Raum heißt schon Olivia",
};

const FRENCH: Expected = {
  lang: "fr",
  homeTitle: "On regarde quoi ?",
  createButton: "Ouvrir la salle",
  roomHeading: /^Salle [A-Z2-9]{4}-[A-Z2-9]{4}$/,
  invitedBy: "Olivia vous invite",
  twoPeople: /2 personnes · match quand tout le monde aime/,
  matchTitle: "C’est un match !",
  keepSwiping: "Continuer à swiper",
  runtime: /\d+\s+min/,
  score: /★ \d+,\d/,
  nameTaken: "Quelqu’un dans cette salle s’appelle déjà Olivia",
};

/** Sign in, open a room, a guest joins, both like the first card: a match, all in `locale`. */
async function roomFlow(locale: string, expected: Expected): Promise<void> {
  const tag = expected.lang;
  const hostContext = await localeContext(browser.browser, "phone", locale, true);
  const host = await hostContext.newPage();
  await host.goto(env.app.url);
  expect(await htmlLang(host)).toBe(expected.lang);
  expect(await host.getByRole("heading", { level: 1 }).innerText()).toBe(expected.homeTitle);
  await host.screenshot({ path: screenshotPath(`languages-${tag}-home-phone`), fullPage: true });
  expect(await overflow(host)).toBeLessThanOrEqual(0);
  // The user bar's name and role are read in full on a phone (the links go to a second line).
  for (const id of ["user-name", "user-role"]) {
    expect(await host.getByTestId(id).evaluate((el) => el.scrollWidth - el.clientWidth), id).toBeLessThanOrEqual(0);
  }

  await host.goto(`${env.app.url}/rooms/new`);
  await host.getByTestId("create-room-form").waitFor();
  await expect.poll(() => host.getByTestId("film-count").getAttribute("data-count"), { timeout: 20_000 }).toMatch(/^\d+$/);
  await host.screenshot({ path: screenshotPath(`languages-${tag}-create-phone`), fullPage: true });
  expect(await overflow(host)).toBeLessThanOrEqual(0);
  expect(await host.getByTestId("create-room-submit").innerText()).toBe(expected.createButton);
  await host.getByTestId("create-room-submit").click();
  await host.waitForURL(/\/r\/[A-Z2-9]{8}$/);
  const joinUrl = host.url();
  await host.getByTestId("swipe-card").waitFor();
  expect(await htmlLang(host)).toBe(expected.lang);
  expect((await host.getByRole("heading", { level: 1 }).textContent())?.trim()).toMatch(expected.roomHeading);
  // Runtimes and ratings as the language writes them ("142 Min.", "6,7").
  const facts = await host.getByTestId("swipe-card").getByTestId("film-facts").innerText();
  expect(facts).toMatch(expected.runtime);
  expect(facts).toMatch(expected.score);
  await waitForImages(host);
  await host.screenshot({ path: screenshotPath(`languages-${tag}-swipe-phone`) });
  expect(await overflow(host)).toBeLessThanOrEqual(0);
  expect(await cutText(host)).toEqual([]);

  // A guest on a desktop browser in the same language joins with a name.
  const guestContext = await localeContext(browser.browser, "desktop", locale);
  const guest = await guestContext.newPage();
  await guest.goto(joinUrl);
  expect(await htmlLang(guest)).toBe(expected.lang);
  expect(await guest.getByRole("heading", { level: 1 }).innerText()).toBe(expected.invitedBy);
  // The host's own name is taken: the server says so, in the guest's language, on the form.
  await guest.locator('input[name="name"]').fill("Olivia");
  await guest.getByTestId("join-room-submit").click();
  expect(await guest.locator("#join-error").innerText()).toContain(expected.nameTaken);
  await guest.locator('input[name="name"]').fill("Gus");
  await guest.screenshot({ path: screenshotPath(`languages-${tag}-join-desktop`) });
  await guest.getByTestId("join-room-submit").click();
  await guest.getByTestId("swipe-card").waitFor();
  await expect.poll(() => host.locator("main header").innerText()).toMatch(expected.twoPeople);

  // Both like the first card: the match shows on both screens, in the language.
  await host.getByTestId("like").click();
  await guest.keyboard.press("ArrowRight");
  for (const page of [host, guest]) {
    await page.getByTestId("match-overlay").waitFor({ timeout: 10_000 });
    expect(await page.locator("#match-heading").innerText()).toBe(expected.matchTitle);
    expect(await page.getByTestId("keep-swiping").innerText()).toBe(expected.keepSwiping);
  }
  await waitForImages(host);
  await host.screenshot({ path: screenshotPath(`languages-${tag}-match-phone`) });
  expect(await cutText(host)).toEqual([]);
  await waitForImages(guest);
  await guest.screenshot({ path: screenshotPath(`languages-${tag}-match-desktop`) });
  expect(await cutText(guest)).toEqual([]);

  // The matches tab and the invite tab on the phone.
  await host.getByTestId("keep-swiping").click();
  await host.getByTestId("tab-matches").click();
  await host.getByTestId("match-row").first().waitFor();
  await host.screenshot({ path: screenshotPath(`languages-${tag}-matches-phone`) });
  expect(await cutText(host)).toEqual([]);
  await host.getByTestId("tab-invite").click();
  await host.locator("[data-testid=qr-code]:visible").waitFor();
  await host.screenshot({ path: screenshotPath(`languages-${tag}-invite-phone`), fullPage: true });
  expect(await overflow(host)).toBeLessThanOrEqual(0);
  await hostContext.close();
  await guestContext.close();
}

describe("the app in the browser's language", () => {
  it("runs the room flow in German (Accept-Language de-DE)", async () => {
    await roomFlow("de-DE", GERMAN);
  });

  it("runs the room flow in French (Accept-Language fr-FR)", async () => {
    await roomFlow("fr-FR", FRENCH);
  });

  it("falls back to English for a language it does not speak", async () => {
    const context = await localeContext(browser.browser, "desktop", "ja-JP");
    const page = await context.newPage();
    await page.goto(env.app.url);
    expect(await htmlLang(page)).toBe("en");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toMatch(/Stop scrolling/);
    await context.close();
  });
});

/** A call to the app's API as the context's person (its cookies). */
async function api(context: BrowserContext, method: "GET" | "POST", path: string, data?: unknown): Promise<Record<string, unknown>> {
  const res = await context.request.fetch(`${env.app.url}${path}`, { method, data, headers: data === undefined ? {} : { "Content-Type": "application/json" } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

describe("after the match, in German", () => {
  it("runs a final round on two phones, and tells the guest where the host can put the winner on", async () => {
    const hostContext = await localeContext(browser.browser, "phone", "de-DE", true);
    const guestContext = await localeContext(browser.browser, "phone", "de-DE");
    // Three matches through the API (the room flow above swipes in the browser).
    const { code } = (await api(hostContext, "POST", "/api/rooms", { sectionIds: ["1"] })) as { code: string };
    await api(guestContext, "POST", `/api/rooms/${code}/participants`, { name: "Gus" });
    const { cards } = (await api(hostContext, "GET", `/api/rooms/${code}/deck?from=0&count=3`)) as { cards: { ratingKey: string; title: string }[] };
    for (const card of cards) {
      for (const context of [hostContext, guestContext]) await api(context, "POST", `/api/rooms/${code}/swipes`, { ratingKey: card.ratingKey, liked: true });
    }
    const host = await hostContext.newPage();
    const guest = await guestContext.newPage();
    await Promise.all([host.goto(`${env.app.url}/r/${code}`), guest.goto(`${env.app.url}/r/${code}`)]);
    const start = host.getByTestId("final-round-start");
    await start.waitFor();
    expect(await start.innerText()).toBe("Finale: eins von 3 Matches wählen");
    await start.click();
    for (const page of [host, guest]) await page.getByTestId("final-round-vote").waitFor({ timeout: 10_000 });
    await guest.getByTestId("final-round-film").first().click();
    await expect.poll(() => host.getByTestId("final-round-voted").innerText()).toBe("1 von 2 hat abgestimmt");
    await waitForImages(host);
    await host.screenshot({ path: screenshotPath("languages-de-final-round-phone") });
    expect(await overflow(host)).toBeLessThanOrEqual(0);
    expect(await cutText(host)).toEqual([]);

    await host.getByTestId("final-round-film").first().click();
    for (const page of [host, guest]) {
      await page.getByTestId("final-round-winner").waitFor({ timeout: 10_000 });
      expect(await page.locator("#final-winner-heading").innerText()).toBe("Heute Abend läuft");
      expect(await page.getByTestId("final-round-decided-by").innerText()).toBe("Die meisten Stimmen (2).");
    }
    await host.getByTestId("final-round-winner").getByTestId("match-actions").waitFor();
    expect(await host.getByTestId("play-on-open").innerText()).toBe("Abspielen auf…");
    await waitForImages(host);
    await host.screenshot({ path: screenshotPath("languages-de-final-winner-phone") });
    expect(await cutText(host)).toEqual([]);
    // The guest is told the host's player by name.
    await expect.poll(() => guest.getByTestId("host-can-play").innerText(), { timeout: 10_000 }).toBe("Olivia kann ihn auf „Olivia's Living Room TV“ starten.");
    await waitForImages(guest);
    await guest.screenshot({ path: screenshotPath("languages-de-final-winner-guest-phone") });
    expect(await cutText(guest)).toEqual([]);
    await hostContext.close();
    await guestContext.close();
  }, 120_000);
});

describe("the language picker", () => {
  it("switches the landing page's language, is remembered, and wins over Accept-Language", async () => {
    const context = await localeContext(browser.browser, "phone", "fr-FR");
    const page = await context.newPage();
    await page.goto(env.app.url);
    expect(await htmlLang(page)).toBe("fr");
    await Promise.all([page.waitForEvent("load"), page.getByTestId("language-picker").selectOption("de")]);
    await expect.poll(() => htmlLang(page)).toBe("de");
    expect(await page.getByTestId("sign-in").innerText()).toBe("Mit Plex anmelden");
    expect(await page.getByTestId("language-picker").inputValue()).toBe("de");
    await page.screenshot({ path: screenshotPath("languages-picker-de-phone"), fullPage: true });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // Remembered: a new page of this browser (still asking for French) gets German.
    const cookie = (await context.cookies()).find((c) => c.name === "reelmatch-locale");
    expect(cookie?.value).toBe("de");
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 300 * 24 * 3600);
    const again = await context.newPage();
    await again.goto(`${env.app.url}/join`);
    expect(await htmlLang(again)).toBe("de");
    expect(await again.getByRole("heading", { level: 1 }).innerText()).toBe("Raum beitreten");
    await context.close();
  });

  it("switches a room to another language from the room's people panel", async () => {
    const context = await localeContext(browser.browser, "desktop", "en-US", true);
    const page = await context.newPage();
    await page.goto(`${env.app.url}/rooms/new`);
    await page.getByTestId("create-room-submit").click();
    await page.waitForURL(/\/r\/[A-Z2-9]{8}$/);
    await page.getByTestId("swipe-card").waitFor();
    expect(await htmlLang(page)).toBe("en");
    const picker = page.locator("[data-testid=language-picker]:visible");
    await Promise.all([page.waitForEvent("load"), picker.selectOption("pt-BR")]);
    await expect.poll(() => htmlLang(page)).toBe("pt-BR");
    await page.getByTestId("swipe-card").waitFor();
    expect(await page.getByTestId("like").getAttribute("aria-label")).toBe("Curtir");
    expect(await page.getByTestId("progress").innerText()).toMatch(/^\d+ de \d+$/);
    await page.screenshot({ path: screenshotPath("languages-room-pt-BR-desktop") });
    // And back to English.
    await Promise.all([page.waitForEvent("load"), picker.selectOption("en")]);
    await expect.poll(() => htmlLang(page)).toBe("en");
    expect(await page.getByTestId("like").getAttribute("aria-label")).toBe("Like");
    await context.close();
  });
});
