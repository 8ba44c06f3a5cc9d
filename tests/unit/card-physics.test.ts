import { describe, expect, it } from "vitest";
import { decideRelease, flyOut, leaning, releaseVelocity, tiltFor } from "@/components/swipe/card-physics";

describe("card physics", () => {
  it("judges a flick by the last 100 ms, even after a long hold", () => {
    const held = [{ x: 0, y: 0, t: 0 }, { x: 2, y: 0, t: 400 }, { x: 3, y: 0, t: 800 }];
    const flick = [...held, { x: 25, y: 1, t: 816 }, { x: 60, y: 2, t: 832 }, { x: 80, y: 2, t: 848 }];
    const { vx } = releaseVelocity(flick);
    expect(vx).toBeGreaterThan(1.5);
    expect(decideRelease({ dx: 80, vx, cardWidth: 360 })).toBe(1);
    // The same 80 px dragged slowly springs back.
    const slow = [{ x: 0, y: 0, t: 0 }, { x: 40, y: 0, t: 400 }, { x: 80, y: 0, t: 800 }];
    expect(decideRelease({ dx: 80, vx: releaseVelocity(slow).vx, cardWidth: 360 })).toBe(0);
  });

  it("decides by distance, and a flick back the other way wins", () => {
    expect(decideRelease({ dx: -130, vx: 0, cardWidth: 360 })).toBe(-1);
    expect(decideRelease({ dx: 90, vx: -1.2, cardWidth: 360 })).toBe(-1);
    expect(decideRelease({ dx: 5, vx: 3, cardWidth: 360 })).toBe(0);
    // A small card decides at a third of its width.
    expect(decideRelease({ dx: 70, vx: 0, cardWidth: 180 })).toBe(1);
  });

  it("leans, tilts and flies out on the decided side with the finger's momentum", () => {
    expect(leaning(55, 360)).toBeCloseTo(0.5);
    expect(leaning(-500, 360)).toBe(-1);
    expect(tiltFor(90)).toBeCloseTo(5);
    expect(tiltFor(90, true)).toBeCloseTo(-5);
    const fast = flyOut({ direction: 1, dx: 80, dy: 10, vx: 3, vy: 0.5, viewportWidth: 400, cardWidth: 360 });
    const slow = flyOut({ direction: 1, dx: 80, dy: 10, vx: 0.5, vy: 0, viewportWidth: 400, cardWidth: 360 });
    expect(fast.x).toBeGreaterThan(400);
    expect(fast.durationMs).toBeLessThan(slow.durationMs);
    expect(fast.y).toBeGreaterThan(10);
    expect(flyOut({ direction: -1, dx: 0, dy: 0, vx: 0, vy: 0, viewportWidth: 400, cardWidth: 360 }).x).toBeLessThan(-400);
  });
});
