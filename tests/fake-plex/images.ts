/**
 * Deterministic posters, backdrops and avatars: a colour gradient plus simple shapes derived from
 * a seed, encoded as real JPEG or PNG (sharp, libvips) at exactly the requested size. Drawing and
 * encoding a 720x1080 poster takes tens of milliseconds, like a real server's photo transcoder.
 */
import sharp from "sharp";
import { createRng, type Rng } from "./prng";

export type ImageFormat = "jpeg" | "png";

type Rgb = [number, number, number];

function hsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

function palette(rng: Rng): { hue: number; top: Rgb; bottom: Rgb } {
  const hue = rng.next() * 360;
  const top = hsl(hue, 0.55 + rng.next() * 0.3, 0.25 + rng.next() * 0.2);
  const bottom = hsl((hue + 40 + rng.next() * 120) % 360, 0.5 + rng.next() * 0.3, 0.55 + rng.next() * 0.2);
  return { hue, top, bottom };
}

const hex = (c: Rgb) => c.map((v) => v.toString(16).padStart(2, "0")).join("");

/**
 * The poster's UltraBlurColors as Plex gives them on an item (PLEX_API.md 7.6): four corner
 * colours, six hex digits without "#", here the poster's own gradient darkened like Plex's blur.
 */
export function posterBlurColors(seed: number): { topLeft: string; topRight: string; bottomRight: string; bottomLeft: string } {
  const { top, bottom } = palette(createRng(seed));
  const dim = (c: Rgb, f: number): Rgb => [Math.round(c[0] * f), Math.round(c[1] * f), Math.round(c[2] * f)];
  return { topLeft: hex(dim(top, 0.8)), topRight: hex(dim(top, 0.7)), bottomRight: hex(dim(bottom, 0.35)), bottomLeft: hex(dim(bottom, 0.45)) };
}

/** RGBA pixels of a poster-like picture for `seed`. */
export function drawPoster(seed: number, width: number, height: number): Buffer {
  const rng = createRng(seed);
  const { hue, top, bottom } = palette(rng);
  const sun = hsl((hue + 180) % 360, 0.8, 0.7);
  const land = hsl((hue + 200) % 360, 0.35, 0.12);
  const cx = (0.2 + rng.next() * 0.6) * width;
  const cy = (0.2 + rng.next() * 0.3) * height;
  const r = (0.08 + rng.next() * 0.12) * Math.min(width, height) + 1;
  const waves = [0, 1, 2].map(() => ({ amp: 0.02 + rng.next() * 0.06, freq: 1 + rng.next() * 5, phase: rng.next() * Math.PI * 2 }));
  const horizon = 0.6 + rng.next() * 0.15;
  const bars = rng.int(0, 4);
  const barXs = Array.from({ length: bars }, () => ({ x: rng.next(), w: 0.04 + rng.next() * 0.08, h: 0.1 + rng.next() * 0.25 }));
  const ridge = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const u = x / Math.max(1, width - 1);
    let y = horizon;
    for (const w of waves) y += w.amp * Math.sin(u * w.freq * Math.PI * 2 + w.phase);
    for (const b of barXs) if (u >= b.x && u <= b.x + b.w) y = Math.min(y, horizon - b.h);
    ridge[x] = y * height;
  }
  const data = Buffer.alloc(width * height * 4);
  const r2 = r * r;
  const bandTop = height * 0.86;
  let o = 0;
  for (let y = 0; y < height; y++) {
    const t = y / Math.max(1, height - 1);
    const gr = top[0] + (bottom[0] - top[0]) * t;
    const gg = top[1] + (bottom[1] - top[1]) * t;
    const gb = top[2] + (bottom[2] - top[2]) * t;
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      let pr = gr;
      let pg = gg;
      let pb = gb;
      const dx = x - cx;
      if (dx * dx + dy * dy <= r2) {
        pr = sun[0];
        pg = sun[1];
        pb = sun[2];
      }
      if (y >= (ridge[x] ?? height)) {
        pr = land[0];
        pg = land[1];
        pb = land[2];
      }
      if (y >= bandTop) {
        pr *= 0.45;
        pg *= 0.45;
        pb *= 0.45;
      }
      data[o] = pr;
      data[o + 1] = pg;
      data[o + 2] = pb;
      data[o + 3] = 255;
      o += 4;
    }
  }
  return data;
}

/** RGBA pixels of a round avatar with a head-and-shoulders silhouette. */
export function drawAvatar(seed: number, size: number): Buffer {
  const rng = createRng(seed);
  const bg = hsl(rng.next() * 360, 0.55, 0.5);
  const fg = hsl(rng.next() * 360, 0.3, 0.9);
  const data = Buffer.alloc(size * size * 4);
  const c = size / 2;
  let o = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const hx = x - c;
      const hy = y - size * 0.4;
      const head = hx * hx + hy * hy <= (size * 0.18) ** 2;
      const sx = (x - c) / (size * 0.34);
      const sy = (y - size * 0.95) / (size * 0.3);
      const shoulders = sx * sx + sy * sy <= 1;
      const col = head || shoulders ? fg : bg;
      data[o] = col[0];
      data[o + 1] = col[1];
      data[o + 2] = col[2];
      data[o + 3] = 255;
      o += 4;
    }
  }
  return data;
}

export async function encodeImage(rgba: Buffer, width: number, height: number, format: ImageFormat): Promise<Buffer> {
  const image = sharp(rgba, { raw: { width, height, channels: 4 } });
  return format === "png" ? image.png().toBuffer() : image.jpeg({ quality: 85 }).toBuffer();
}

/**
 * Small LRU cache so a demo scrolling through posters does not re-encode the same images; a
 * picture asked for again while it is still being made is made once.
 */
export class ImageCache {
  private map = new Map<string, Buffer>();
  private making = new Map<string, Promise<Buffer>>();
  private bytes = 0;
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  async get(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const pending = this.making.get(key);
    if (pending) return pending;
    const made = make().finally(() => this.making.delete(key));
    this.making.set(key, made);
    const buf = await made;
    this.map.set(key, buf);
    this.bytes += buf.length;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= v.length;
    }
    return buf;
  }
}
