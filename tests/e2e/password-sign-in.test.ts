import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { newContext, screenshotPath } from "../helpers/browser";
import { appAndBrowserForTests, type LaunchedBrowser } from "../helpers/e2e-suite";
import type { PlexApp } from "../helpers/plex-app";

/** Password sign-in (PLEX_PASSWORD_SIGNIN=true) as a person types it, two-factor code included. */
describe("password sign-in in Chromium", () => {
  let env: PlexApp;
  let browser: LaunchedBrowser;
  appAndBrowserForTests({ databaseKind: "sqlite", env: { PLEX_PASSWORD_SIGNIN: "true" } }, (started) => ({ env, browser } = started));

  const login = (page: Page) => page.getByLabel("Plex email or username");
  const password = (page: Page) => page.getByLabel("Password", { exact: true });
  const code = (page: Page) => page.getByLabel("Two-factor code");
  const message = (page: Page) => page.getByTestId("password-message");

  async function openFromSignInPage(page: Page) {
    await page.goto(`${env.app.url}/signin`);
    await page.getByTestId("use-password").click();
    await page.waitForURL(`${env.app.url}/signin/password`);
  }

  async function expectSignedInAs(page: Page, name: string) {
    await page.waitForURL(`${env.app.url}/`);
    expect(await page.getByTestId("user-name").innerText()).toBe(name);
  }

  it("a wrong password keeps login and password in the form; the right one signs in", async () => {
    const context = await newContext(browser.browser, "phone");
    const page = await context.newPage();
    await openFromSignInPage(page);
    await login(page).fill("olivia");
    await password(page).fill("not-her-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => message(page).textContent()).toMatch(/login or password is wrong/);
    expect(await login(page).inputValue()).toBe("olivia");
    expect(await password(page).inputValue()).toBe("not-her-password");
    await password(page).fill("owner-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectSignedInAs(page, "Olivia");
    await context.close();
  });

  it("a two-factor account gets the code step with its login kept; a wrong code is refused, the right one signs in", async () => {
    const context = await newContext(browser.browser, "desktop");
    const page = await context.newPage();
    await openFromSignInPage(page);
    await login(page).fill("frank@example.com");
    await password(page).fill("friend-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await code(page).waitFor();
    expect(await message(page).textContent()).toMatch(/6-digit code/);
    expect(await login(page).inputValue()).toBe("frank@example.com");
    expect(await password(page).inputValue()).toBe("friend-password");
    await page.screenshot({ path: screenshotPath("password-code-step-desktop") });

    await code(page).fill("000000");
    await page.getByRole("button", { name: "Verify code" }).click();
    await expect.poll(() => message(page).textContent()).toMatch(/two-factor code is wrong/);
    expect(await login(page).inputValue()).toBe("frank@example.com");

    await code(page).fill(env.fake.fixtures.twoFactorCode);
    await page.getByRole("button", { name: "Verify code" }).click();
    await expectSignedInAs(page, "Frank");
    await context.close();
  });

  it("opening /signin/password directly (a bookmark) works", async () => {
    const context = await newContext(browser.browser, "phone");
    const page = await context.newPage();
    await page.goto(`${env.app.url}/signin/password`);
    await page.waitForURL(`${env.app.url}/signin/password`);
    await login(page).fill("olivia");
    await password(page).fill("owner-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectSignedInAs(page, "Olivia");
    await context.close();
  });
});
