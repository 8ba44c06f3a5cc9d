import type { MetadataRoute } from "next";

/** Theme colours of the installed app (also the browser bar colour in app/layout.tsx). */
export const THEME_COLOR = "#0b0b12";

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Reelmatch",
    short_name: "Reelmatch",
    description: "Pick a film from your Plex library together.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: THEME_COLOR,
    theme_color: THEME_COLOR,
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
    ],
  };
}
