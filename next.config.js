// @ts-check
const { PHASE_DEVELOPMENT_SERVER } = require("next/constants");
const { PLACEHOLDER, parseBasePath } = require("./scripts/lib/base-path.cjs");
const createNextIntlPlugin = require("next-intl/plugin");

// Messages come from i18n/request.ts (the locale from a cookie or Accept-Language; no locale in URLs).
// The catalogues are precompiled when built, so the browser gets no ICU parser, only the formatter.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

/** @type {(phase: string) => import("next").NextConfig} */
const nextConfig = (phase) => {
  // A production build is made under a placeholder sub-path that scripts/server.mjs replaces with
  // BASE_PATH when it starts (scripts/lib/base-path.cjs); the dev server compiles as it goes and
  // takes BASE_PATH as it is.
  const basePath = phase === PHASE_DEVELOPMENT_SERVER ? parseBasePath(process.env.BASE_PATH) : PLACEHOLDER;
  return withNextIntl({
    basePath,
    // lib/base-path.ts: the sub-path for the URLs the app builds itself (fetch, EventSource, cookies).
    env: { REELMATCH_BASE_PATH: basePath },
    // The container image runs this self-contained server folder (Dockerfile, scripts/bundle.mjs).
    output: "standalone",
    // npm test builds into its own folder so a test run never races a build for the demo or dev.
    distDir: process.env.REELMATCH_DIST_DIR || ".next",
    reactStrictMode: true,
    poweredByHeader: false,
    // Pages, scripts and styles go out gzip-compressed (a phone on a slow link downloads a third).
    // Swipe answers are below the 1 kB the compressor starts at, and event streams are never
    // compressed: lib/realtime/sse-stream.ts sends `Cache-Control: no-transform`, which the
    // compressor honours, so every event still leaves at once (tests/integration/compression.test.ts).
    compress: true,
    // Both generated Prisma clients, their driver adapters and the native drivers stay outside the
    // bundle: the database is chosen at run time from DATABASE_URL, so one build serves both.
    serverExternalPackages: [
      ".prisma/sqlite",
      ".prisma/postgresql",
      "@prisma/client",
      "@prisma/adapter-better-sqlite3",
      "@prisma/adapter-pg",
      "better-sqlite3",
      "pg",
    ],
    images: { unoptimized: true },
    compiler: {
      // The service worker needs the list of built static files: scripts/lib/build-worker.mjs.
      runAfterProductionCompile: async ({ distDir, projectDir }) => {
        const { buildWorker } = await import("./scripts/lib/build-worker.mjs");
        await buildWorker({ distDir, projectDir });
      },
    },
    // npm test runs `tsc --noEmit` itself before building; checking again here doubles build time.
    typescript: { ignoreBuildErrors: true },
    async headers() {
      return [
        {
          source: "/:path*",
          headers: [
            { key: "X-Content-Type-Options", value: "nosniff" },
            { key: "Referrer-Policy", value: "same-origin" },
            { key: "X-Frame-Options", value: "DENY" },
          ],
        },
      ];
    },
  });
};

module.exports = nextConfig;
