import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app";
import { cspViolations, launchBrowser, newContext, screenshotPath } from "../helpers/browser";

describe("the demo landing page", () => {
  let app: RunningApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    app = await startApp({ databaseKind: "sqlite", env: { DEMO: "true" } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await app?.database.drop();
  });

  for (const kind of ["phone", "desktop"] as const) {
    it(`says what Reelmatch is and offers the demo accounts (${kind})`, async () => {
      const context = await newContext(browser.browser, kind);
      const page = await context.newPage();
      await page.goto(app.url);
      await expect(page.title()).resolves.toBe("Reelmatch");
      await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toMatch(/Stop scrolling/);
      const signIn = page.getByTestId("sign-in");
      expect(await signIn.isVisible()).toBe(true);
      expect(await signIn.innerText()).toBe("Sign in with Plex");
      const demo = page.getByTestId("demo-panel");
      expect(await demo.isVisible()).toBe(true);
      const demoText = await demo.innerText();
      for (const name of ["Olivia", "Frank", "Sam"]) expect(demoText).toContain(name);
      // Nothing overflows sideways on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath(`landing-${kind}`), fullPage: true });
      await context.close();
    });
  }

  it("markup injected into a page cannot run script, and the browser reports the attempt", async () => {
    const context = await newContext(browser.browser, "desktop");
    const page = await context.newPage();
    await page.goto(app.url);
    const before = cspViolations.length;
    // The classic XSS: markup with an inline handler slipped into the page.
    const ran = await page.evaluate(async () => {
      const box = document.createElement("div");
      box.innerHTML = '<img src="data:," onerror="window.__injected = true" onload="window.__injected = true">';
      document.body.appendChild(box);
      await new Promise((r) => setTimeout(r, 300));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => cspViolations.length, { timeout: 5000 }).toBeGreaterThan(before);
    expect(cspViolations.slice(before).join("\n")).toMatch(/script-src/);
    // this one was on purpose
    cspViolations.splice(before);
    await context.close();
  });
});
