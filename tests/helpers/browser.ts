import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** Viewports we check every screen at. */
export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

export const screenshotDir = path.resolve(__dirname, "../../.tmp/screenshots");

/**
 * Launches Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium) headless with the flags that
 * keep it from reaching for the network (playwright gives it a fresh temporary profile).
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
  ],
};

export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

/**
 * Every Content-Security-Policy violation any page of any context reported (the e2e setup file
 * fails a test file that leaves one here).
 */
export const cspViolations: string[] = [];

/** A phone-sized, touch-enabled context (or a desktop one) that records CSP violations. */
export async function newContext(browser: Browser, kind: "phone" | "desktop" = "phone"): Promise<BrowserContext> {
  const context =
    kind === "phone"
      ? await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
      : await browser.newContext({ viewport: DESKTOP });
  await recordCspViolations(context);
  return context;
}

/** Adds every CSP violation of the context's pages to `cspViolations`. */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  // Injected by the browser itself (not subject to the page's CSP): reports each violation to the console.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${location.pathname}`));
  });
  context.on("console", (message) => {
    const text = message.text();
    if (/CSP violation|Content Security Policy/i.test(text)) cspViolations.push(text);
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, `${name}.png`);
}

/** Waits until every image on the page has loaded (so screenshots show posters, not placeholders). */
export async function waitForImages(page: Page, timeoutMs = 5000): Promise<void> {
  await page
    .waitForFunction(() => Array.from(document.images).every((img) => img.complete), undefined, { timeout: timeoutMs })
    .catch(() => undefined);
}
