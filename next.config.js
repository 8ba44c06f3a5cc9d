// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
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
};

module.exports = nextConfig;
