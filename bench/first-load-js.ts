import http from "node:http";
import path from "node:path";
import { gunzipSync } from "node:zlib";

/** Issue 13's budget for the room page's first-load JavaScript, kB gzip. */
export const ROOM_FIRST_LOAD_BUDGET_KB = 130;

/** One script file the page makes the browser download, as sent with gzip. */
export interface ScriptFile {
  file: string;
  /** Bytes on the wire (gzip), in kB (1000 bytes). */
  kb: number;
  /** Where the page names it: a <script> tag, a <link rel=preload>, or only the inline RSC payload. */
  via: "script" | "preload" | "payload";
}

export interface FirstLoadJs {
  totalKb: number;
  files: ScriptFile[];
  /** `nomodule` scripts (Next.js's legacy polyfills): named, not counted (see below). */
  skipped: { file: string; kb: number }[];
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
}

/** GET with node:http (fetch would decompress): the status, headers and the bytes as sent. */
function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/**
 * The page's first-load JavaScript: every script file the browser downloads to show and hydrate
 * the page, in bytes as the server sends them to a browser that accepts gzip. Counted, each once:
 * every `<script src>`, every `<link rel=preload|modulepreload as=script>`, and every chunk the
 * inline React Server Components payload names (its client references, which React loads before
 * hydrating; Next.js also writes most of them as script tags). Not counted: `nomodule` scripts,
 * which every browser Next.js 16 supports skips (they all run modules), and chunks loaded later
 * with `import()`, which the HTML does not name.
 */
export async function measureFirstLoadJs(pageUrl: string, headers: Record<string, string> = {}): Promise<FirstLoadJs> {
  const page = await rawGet(pageUrl, { ...headers, "accept-encoding": "gzip" });
  if (page.status !== 200) throw new Error(`${pageUrl} answered ${page.status}`);
  const html = (page.headers["content-encoding"] === "gzip" ? gunzipSync(page.bytes) : page.bytes).toString();

  const found = new Map<string, ScriptFile["via"]>();
  const noModule = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = /\ssrc="([^"]+)"/i.exec(tag)?.[1];
    if (!src) continue;
    if (/\snomodule\b/i.test(tag)) noModule.add(src);
    else found.set(src, "script");
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = /\shref="([^"]+)"/i.exec(tag)?.[1];
    if (href && /\srel="(?:preload|modulepreload)"/i.test(tag) && (/\sas="script"/i.test(tag) || /modulepreload/i.test(tag)) && !found.has(href)) {
      found.set(href, "preload");
    }
  }
  // The payload sits in inline scripts as JSON strings, so its quotes may be escaped.
  for (const [src] of html.matchAll(/[^"\s\\]*\/_next\/static\/[^"\s\\]+\.js/g)) {
    if (!found.has(src) && !noModule.has(src)) found.set(src, "payload");
  }

  const sizeOf = async (src: string): Promise<number> => {
    const res = await rawGet(new URL(src, pageUrl).toString(), { "accept-encoding": "gzip" });
    if (res.status !== 200) throw new Error(`${src} answered ${res.status}`);
    // The compressor leaves out answers under 1 kB.
    if (res.headers["content-encoding"] !== "gzip" && res.bytes.length > 1024) throw new Error(`${src} was sent uncompressed`);
    return res.bytes.length / 1000;
  };
  const files: ScriptFile[] = [];
  for (const [src, via] of found) files.push({ file: path.basename(src), kb: await sizeOf(src), via });
  files.sort((a, b) => b.kb - a.kb);
  const skipped = [];
  for (const src of noModule) skipped.push({ file: path.basename(src), kb: await sizeOf(src) });
  return { totalKb: files.reduce((sum, f) => sum + f.kb, 0), files, skipped };
}

/** One line per file, largest first. */
export function describeFirstLoadJs(js: FirstLoadJs): string {
  const lines = js.files.map((f) => `  ${f.kb.toFixed(1).padStart(6)} kB  ${f.file}${f.via === "script" ? "" : ` (${f.via})`}`);
  for (const s of js.skipped) lines.push(`  (${s.kb.toFixed(1).padStart(5)} kB  ${s.file}: nomodule, not loaded by current browsers, not counted)`);
  return lines.join("\n");
}
