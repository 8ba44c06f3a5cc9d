// One end-to-end file's app (with its fake Plex servers) and browser, started before its tests and
// stopped after them.
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { startAppWithPlex, type PlexApp } from "./plex-app";

export type LaunchedBrowser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * Starts the app and a browser before the file's tests (or the describe block's, when called in
 * one) and stops both after them. `started` receives them, once both run (the tests' variables are
 * set there; it may also do the file's own first steps).
 */
export function appAndBrowserForTests(
  options: Parameters<typeof startAppWithPlex>[0],
  started: (suite: { env: PlexApp; browser: LaunchedBrowser }) => unknown,
): void {
  let env: PlexApp | undefined;
  let browser: LaunchedBrowser | undefined;
  beforeAll(async () => {
    env = await startAppWithPlex(options);
    browser = await launchBrowser();
    await started({ env, browser });
  });
  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });
}
