import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { animationsSettled, layoutShiftSince, recordLayoutShifts, seriousViolations, smallTouchTargets } from "../helpers/accessibility";
import { newContext, screenshotPath, waitForImages } from "../helpers/browser";
import { appAndBrowserForTests, type LaunchedBrowser } from "../helpers/e2e-suite";
import { execSql } from "../helpers/db-dump";
import type { PlexApp } from "../helpers/plex-app";
import { signedInContext as signedInBrowserContext } from "../helpers/sign-in";

/**
 * Every screen, as it is shown, passes axe-core's WCAG 2.2 AA rules with no serious or critical
 * violation, has one h1, and every control is at least 44x44 px. The room also keeps still: the
 * match overlay shifts nothing (layout shift <= 0.01).
 */
let env: PlexApp;
let browser: LaunchedBrowser;

appAndBrowserForTests({ fake: { films: 40 }, env: { DEMO: "true", PLEX_PASSWORD_SIGNIN: "true" } }, (started) => ({ env, browser } = started));

/** What is wrong with the screen as shown now (empty when nothing is), each line named after it. */
async function problemsOf(page: Page, name: string): Promise<string[]> {
  await waitForImages(page);
  // A control that was just clicked, or a tab just switched, is still fading its colours: checked
  // mid-transition, its text can measure below 4.5:1 though it never rests there.
  await animationsSettled(page);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: screenshotPath(`a11y-${name}`) });
  const problems = (await seriousViolations(page)).map((v) => `${name}: ${v}`);
  problems.push(...(await smallTouchTargets(page)).map((t) => `${name}: small touch target ${t}`));
  const h1 = await page.locator("h1").count();
  if (h1 !== 1) problems.push(`${name}: ${h1} h1 headings (one expected)`);
  return problems;
}

function signedInContext(kind: "phone" | "desktop"): Promise<BrowserContext> {
  return signedInBrowserContext(browser.browser, env.app.url, env.fake, "olivia", kind);
}

