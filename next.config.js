// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // npm test builds into its own folder so a test run never races a build for the demo or dev.
  distDir: process.env.REELMATCH_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Responses are small JSON and event streams on a home network; a reverse proxy in front
  // compresses if wanted. Compressing here cost noticeable CPU per swipe (npm run bench).
  compress: false,
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
};

module.exports = nextConfig;
