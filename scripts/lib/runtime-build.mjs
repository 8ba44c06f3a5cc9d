// The build folder scripts/server.mjs serves: a copy of the production build with BASE_PATH written
// where the build has its placeholder sub-path (scripts/lib/base-path.cjs). The copy goes to a
// writable temporary folder, so the application folder itself can stay read-only (the container
// image); it is made once per build and sub-path and reused by later starts.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import basePathModule from "./base-path.cjs";

const { PLACEHOLDER } = basePathModule;
const TOKEN = PLACEHOLDER.slice(1);
/** The placeholder with its leading "/", which JSON and regular expressions may escape ("\/", "\\/"). */
const OCCURRENCE = new RegExp(`(\\\\*/)${TOKEN}`, "g");
/** Folders of the build that the server never reads (or that a copy must not carry). */
const SKIPPED = new Set(["cache", "standalone", "trace", "trace-build", "diagnostics"]);
const MARKER = ".reelmatch-runtime.json";

/** A problem with the temporary folder that the person running Reelmatch must fix (the message says how). */
export class RuntimeBuildError extends Error {}

/** Text with the placeholder replaced by basePath ("" removes it), escaped as each occurrence was. */
export function substituteBasePath(text, basePath) {
  return text.replace(OCCURRENCE, (_, slash) => (basePath ? basePath.replaceAll("/", slash) : ""));
}

/**
 * A build made with a sub-path redirects "<sub-path>/" to "<sub-path>"; at the root that rule would
 * read "/" -> "" (a build without a sub-path has no such rule): it is dropped.
 */
function withoutRootRedirect(routesManifest) {
  const manifest = JSON.parse(routesManifest);
  manifest.redirects = manifest.redirects.filter((r) => !(r.internal && r.source === "/" && r.destination === ""));
  return JSON.stringify(manifest, null, 2);
}

function copyBuild(from, to, basePath) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) copyBuild(source, target, basePath);
    } else if (entry.isSymbolicLink()) {
      // Links to external packages (node_modules/...), relative: the copy sits at the same depth.
      fs.symlinkSync(fs.readlinkSync(source), target);
    } else if (entry.isFile()) {
      const content = fs.readFileSync(source);
      if (content.includes(TOKEN)) {
        const text = substituteBasePath(content.toString("utf8"), basePath);
        fs.writeFileSync(target, entry.name === "routes-manifest.json" && !basePath ? withoutRootRedirect(text) : text);
      } else fs.writeFileSync(target, content);
    }
  }
}

/**
 * Prepares (or finds) the runtime copy of the build in `appDir/distDir` for `basePath`, and returns
 * the folder to give Next.js as its `dir` and the Next.js configuration the build recorded (with the
 * sub-path). The runtime folder holds the substituted build under the same name and links to
 * everything else at the top of appDir (node_modules, public, package.json, ...).
 */
export function prepareRuntimeBuild({ appDir, distDir, basePath, tmpDir = os.tmpdir() }) {
  const built = path.join(appDir, distDir);
  const buildIdFile = path.join(built, "BUILD_ID");
  if (!fs.existsSync(buildIdFile)) throw new RuntimeBuildError(`Reelmatch has not been built yet: there is no production build in ${built}. Run \`npm run build\` first.`);
  const buildId = fs.readFileSync(buildIdFile, "utf8").trim();
  const app = createHash("sha256").update(`${fs.realpathSync(appDir)}\0${distDir}`).digest("hex").slice(0, 12);
  const key = createHash("sha256").update(`${buildId}\0${basePath}`).digest("hex").slice(0, 12);
  const dir = path.join(tmpDir, `reelmatch-runtime-${app}-${key}`);
  if (!fs.existsSync(path.join(dir, MARKER))) {
    // Made aside and renamed into place: instances starting together never see half a copy.
    const partial = `${dir}.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      copyBuild(built, path.join(partial, distDir), basePath);
      for (const entry of fs.readdirSync(appDir)) {
        if (entry !== distDir && !fs.existsSync(path.join(partial, entry))) fs.symlinkSync(path.join(appDir, entry), path.join(partial, entry));
      }
      fs.writeFileSync(path.join(partial, MARKER), JSON.stringify({ appDir, distDir, buildId, basePath }));
      fs.renameSync(partial, dir);
    } catch (error) {
      fs.rmSync(partial, { recursive: true, force: true });
      // Another instance finished first: use its copy.
      if (!fs.existsSync(path.join(dir, MARKER))) {
        if (["EACCES", "EROFS", "ENOSPC", "EPERM"].includes(error.code)) {
          throw new RuntimeBuildError(`Reelmatch cannot start: it writes a copy of its build (with BASE_PATH written in, about 25 MB) to ${tmpDir}, which failed (${error.code}). Give it a writable temporary folder: TMPDIR, or a tmpfs on /tmp for a read-only container.`);
        }
        throw error;
      }
    }
    removeStaleCopies(tmpDir, `reelmatch-runtime-${app}-`, path.basename(dir));
  }
  const { config } = JSON.parse(fs.readFileSync(path.join(dir, distDir, "required-server-files.json"), "utf8"));
  return { dir, config };
}

/** Copies of earlier builds of this app folder (a rebuild makes them useless). */
function removeStaleCopies(tmpDir, prefix, keep) {
  for (const entry of fs.readdirSync(tmpDir)) {
    if (!entry.startsWith(prefix) || entry === keep || entry.includes(".partial-")) continue;
    try {
      const marker = JSON.parse(fs.readFileSync(path.join(tmpDir, entry, MARKER), "utf8"));
      const current = fs.readFileSync(path.join(marker.appDir, marker.distDir, "BUILD_ID"), "utf8").trim();
      if (marker.buildId !== current) fs.rmSync(path.join(tmpDir, entry), { recursive: true, force: true });
    } catch {
      // not ours to judge, or being removed by someone else
    }
  }
}
