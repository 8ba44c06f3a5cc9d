// npm run bench:first-load - the first-load JavaScript budget of issue 13, on the production build
// (REELMATCH_DIST_DIR, else .next): what a browser downloads to show a signed-in room page, and,
// for comparison, the landing and join pages and the framework alone. Exits with 1 above the budget.
// Deterministic: it reads the build's files as served (gzip), no browser, no timing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { startAppWithPlex } from "../tests/helpers/plex-app";
import { describeFirstLoadJs, measureFirstLoadJs, ROOM_FIRST_LOAD_BUDGET_KB } from "./first-load-js";
import { api, signIn } from "./support";

async function main(): Promise<number> {
  const env = await startAppWithPlex({ databaseKind: "sqlite", fake: { films: 30 }, env: { LOG_LEVEL: "warn" } });
  try {
    const cookie = await signIn(env.app.url, env.fake, "olivia");
    const room = await api<{ code: string }>(env.app.url, cookie, "POST", "/api/rooms", { sectionIds: ["1"] });
    const roomJs = await measureFirstLoadJs(`${env.app.url}/r/${room.body.code}`, { cookie });
    const landing = await measureFirstLoadJs(`${env.app.url}/`);
    const join = await measureFirstLoadJs(`${env.app.url}/join`);

    // What every page loads before any of the app's code: React DOM and the Next.js runtime
    // (the build manifest's rootMainFiles), as served.
    const distDir = path.resolve(__dirname, "..", process.env.REELMATCH_DIST_DIR || ".next");
    const manifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
    const framework = new Set(manifest.rootMainFiles.map((f) => path.basename(f)));
    const frameworkKb = roomJs.files.filter((f) => framework.has(f.file)).reduce((sum, f) => sum + f.kb, 0);

    console.log(`room page (signed in), ${roomJs.files.length} files:\n${describeFirstLoadJs(roomJs)}`);
    console.log(
      `\nloaded first by every page (React DOM and the Next.js runtime, ${framework.size} files): ${frameworkKb.toFixed(1)} kB; ` +
        `the rest (the app's code, Next.js's layout and page components): ${(roomJs.totalKb - frameworkKb).toFixed(1)} kB`,
    );
    console.log(`landing page: ${landing.totalKb.toFixed(1)} kB in ${landing.files.length} files; join page: ${join.totalKb.toFixed(1)} kB in ${join.files.length} files`);
    const ok = roomJs.totalKb <= ROOM_FIRST_LOAD_BUDGET_KB;
    console.log(`\n${ok ? "ok  " : "FAIL"} room page first-load JavaScript: ${roomJs.totalKb.toFixed(1)} kB gzip (budget <= ${ROOM_FIRST_LOAD_BUDGET_KB} kB)`);
    return ok ? 0 : 1;
  } finally {
    await env.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
