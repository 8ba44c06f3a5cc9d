"use client";

import { useEffect, useRef, useState } from "react";
import { posterSrcSet, posterUrl } from "@/lib/poster-urls";
import type { PosterColors } from "@/lib/view-models";

/** The film's own colours as a backdrop while its poster loads (a dark neutral without them). */
export function posterPlaceholder(colors: PosterColors | undefined): string {
  if (!colors) return "linear-gradient(160deg, #2a2a3a, #14141c)";
  return `linear-gradient(160deg, ${colors.topLeft}, ${colors.topRight} 35%, ${colors.bottomLeft} 70%, ${colors.bottomRight})`;
}

/** Fetches a poster at the width an image of `cssWidth` would ask for, so it is cached when its card comes up. */
export function prefetchPoster(poster: string, cssWidth: number): void {
  const img = new Image();
  img.sizes = `${Math.round(cssWidth)}px`;
  img.srcset = posterSrcSet(poster);
}

export interface PosterImageProps {
  poster: string | null;
  colors?: PosterColors;
  title: string;
  /** The displayed width in CSS pixels, when known; else measured. */
  cssWidth?: number;
  /** Size and position (give it `relative` or `absolute`: the image fills it). */
  className?: string;
  /** Decorative copies (the list's thumbnails) leave the alt text empty. */
  decorative?: boolean;
  eager?: boolean;
}

/**
 * A poster at the size it is shown (width x device pixel ratio, from a few fixed widths), on a
 * placeholder in the film's own colours, fading in when it has arrived.
 */
export function PosterImage({ poster, colors, title, cssWidth, className = "relative", decorative, eager }: PosterImageProps) {
  const box = useRef<HTMLDivElement>(null);
  const img = useRef<HTMLImageElement>(null);
  const [measured, setMeasured] = useState<number | undefined>(cssWidth);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (cssWidth !== undefined || !box.current) return;
    const el = box.current;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setMeasured(Math.round(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [cssWidth]);

  useEffect(() => {
    // Cached images can finish before React attaches onLoad.
    if (img.current?.complete && img.current.naturalWidth > 0) setLoaded(true);
  }, [measured]);

  const width = cssWidth ?? measured;
  return (
    <div ref={box} className={`overflow-hidden ${className}`} style={{ backgroundImage: posterPlaceholder(colors) }} data-testid="poster">
      {poster && width ? (
        <img
          ref={img}
          srcSet={posterSrcSet(poster)}
          sizes={`${width}px`}
          src={posterUrl(poster, 480)}
          alt={decorative ? "" : `Poster of ${title}`}
          draggable={false}
          loading={eager ? "eager" : "lazy"}
          decoding="async"
          onLoad={() => setLoaded(true)}
          data-loaded={loaded ? "true" : "false"}
          className={`absolute inset-0 h-full w-full select-none object-cover transition-opacity duration-300 motion-reduce:transition-none ${loaded ? "opacity-100" : "opacity-0"}`}
        />
      ) : null}
      {!poster ? <div className="absolute inset-0 flex items-center justify-center p-6 text-center text-2xl font-bold text-white/60">{title}</div> : null}
    </div>
  );
}
