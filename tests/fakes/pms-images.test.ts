import jpeg from "jpeg-js";
import pngjs from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePlex } from "../fake-plex";
import { call, start } from "./helpers";

let plex: FakePlex;
let token: string;
beforeAll(async () => {
  plex = await start({ films: 20 });
  token = plex.fixtures.owner.token;
});
afterAll(async () => {
  await plex.close();
});

const film = () => {
  const f = plex.library.films[0];
  if (!f) throw new Error("empty library");
  return f;
};
const thumbPath = () => `/library/metadata/${film().ratingKey}/thumb/${film().addedAt}`;

async function getImage(path: string): Promise<{ status: number; type: string | null; buf: Buffer }> {
  const res = await fetch(`${plex.pmsUrl}${path}${path.includes("?") ? "&" : "?"}X-Plex-Token=${token}`);
  return { status: res.status, type: res.headers.get("content-type"), buf: Buffer.from(await res.arrayBuffer()) };
}

describe("fake PMS: images", () => {
  it("serves the poster at the item's thumb path as a JPEG", async () => {
    const img = await getImage(thumbPath());
    expect(img.status).toBe(200);
    expect(img.type).toBe("image/jpeg");
    const decoded = jpeg.decode(img.buf, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([600, 900]);
  });

  it("transcodes to exactly the requested size, JPEG by default", async () => {
    for (const [w, h] of [
      [300, 450],
      [120, 180],
      [451, 97],
    ] as const) {
      const img = await getImage(`/photo/:/transcode?width=${w}&height=${h}&minSize=1&upscale=1&url=${encodeURIComponent(thumbPath())}`);
      expect(img.status).toBe(200);
      expect(img.type).toBe("image/jpeg");
      const decoded = jpeg.decode(img.buf, { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([w, h]);
    }
  });

  it("transcodes to PNG with format=png", async () => {
    const img = await getImage(`/photo/:/transcode?width=64&height=96&format=png&url=${encodeURIComponent(thumbPath())}`);
    expect(img.type).toBe("image/png");
    const png = pngjs.PNG.sync.read(img.buf);
    expect([png.width, png.height]).toEqual([64, 96]);
  });

  it("is deterministic and differs between films", async () => {
    const path = (rk: string, ts: number) => `/photo/:/transcode?width=50&height=75&url=${encodeURIComponent(`/library/metadata/${rk}/thumb/${ts}`)}`;
    const a1 = await getImage(path(film().ratingKey, film().addedAt));
    const a2 = await getImage(path(film().ratingKey, film().addedAt));
    const other = plex.library.films[1];
    const b = await getImage(path(other?.ratingKey ?? "", other?.addedAt ?? 0));
    expect(a1.buf.equals(a2.buf)).toBe(true);
    expect(a1.buf.equals(b.buf)).toBe(false);
  });

  it("accepts an absolute source URL on this server", async () => {
    const url = `${plex.pmsUrl}${thumbPath()}?X-Plex-Token=${token}`;
    const img = await getImage(`/photo/:/transcode?width=30&height=45&url=${encodeURIComponent(url)}`);
    expect(img.status).toBe(200);
  });

  it("answers 400 for missing or absurd sizes and 404 for unknown sources", async () => {
    const src = encodeURIComponent(thumbPath());
    for (const q of [`url=${src}`, `width=100&url=${src}`, `width=0&height=10&url=${src}`, `width=4001&height=10&url=${src}`, `width=abc&height=10&url=${src}`, "width=10&height=10"]) {
      expect((await getImage(`/photo/:/transcode?${q}`)).status, q).toBe(400);
    }
    expect((await getImage(`/photo/:/transcode?width=10&height=10&url=${encodeURIComponent("/library/metadata/1/thumb/1")}`)).status).toBe(404);
    expect((await getImage(`/photo/:/transcode?width=10&height=10&url=${encodeURIComponent("http://example.com/a.jpg")}`)).status).toBe(404);
    expect((await call(plex.pmsUrl, `/photo/:/transcode?width=10&height=10&url=${src}`, {})).status).toBe(401);
  });

  it("gives each item UltraBlurColors in the poster's own colours", async () => {
    const res = await call(plex.pmsUrl, `/library/metadata/${film().ratingKey}`, { token });
    const body = (await res.json()) as { MediaContainer: { Metadata: { UltraBlurColors?: Record<string, string> }[] } };
    const colors = body.MediaContainer.Metadata[0]?.UltraBlurColors;
    expect(Object.keys(colors ?? {}).sort()).toEqual(["bottomLeft", "bottomRight", "topLeft", "topRight"]);
    for (const c of Object.values(colors ?? {})) expect(c).toMatch(/^[0-9a-f]{6}$/);
    // The top-left corner of the poster is close to the (slightly darker) topLeft colour.
    const img = await getImage(`/photo/:/transcode?width=40&height=60&url=${encodeURIComponent(thumbPath())}`);
    const px = jpeg.decode(img.buf, { useTArray: true }).data;
    const hex = colors?.topLeft ?? "000000";
    const want = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    for (let i = 0; i < 3; i++) expect(Math.abs((px[i] ?? 0) * 0.8 - (want[i] ?? 0))).toBeLessThan(30);
  });

  it("draws a large poster in tens of milliseconds, and coalesces simultaneous requests", async () => {
    const other = plex.library.films[2];
    const src = encodeURIComponent(`/library/metadata/${other?.ratingKey}/thumb/${other?.addedAt}`);
    await getImage(`/photo/:/transcode?width=72&height=108&url=${src}`); // warm the encoder up
    const started = performance.now();
    const all = await Promise.all(Array.from({ length: 5 }, () => getImage(`/photo/:/transcode?width=720&height=1080&url=${src}`)));
    const took = performance.now() - started;
    for (const img of all) expect(img.buf.equals(all[0]?.buf ?? Buffer.alloc(0))).toBe(true);
    // Generous bound for a shared CI machine: jpeg-js took 800+ ms for one of these.
    expect(took).toBeLessThan(600);
  });
});
