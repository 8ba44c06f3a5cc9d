// node scripts/bundle.mjs OUT - assembles the self-contained server folder the container image runs
// (the Dockerfile calls it; tests/integration/container.test.ts runs the same folder without
// Docker): Next.js's standalone output (server code and the node_modules it needs), the static
// assets, public/, the database migrations and scripts/server.mjs. Needs a production build
// (`npm run build`; REELMATCH_DIST_DIR names the build folder, .next unless set). The folder it
// makes always holds the build as .next, and the server never writes into it.
import fs from "node:fs";
import path from "node:path";
import { distDir, root } from "./lib/next.mjs";
import { SERVER_NODE_FLAGS } from "./lib/server-flags.mjs";

const out = process.argv[2] && path.resolve(process.argv[2]);
if (!out) {
  console.error("usage: node scripts/bundle.mjs OUT   (OUT: the folder to make; it must not exist yet)");
  process.exit(2);
}
const built = path.join(root, distDir());
const standalone = path.join(built, "standalone");
if (!fs.existsSync(path.join(standalone, distDir(), "BUILD_ID"))) {
  console.error(`No standalone build in ${standalone}: run \`npm run build\` first.`);
  process.exit(1);
}
if (fs.existsSync(out)) {
  console.error(`${out} already exists: give a new folder.`);
  process.exit(1);
}

const copy = (from, to) => fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
fs.mkdirSync(out, { recursive: true });
for (const entry of fs.readdirSync(standalone)) {
  // Next.js's own server.js is replaced by scripts/server.mjs (graceful shutdown, BASE_PATH).
  if (entry === "server.js") continue;
  copy(path.join(standalone, entry), path.join(out, entry === distDir() ? ".next" : entry));
}
copy(path.join(built, "static"), path.join(out, ".next/static"));
// The service worker that `next build` made (scripts/lib/build-worker.mjs; served by app/sw.js).
if (fs.existsSync(path.join(built, "worker"))) copy(path.join(built, "worker"), path.join(out, ".next/worker"));
copy(path.join(root, "public"), path.join(out, "public"));
copy(path.join(root, "prisma/migrations"), path.join(out, "prisma/migrations"));
for (const file of ["scripts/server.mjs", "scripts/healthcheck.mjs", "scripts/backup.mjs", "scripts/lib/base-path.cjs", "scripts/lib/runtime-build.mjs"]) {
  fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
  fs.copyFileSync(path.join(root, file), path.join(out, file));
}
// The build folder is named in the configuration the build recorded: it is .next here.
if (distDir() !== ".next") {
  const file = path.join(out, ".next/required-server-files.json");
  const required = JSON.parse(fs.readFileSync(file, "utf8"));
  required.config.distDir = ".next";
  required.config.distDirRoot = ".next";
  fs.writeFileSync(file, JSON.stringify(required));
}
console.log(`Reelmatch server folder ready in ${out}: run \`node ${SERVER_NODE_FLAGS.join(" ")} scripts/server.mjs\` there.`);
