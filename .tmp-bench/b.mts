import sharp from "sharp";
import { drawPoster } from "/work/wt/swipe/tests/fake-plex/images";
for (const [w,h] of [[480,720],[720,1080],[720,1080],[1080,1620]]) {
  let t=performance.now(); const px = drawPoster(42,w!,h!); const d=performance.now()-t;
  t=performance.now(); const j=await sharp(px,{raw:{width:w!,height:h!,channels:4}}).jpeg({quality:82, mozjpeg:false}).toBuffer(); const e=performance.now()-t;
  t=performance.now(); const wb=await sharp(px,{raw:{width:w!,height:h!,channels:4}}).webp({quality:75}).toBuffer(); const e2=performance.now()-t;
  console.log(w,h,"draw",d.toFixed(0),"jpeg",e.toFixed(0),j.length,"webp",e2.toFixed(0),wb.length);
}
