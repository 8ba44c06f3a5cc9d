import jpeg from "jpeg-js";
import { drawPoster, encodeImage } from "../tests/fake-plex/images.ts";
const med = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!.toFixed(0);
await encodeImage(drawPoster(1, 72, 108), 72, 108, "jpeg");
const old: number[] = [], now: number[] = [];
for (let i = 0; i < 12; i++) {
  let t = performance.now();
  jpeg.encode({ data: drawPoster(100 + i, 720, 1080), width: 720, height: 1080 }, 85);
  old.push(performance.now() - t);
  t = performance.now();
  await encodeImage(drawPoster(200 + i, 720, 1080), 720, 1080, "jpeg");
  now.push(performance.now() - t);
}
console.log("720x1080 draw+encode median ms: jpeg-js", med(old), "sharp", med(now));
