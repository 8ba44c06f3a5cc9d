import { createHash } from "node:crypto";

/**
 * A seeded permutation of 0..size-1 that maps any position to its index in O(1) without building
 * the whole order: a 4-round Feistel network over the smallest even power of two >= size, with
 * cycle walking to stay inside the range. Every index appears exactly once (it is a bijection), so
 * the shuffle covers the whole filtered library, and the same seed gives everyone the same order.
 */
export interface Permutation {
  size: number;
  at(position: number): number;
}

const ROUNDS = 4;

function roundKeys(seed: string): number[] {
  const digest = createHash("sha256").update(`reelmatch-shuffle:${seed}`).digest();
  return Array.from({ length: ROUNDS }, (_, i) => digest.readUInt32LE(i * 4));
}

/** A 32-bit mix of (key, value): murmur3's finalizer. */
function mix(key: number, value: number): number {
  let h = (key ^ Math.imul(value, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** The permutation of 0..size-1 for this seed. */
export function createPermutation(options: { size: number; seed: string }): Permutation {
  const { size, seed } = options;
  if (!Number.isInteger(size) || size < 0) throw new RangeError("size must be a whole number");
  let halfBits = 1;
  while (2 ** (2 * halfBits) < size) halfBits++;
  const halfMask = 2 ** halfBits - 1;
  const keys = roundKeys(seed);
  const encrypt = (x: number): number => {
    let left = Math.floor(x / 2 ** halfBits);
    let right = x & halfMask;
    for (const key of keys) {
      const next = (left ^ mix(key, right)) & halfMask;
      left = right;
      right = next;
    }
    return left * 2 ** halfBits + right;
  };
  return {
    size,
    at(position: number): number {
      if (!Number.isInteger(position) || position < 0 || position >= size) throw new RangeError(`position ${position} is outside 0..${size - 1}`);
      let x = encrypt(position);
      while (x >= size) x = encrypt(x);
      return x;
    },
  };
}
