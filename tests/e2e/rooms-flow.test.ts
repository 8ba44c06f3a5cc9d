import { readFileSync } from "node:fs";
import jsQR from "jsqr";
import type { BrowserContext, Page } from "playwright-core";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { newContext, screenshotPath, waitForImages } from "../helpers/browser";
import { appAndBrowserForTests, type LaunchedBrowser } from "../helpers/e2e-suite";
import type { PlexApp } from "../helpers/plex-app";
import { signedInContext as signedInBrowserContext } from "../helpers/sign-in";

let env: PlexApp;
let browser: LaunchedBrowser;

appAndBrowserForTests({ fake: { films: 300 } }, (started) => ({ env, browser } = started));

function signedInContext(kind: "phone" | "desktop"): Promise<BrowserContext> {
  return signedInBrowserContext(browser.browser, env.app.url, env.fake, "olivia", kind);
}

async function topTitle(page: Page): Promise<string> {
  return page.getByTestId("swipe-card").getByTestId("film-title").innerText();
}

async function dragCard(page: Page, dx: number): Promise<void> {
  const box = (await page.getByTestId("swipe-card").boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 3;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(x + (dx * i) / 8, y + i);
  await page.mouse.up();
}

async function progressOf(page: Page): Promise<number> {
  return Number((await page.getByTestId("progress").innerText()).split(" of ")[0]);
}

describe("a room from creation to match, in two browsers", () => {
  it("host on a phone and a guest swipe by drag and keys; the match shows on both screens", async () => {
    const hostContext = await signedInContext("phone");
    const host = await hostContext.newPage();
    await host.goto(`${env.app.url}/rooms/new`);
    await host.getByTestId("create-room-form").waitFor();
    await waitForImages(host);
    await host.screenshot({ path: screenshotPath("rooms-create-phone"), fullPage: true });
    await host.locator('input[name="yearFrom"]').fill("1980");
    await host.locator('select[name="maxMinutes"]').selectOption("150");
    await host.getByTestId("create-room-submit").click();
    await host.waitForURL(/\/r\/[A-Z2-9]{8}$/);
    const code = host.url().split("/r/")[1]!;
    const joinUrl = `${env.app.url}/r/${code}`;
    await host.getByTestId("swipe-card").waitFor();
    await waitForImages(host);
    await host.screenshot({ path: screenshotPath("rooms-swipe-phone") });

    // The QR code on the invite tab decodes to the join link.
    await host.getByTestId("tab-invite").click();
    const qr = host.locator("[data-testid=qr-code]:visible");
    await qr.waitFor();
    await waitForImages(host);
    await host.screenshot({ path: screenshotPath("rooms-invite-phone") });
    const png = PNG.sync.read(await qr.screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(joinUrl);
    expect(await host.locator("[data-testid=join-url]:visible").innerText()).toBe(joinUrl);
    await host.getByTestId("tab-swipe").click();

    // The guest opens the link on a desktop browser and joins with a name.
    const guestContext = await newContext(browser.browser, "desktop");
    const guest = await guestContext.newPage();
    const pageErrors: string[] = [];
    guest.on("pageerror", (e) => pageErrors.push(e.message));
    guest.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(m.text());
    });
    host.on("pageerror", (e) => pageErrors.push(e.message));
    await guest.goto(joinUrl);
    await guest.locator('input[name="name"]').fill("Gus");
    await waitForImages(guest);
    await guest.screenshot({ path: screenshotPath("rooms-join-desktop") });
    await guest.getByTestId("join-room-submit").click();
    await guest.getByTestId("swipe-card").waitFor();
    await expect.poll(() => host.getByText("2 people").count()).toBe(1);

    // Same first card for both.
    const first = await topTitle(host);
    expect(await topTitle(guest)).toBe(first);
    const total = Number((await host.getByTestId("progress").innerText()).split(" of ")[1]);
    expect(total).toBeGreaterThan(10);

    // Host: nope by dragging left, then undo; guest: nope by the left arrow key.
    await dragCard(host, -220);
    await expect.poll(() => progressOf(host)).toBe(1);
    await host.getByTestId("undo").click();
    await expect.poll(() => topTitle(host)).toBe(first);
    expect(await progressOf(host)).toBe(0);

    // Host likes the first card by dragging right; guest by the right arrow key: a match.
    await dragCard(host, 240);
    await expect.poll(() => progressOf(host)).toBe(1);
    await guest.keyboard.press("ArrowRight");
    for (const page of [host, guest]) {
      await page.getByTestId("match-overlay").waitFor({ timeout: 10_000 });
      expect(await page.getByTestId("match-title").innerText()).toBe(first);
    }
    const machine = env.fake.fixtures.server.machineIdentifier;
    const web = host.getByTestId("open-in-plex");
    await expect.poll(() => web.getAttribute("href")).toMatch(new RegExp(`^https://app\\.plex\\.tv/desktop/#!/server/${machine}/details\\?key=%2Flibrary%2Fmetadata%2F\\d+$`));
    const rk = (await web.getAttribute("href"))!.split("%2F").pop();
    expect(await host.getByTestId("open-in-plex-app").getAttribute("href")).toBe(`plex://preplay/?metadataKey=%2Flibrary%2Fmetadata%2F${rk}&server=${machine}`);
    await waitForImages(host);
    await host.screenshot({ path: screenshotPath("rooms-match-phone") });
    await waitForImages(guest);
    await guest.screenshot({ path: screenshotPath("rooms-match-desktop") });

    // Keep swiping: the guest says nope with a drag; the matches view lists the match.
    await guest.getByTestId("keep-swiping").click();
    await dragCard(guest, -240);
    await expect.poll(() => progressOf(guest)).toBe(2);
    await guest.keyboard.press("ArrowLeft");
    await expect.poll(() => progressOf(guest), { timeout: 5000 }).toBe(3).catch(async (e: unknown) => {
      await waitForImages(guest);
      await guest.screenshot({ path: screenshotPath("rooms-failure-desktop") });
      throw new Error(`${String(e)}; page errors: ${pageErrors.join(" | ")}`);
    });
    await waitForImages(guest);
    await guest.screenshot({ path: screenshotPath("rooms-swipe-desktop") });

    // A swipe the server refuses (a 4xx: not sent again) comes back on screen, with the server's message.
    const refused = "This is not your next card. Swipe the card the room shows you, or reload the room if it seems stuck.";
    await guest.route("**/swipes", (route) => route.fulfill({ status: 409, contentType: "application/json", body: JSON.stringify({ error: { code: "conflict", message: refused } }) }));
    const shown = await topTitle(guest);
    await guest.keyboard.press("ArrowRight");
    await guest.getByText(refused).waitFor();
    await expect.poll(() => topTitle(guest)).toBe(shown);
    expect(await progressOf(guest)).toBe(3);
    await guest.unroute("**/swipes");
    // the browser logs the refused request itself; nothing else went wrong
    expect(pageErrors.filter((e) => !/409/.test(e))).toEqual([]);
    pageErrors.length = 0;
    await host.getByTestId("keep-swiping").click();
    await host.getByTestId("tab-matches").click();
    await host.getByTestId("match-row").first().waitFor();
    expect(await host.getByTestId("match-row").count()).toBe(1);
    expect(await host.getByTestId("plex-web-link").first().getAttribute("href")).toContain(`server/${machine}/details`);
    await waitForImages(host);
    await host.screenshot({ path: screenshotPath("rooms-matches-phone"), fullPage: true });

    // Details view on a card.
    await guest.getByRole("button", { name: "Details" }).click();
    await guest.getByTestId("film-details").waitFor();
    await waitForImages(guest);
    await guest.screenshot({ path: screenshotPath("rooms-details-desktop") });

    expect(pageErrors).toEqual([]);
    // The guest leaves in another tab: this tab says so, and does not break on the room's answer
    // for someone no longer in it; the other tab brings them back, and "Join again" reopens the room.
    const otherTab = await guestContext.newPage();
    await otherTab.goto(joinUrl);
    await otherTab.evaluate(async (path) => void (await fetch(path, { method: "DELETE" })), `/api/rooms/${code}/participants`);
    await guest.getByText("You left this room").waitFor({ timeout: 10_000 });
    expect(pageErrors).toEqual([]);
    await otherTab.evaluate(async (path) => void (await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })), `/api/rooms/${code}/participants`);
    await guest.getByText("Join again").click();
    await guest.locator("[data-testid=leave-room]:visible").first().waitFor({ timeout: 10_000 });

    // The host closes the room from the invite tab: the guest's screen says so without a reload
    // (its event stream ends after room_closed: a closed room sends nothing more).
    await host.getByTestId("tab-invite").click();
    host.once("dialog", (dialog) => void dialog.accept());
    await host.locator("[data-testid=close-room]:visible").click();
    await guest.getByText("The host closed this room").waitFor({ timeout: 10_000 });
    expect(await guest.locator("[data-testid=leave-room]:visible").count()).toBe(0);
    await host.getByTestId("tab-swipe").click();
    expect(pageErrors).toEqual([]);

    // Nothing overflows sideways on the phone.
    expect(await host.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(readFileSync(screenshotPath("rooms-match-phone")).length).toBeGreaterThan(1000);
    await hostContext.close();
    await guestContext.close();
  });
});
