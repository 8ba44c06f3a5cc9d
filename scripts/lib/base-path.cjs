// The sub-path Reelmatch is served under (BASE_PATH), shared by next.config.js and
// scripts/server.mjs. Next.js fixes basePath when it builds, so a production build is made under
// PLACEHOLDER and scripts/server.mjs writes the real BASE_PATH into a copy of the build when it
// starts (scripts/lib/runtime-build.mjs): one build serves "/" and any sub-path.
"use strict";

/** The basePath every production build is made under; never served as such. */
const PLACEHOLDER = "/__reelmatch_base_path__";

/**
 * Validates BASE_PATH: "" (or unset, or "/") is the root; otherwise "/" followed by segments of
 * letters, digits, "-" and "_" (such as /reelmatch or /apps/reelmatch). A trailing "/" is dropped.
 * Throws an Error naming the variable when the value cannot be a path.
 */
function parseBasePath(value) {
  const v = (value ?? "").trim().replace(/\/+$/, "");
  if (v === "") return "";
  if (!/^(\/[A-Za-z0-9_-]+)+$/.test(v)) {
    throw new Error(`BASE_PATH must be a path such as /reelmatch (a "/" then letters, digits, "-" or "_"; several segments allowed) or empty for the root (got ${JSON.stringify(value)})`);
  }
  return v;
}

module.exports = { PLACEHOLDER, parseBasePath };
