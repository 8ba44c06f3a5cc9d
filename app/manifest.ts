import type { MetadataRoute } from "next";
import { withBase } from "@/lib/base-path";

/** Theme colours of the installed app (also the browser bar colour in app/layout.tsx). */
export const THEME_COLOR = "#0b0b12";

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: withBase("/"),
    name: "Reelmatch",
    short_name: "Reelmatch",
    description: "Pick a film from your Plex library together.",
    start_url: withBase("/"),
    scope: withBase("/"),
    display: "standalone",
    orientation: "any",
    background_color: THEME_COLOR,
    theme_color: THEME_COLOR,
    icons: [
      { src: withBase("/icons/icon-192.png"), sizes: "192x192", type: "image/png", purpose: "any" },
      { src: withBase("/icons/icon-512.png"), sizes: "512x512", type: "image/png", purpose: "any" },
      { src: withBase("/icons/icon-maskable-512.png"), sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: withBase("/icon.svg"), sizes: "any", type: "image/svg+xml" },
    ],
  };
}
