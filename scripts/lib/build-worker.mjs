// Builds the service worker after Next.js compiled the app (next.config.js runs this from
// compiler.runAfterProductionCompile, so `next build` always makes it): the precache list of the
// public app shell from the build folder (@serwist/build), and lib/pwa/service-worker.ts bundled
// with Serwist (esbuild) into <distDir>/worker/sw.js, which app/sw.js/route.ts serves.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { getManifest } from "@serwist/build";
import { build } from "esbuild";

/** Public files every visitor gets alike (never a page that depends on who asks). */
const PUBLIC_SHELL = ["offline", "manifest.webmanifest", "icon.svg", "icons/icon-192.png", "icons/icon-512.png", "icons/icon-maskable-512.png", "apple-touch-icon.png"];

export async function buildWorker({ distDir, projectDir }) {
  const dist = path.resolve(projectDir, distDir);
  // One revision per build for the files whose URL does not change with their content.
  const revision = randomUUID();
  const { manifestEntries, warnings } = await getManifest({
    globDirectory: dist,
    // Next's static output: hashed, immutable names. URLs stay relative to the worker's own URL.
    globPatterns: ["static/**/*.{js,css,woff2,png,svg}"],
    modifyURLPrefix: { "static/": "_next/static/" },
    dontCacheBustURLsMatching: /^_next\/static\//,
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    additionalPrecacheEntries: PUBLIC_SHELL.map((url) => ({ url, revision })),
  });
  for (const warning of warnings) console.warn(`service worker: ${warning}`);
  await build({
    entryPoints: [path.join(projectDir, "lib/pwa/service-worker.ts")],
    outfile: path.join(dist, "worker/sw.js"),
    bundle: true,
    format: "iife",
    minify: true,
    target: "es2020",
    legalComments: "none",
    logLevel: "warning",
    define: { "self.__SW_MANIFEST": JSON.stringify(manifestEntries), "process.env.NODE_ENV": '"production"' },
  });
  console.log(`service worker: ${manifestEntries.length} files precached`);
}
