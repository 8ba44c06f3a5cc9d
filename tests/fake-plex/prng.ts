/** Small deterministic PRNG helpers (no dependency, stable across Node versions). */

/** FNV-1a 32-bit hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mixStep(h: number, v: number): number {
  h ^= v | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Mixes up to five integers into one well-distributed 32-bit value (murmur3 finaliser steps). */
export function mix(a: number, b = 0, c = 0, d = 0, e = 0): number {
  let h = 0x9e3779b9;
  h = mixStep(h, a);
  h = mixStep(h, b);
  h = mixStep(h, c);
  h = mixStep(h, d);
  h = mixStep(h, e);
  return h >>> 0;
}

/** A [0,1) float derived from the given integers, without keeping state. */
export function unit(a: number, b = 0, c = 0, d = 0, e = 0): number {
  return mix(a, b, c, d, e) / 4294967296;
}

export interface Rng {
  /** float in [0, 1) */
  next(): number;
  /** integer in [min, max] inclusive */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** picks one key of a weight table */
  weighted<T>(table: readonly (readonly [T, number])[]): T;
}

/** mulberry32 generator (a class, so creating one per item allocates no closures). */
class Mulberry32 implements Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    const last = table[table.length - 1];
    if (!last) throw new Error("weighted pick from an empty table");
    return last[0];
  }
}

/** A seeded generator from a number or string. */
export function createRng(seed: number | string): Rng {
  return new Mulberry32(typeof seed === "string" ? hashString(seed) : seed);
}

/** Deterministic lowercase hex string of the given length. */
export function hexFrom(seed: string, length: number): string {
  const rng = createRng(seed);
  let out = "";
  while (out.length < length) out += Math.floor(rng.next() * 16).toString(16);
  return out;
}
