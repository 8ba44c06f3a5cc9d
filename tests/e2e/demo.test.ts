import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, screenshotPath } from "../helpers/browser";
import { freePort } from "../helpers/ports";

const root = path.resolve(__dirname, "../..");

/** `npm run demo` as a newcomer runs it: it prints a URL, and the URL serves the demo. */
describe("npm run demo", () => {
  let demo: ChildProcess;
  let url: string;
  let output = "";
  const dataDir = mkdtempSync(path.join(tmpdir(), "reelmatch-demo-"));
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const port = await freePort();
    demo = spawn("npm", ["run", "demo"], { cwd: root, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    demo.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    demo.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline && !/running at (http\S+)/.test(output)) {
      if (demo.exitCode !== null) throw new Error(`npm run demo exited:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    url = /running at (http\S+)/.exec(output)?.[1] ?? "";
    expect(url).toBe(`http://localhost:${port}`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    if (demo?.pid) process.kill(-demo.pid, "SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves the demo landing page at the printed URL, and the demo accounts sign in", async () => {
    const context = await newContext(browser.browser, "phone");
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.getByTestId("demo-panel").innerText()).toMatch(/This is a demo[\s\S]*Olivia[\s\S]*Frank[\s\S]*Sam/);
    await page.getByTestId("sign-in").click();
    await page.getByTestId("continue-with-plex").click();
    await page.getByTestId("approve-olivia").click();
    await page.getByTestId("user-name").waitFor();
    expect(await page.getByTestId("user-name").innerText()).toBe("Olivia");
    expect(await page.getByTestId("server-name").innerText()).toBe("Reelmatch Demo Server");
    await page.screenshot({ path: screenshotPath("demo-signed-in-phone") });
    await context.close();
  });
});