describe("accessibility on every screen", () => {
  it("signed out: landing, sign-in, password sign-in, join, a room that does not exist, a page that does not exist", async () => {
    const problems: string[] = [];
    for (const kind of ["phone", "desktop"] as const) {
      const context = await newContext(browser.browser, kind);
      const page = await context.newPage();
      const screens: [string, string][] = [
        ["landing", "/"],
        ["signin", "/signin"],
        ["signin-password", "/signin/password"],
        ["join", "/join"],
        ["no-such-room", "/r/ZZZZZZZZ"],
        ["not-found", "/no/such/page"],
      ];
      for (const [name, path] of screens) {
        await page.goto(env.app.url + path);
        // opened directly, the password page first starts a sign-in and comes back with the form
        if (name === "signin-password") await page.locator('input[type="password"]').waitFor();
        problems.push(...(await problemsOf(page, `${name}-${kind}`)));
      }
      // A code too short to be one: the error is on the form.
      await page.goto(`${env.app.url}/join`);
      await page.locator('input[name="code"]').fill("ZZ");
      await page.locator('button[type="submit"]').click();
      await page.locator("form [role=alert]").waitFor();
      problems.push(...(await problemsOf(page, `join-wrong-code-${kind}`)));
      await context.close();
    }
    expect(problems.join("\n")).toBe("");
  }, 240_000);

  it("signed in: home, profiles, admin, create", async () => {
    const problems: string[] = [];
    for (const kind of ["phone", "desktop"] as const) {
      const context = await signedInContext(kind);
      const page = await context.newPage();
      for (const [name, path] of [["home", "/"], ["profiles", "/profiles"], ["admin", "/admin"]] as const) {
        await page.goto(env.app.url + path);
        problems.push(...(await problemsOf(page, `${name}-${kind}`)));
      }
      await page.goto(`${env.app.url}/rooms/new`);
      await page.getByTestId("create-room-form").waitFor();
      problems.push(...(await problemsOf(page, `create-${kind}`)));
      await context.close();
    }
    expect(problems.join("\n")).toBe("");
  }, 240_000);

  it("the error page: a room whose stored settings cannot be read fails on the server and shows app/error.tsx", async () => {
    const problems: string[] = [];
    for (const kind of ["phone", "desktop"] as const) {
      const context = await signedInContext(kind);
      const page = await context.newPage();
      const created = await page.request.post(`${env.app.url}/api/rooms`, { data: { sectionIds: ["1"] } });
      expect(created.status()).toBe(201);
      const { code } = (await created.json()) as { code: string };
      await execSql(env.app.database, `UPDATE "Room" SET "settings" = 'not json' WHERE "code" = '${code}'`);
      await page.goto(`${env.app.url}/r/${code}`);
      await page.getByRole("button", { name: "Try again" }).waitFor();
      problems.push(...(await problemsOf(page, `error-page-${kind}`)));
      await context.close();
    }
    expect(problems.join("\n")).toBe("");
  }, 240_000);

  it("the room: deck, details, matches, invite, on a phone (both ways up) and a desktop; a guest's join; the match overlay", async () => {
    const problems: string[] = [];
    const hostContext = await signedInContext("phone");
    await recordLayoutShifts(hostContext);
    const host = await hostContext.newPage();
    await host.goto(`${env.app.url}/rooms/new`);
    await host.getByTestId("create-room-form").waitFor();
    await host.getByTestId("create-room-submit").click();
    await host.waitForURL(/\/r\/[A-Z2-9]{8}$/);
    const code = host.url().split("/r/")[1]!;
    await host.getByTestId("swipe-card").waitFor();
    await animationsSettled(host);
    problems.push(...(await problemsOf(host, "room-deck-phone")));
    // The room loads without shifting (the whole page's shifts so far: no input yet on this page).
    const loading = await layoutShiftSince(host);
    if (loading.total > 0.01) problems.push(`layout shift ${loading.total.toFixed(3)} while the room loads: ${loading.moved.join("; ")}`);
    await host.getByRole("button", { name: "Details" }).click();
    problems.push(...(await problemsOf(host, "room-details-phone")));
    await host.getByRole("button", { name: /Hide details|Back to the poster/ }).last().click();
    await host.getByTestId("tab-matches").click();
    problems.push(...(await problemsOf(host, "room-matches-empty-phone")));
    await host.getByTestId("tab-invite").click();
    await host.locator("[data-testid=qr-code]:visible").waitFor();
    problems.push(...(await problemsOf(host, "room-invite-phone")));
    await host.getByTestId("tab-swipe").click();
    await host.setViewportSize({ width: 844, height: 390 });
    problems.push(...(await problemsOf(host, "room-deck-landscape")));
    await host.setViewportSize({ width: 390, height: 844 });

    // A guest opens the link on a desktop: the name page, then the room.
    const guestContext = await newContext(browser.browser, "desktop");
    await recordLayoutShifts(guestContext);
    const guest = await guestContext.newPage();
    await guest.goto(`${env.app.url}/r/${code}`);
    await guest.locator('input[name="name"]').waitFor();
    problems.push(...(await problemsOf(guest, "guest-name-desktop")));
    await guest.locator('input[name="name"]').fill("Gus");
    await guest.getByTestId("join-room-submit").click();
    await guest.getByTestId("swipe-card").waitFor();
    await animationsSettled(guest);
    problems.push(...(await problemsOf(guest, "room-deck-desktop")));

    // Both like the first card (through the API: no input on either page, so every layout shift
    // the match causes counts). The host's screen gets the room's matches (its Plex links) and the
    // watchlist only once its overlay is up, as a slow server would send them, and the watchlist
    // says the film has no Plex match (its widest label, as for a film Plex did not identify): what
    // arrives late fills space kept for it and moves nothing.
    const first = await host.getByTestId("swipe-card").getByTestId("film-card").getAttribute("data-rating-key");
    let overlayUp!: () => void;
    const late = new Promise<void>((resolve) => (overlayUp = resolve));
    const lateParts = /\/api\/rooms\/[A-Z2-9]+\/(matches|watchlist)(\?|$)/;
    await host.route(lateParts, async (route) => {
      await late;
      if (!route.request().url().includes("/watchlist")) return route.continue();
      const response = await route.fetch();
      const state = (await response.json()) as { films: Record<string, string> };
      await route.fulfill({ response, json: { ...state, films: { ...state.films, [first!]: "unavailable" } } });
    });
    const before = await Promise.all([host, guest].map((p) => p.evaluate(() => performance.now())));
    for (const page of [host, guest]) {
      const res = await page.request.post(`${env.app.url}/api/rooms/${code}/swipes`, { data: { ratingKey: first, liked: true } });
      expect(res.status()).toBeLessThan(300);
    }
    await host.getByTestId("match-overlay").waitFor();
    await expect(host.getByTestId("open-in-plex").count()).resolves.toBe(0);
    overlayUp();
    await host.getByTestId("open-in-plex").waitFor();
    await host.locator("[data-testid=match-actions] [data-status=loading]").waitFor({ state: "detached" });
    await host.unroute(lateParts);
    for (const [i, page] of [host, guest].entries()) {
      await page.getByTestId("match-overlay").waitFor();
      await animationsSettled(page);
      const shift = await layoutShiftSince(page, before[i]);
      if (shift.total > 0.01) problems.push(`layout shift ${shift.total.toFixed(3)} of the match overlay (${i ? "guest" : "host"}): ${shift.moved.join("; ")}`);
    }
    problems.push(...(await problemsOf(host, "match-overlay-phone")));
    problems.push(...(await problemsOf(guest, "match-overlay-desktop")));
    await host.getByTestId("keep-swiping").click();
    await host.getByTestId("tab-matches").click();
    await host.getByTestId("match-row").first().waitFor();
    problems.push(...(await problemsOf(host, "room-matches-phone")));
    await guest.getByTestId("keep-swiping").click();
    // A desktop has no tabs: the matches are beside the deck.
    if (await guest.getByTestId("tab-matches").isVisible()) await guest.getByTestId("tab-matches").click();
    await guest.getByTestId("match-row").first().waitFor();
    problems.push(...(await problemsOf(guest, "room-matches-desktop")));
    expect(problems.join("\n")).toBe("");
    await hostContext.close();
    await guestContext.close();
  }, 240_000);
});
