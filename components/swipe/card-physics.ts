/** The numbers behind a swipe: where the finger has been, how fast it went, where the card flies. */

export interface PointerSample {
  x: number;
  y: number;
  t: number;
}

/** A flick is judged by the pointer's speed over this last stretch of the drag. */
export const VELOCITY_WINDOW_MS = 100;
/** Faster than this (px/ms) at release is a flick, however short the drag. */
export const FLICK_SPEED = 0.45;
/** A drag this far (or a third of the card's width, if less) decides on its own. */
export const DECIDE_DISTANCE = 110;

/** Velocity (px/ms) over the last VELOCITY_WINDOW_MS of `samples` (oldest first). */
export function releaseVelocity(samples: readonly PointerSample[]): { vx: number; vy: number } {
  const last = samples[samples.length - 1];
  if (!last) return { vx: 0, vy: 0 };
  let first = last;
  for (let i = samples.length - 2; i >= 0; i--) {
    const s = samples[i] as PointerSample;
    if (last.t - s.t > VELOCITY_WINDOW_MS) break;
    first = s;
  }
  const dt = last.t - first.t;
  if (dt < 8) return { vx: 0, vy: 0 };
  return { vx: (last.x - first.x) / dt, vy: (last.y - first.y) / dt };
}

/** Like (1), nope (-1) or back to the middle (0) when the finger lets go. */
export function decideRelease(options: { dx: number; vx: number; cardWidth: number }): 1 | -1 | 0 {
  const { dx, vx, cardWidth } = options;
  if (Math.abs(vx) >= FLICK_SPEED && Math.abs(dx) > 12) return vx > 0 ? 1 : -1;
  if (Math.abs(dx) >= Math.min(DECIDE_DISTANCE, cardWidth / 3)) return dx > 0 ? 1 : -1;
  return 0;
}

/** How strongly the card leans towards a decision: -1..1, for the stamps and the card underneath. */
export function leaning(dx: number, cardWidth: number): number {
  return Math.max(-1, Math.min(1, dx / Math.min(DECIDE_DISTANCE, Math.max(1, cardWidth / 3))));
}

/** Tilt in degrees for a card dragged `dx` px; grabbed near its bottom it tilts the other way. */
export function tiltFor(dx: number, grabbedBelowMiddle = false): number {
  const deg = Math.max(-25, Math.min(25, dx / 18));
  return grabbedBelowMiddle ? -deg : deg;
}

/**
 * Where a released card flies and how long it takes: off the screen on the decided side, keeping
 * the finger's momentum (a fast flick leaves fast, in the direction it was thrown).
 */
export function flyOut(options: { direction: 1 | -1; dx: number; dy: number; vx: number; vy: number; viewportWidth: number; cardWidth: number }): {
  x: number;
  y: number;
  rotate: number;
  durationMs: number;
} {
  const { direction, dx, dy, vx, vy, viewportWidth, cardWidth } = options;
  const x = direction * (viewportWidth / 2 + cardWidth * 1.2);
  const distance = Math.abs(x - dx);
  const speed = Math.max(Math.abs(vx), 1.6);
  const durationMs = Math.round(Math.max(140, Math.min(340, distance / speed)));
  return { x, y: dy + vy * durationMs * 0.6, rotate: tiltFor(x) * 0.8, durationMs };
}
