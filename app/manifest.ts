import type { MetadataRoute } from "next";
import { withBase } from "@/lib/base-path";

export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Reelmatch",
    short_name: "Reelmatch",
    description: "Pick a film from your Plex library together.",
    start_url: withBase("/"),
    scope: withBase("/"),
    display: "standalone",
    background_color: "#0b0b12",
    theme_color: "#0b0b12",
    icons: [{ src: withBase("/icon.svg"), sizes: "any", type: "image/svg+xml" }],
  };
}
