import { describe, expect, it } from "vitest";
import { createPermutation } from "@/lib/rooms/shuffle";

describe("room deck shuffle", () => {
  it("is a permutation: every index exactly once, for many sizes", () => {
    for (const size of [1, 2, 3, 5, 17, 100, 812, 1000, 4097]) {
      const perm = createPermutation({ size, seed: `s${size}` });
      const seen = new Set<number>();
      for (let p = 0; p < size; p++) {
        const i = perm.at(p);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(i).toBeLessThan(size);
        seen.add(i);
      }
      expect(seen.size).toBe(size);
    }
  });

  it("is stable: the same seed gives the same order (everyone, every reload)", () => {
    const a = createPermutation({ size: 20_000, seed: "room-seed" });
    const b = createPermutation({ size: 20_000, seed: "room-seed" });
    const order = (p: typeof a) => Array.from({ length: 200 }, (_, i) => p.at(i));
    expect(order(a)).toEqual(order(b));
    expect(order(createPermutation({ size: 20_000, seed: "other-seed" }))).not.toEqual(order(a));
  });

  it("actually shuffles (not the identity, not a rotation)", () => {
    const perm = createPermutation({ size: 1000, seed: "x" });
    const first = Array.from({ length: 50 }, (_, i) => perm.at(i));
    const inPlace = first.filter((v, i) => v === i).length;
    expect(inPlace).toBeLessThan(5);
    const diffs = new Set(first.slice(1).map((v, i) => v - (first[i] ?? 0)));
    expect(diffs.size).toBeGreaterThan(40);
  });

  it("is fair: over many seeds, the first card is spread evenly over the whole library", () => {
    const size = 50;
    const seeds = 20_000;
    const counts = new Array<number>(size).fill(0);
    for (let s = 0; s < seeds; s++) {
      const idx = createPermutation({ size, seed: `seed-${s}` }).at(0);
      counts[idx] = (counts[idx] ?? 0) + 1;
    }
    const expected = seeds / size;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 49 degrees of freedom: the 99.9th percentile is about 85.
    expect(chiSquare).toBeLessThan(85);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it("is fair within one room: the first tenth of the deck draws from every part of the library", () => {
    const size = 10_000;
    const perm = createPermutation({ size, seed: "fair" });
    const deciles = new Array<number>(10).fill(0);
    for (let p = 0; p < size / 10; p++) {
      const d = Math.floor(perm.at(p) / (size / 10));
      deciles[d] = (deciles[d] ?? 0) + 1;
    }
    for (const d of deciles) expect(d).toBeGreaterThan(60); // 100 expected in each
  });

  it("rejects positions outside the deck", () => {
    const perm = createPermutation({ size: 10, seed: "x" });
    expect(() => perm.at(10)).toThrow(RangeError);
    expect(() => perm.at(-1)).toThrow(RangeError);
  });
});
