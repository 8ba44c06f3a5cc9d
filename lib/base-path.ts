/**
 * The sub-path Reelmatch is served under (BASE_PATH; "" at the root). Next.js adds it to its own
 * links, router pushes, redirect() and assets; every URL the app builds itself (fetch,
 * EventSource, plain <a href>, window.location, cookie paths, Location headers) goes through
 * withBase. The value is written into the build when the server starts (scripts/server.mjs), so it
 * is the same on the server and in the browser.
 */
export const basePath: string = process.env.REELMATCH_BASE_PATH ?? "";

/** An app path ("/api/rooms") as the browser must ask for it ("/reelmatch/api/rooms"). */
export function withBase(path: string): string {
  return `${basePath}${path}`;
}

/** The Path attribute of the app's cookies: the sub-path, so no other app on the host receives them. */
export const cookiePath: string = basePath || "/";
