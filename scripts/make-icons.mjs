// Renders the PNG icons of the web app manifest and iOS from app/icon.svg with headless Chromium
// (sharp's native install is off in this project). Run after changing app/icon.svg and commit the PNGs:
//   node scripts/make-icons.mjs
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const root = path.resolve(import.meta.dirname, "..");
const svg = readFileSync(path.join(root, "app/icon.svg"), "utf8");
const inner = svg.replace(/^<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
// The first element is the rounded background; the rest is the picture.
const [, background, picture] = /^(<rect[^>]*\/>)([\s\S]*)$/.exec(inner) ?? [];
if (!background || !picture) throw new Error("app/icon.svg: expected a background <rect/> followed by the picture");
const fill = /fill="([^"]+)"/.exec(background)?.[1] ?? "#000";

/** Full-bleed square (the platform cuts its own shape) with the picture scaled about the centre. */
function fullBleed(scale) {
  const offset = (64 - 64 * scale) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${fill}"/><g transform="translate(${offset} ${offset}) scale(${scale})">${picture}</g></svg>`;
}

const icons = [
  { file: "public/icons/icon-192.png", size: 192, svg },
  { file: "public/icons/icon-512.png", size: 512, svg },
  // Maskable: the picture inside the safe zone (the middle 80 % circle).
  { file: "public/icons/icon-maskable-512.png", size: 512, svg: fullBleed(0.72) },
  // iOS rounds the corners itself and shows transparency as black.
  { file: "public/apple-touch-icon.png", size: 180, svg: fullBleed(0.86) },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const data = Buffer.from(icon.svg).toString("base64");
    await page.setContent(`<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${data}" width="${icon.size}" height="${icon.size}" style="display:block"></body></html>`);
    await page.waitForFunction(() => document.images[0]?.complete);
    await page.screenshot({ path: path.join(root, icon.file), omitBackground: true });
    await page.close();
    console.log(`${icon.file} (${icon.size} px)`);
  }
} finally {
  await browser.close();
}
