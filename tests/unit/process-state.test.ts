import { describe, expect, it } from "vitest";
import { boundedCache, CACHE_LIMITS, processState } from "@/lib/process-state";

describe("per-process caches are bounded", () => {
  it("every cache of the process keeps at most its documented number of entries, for its documented time", () => {
    const caches = processState.caches as Record<string, { max: number; ttl: number }>;
    expect(Object.keys(caches).sort()).toEqual(Object.keys(CACHE_LIMITS).sort());
    for (const [name, limits] of Object.entries(CACHE_LIMITS)) {
      const cache = caches[name];
      expect(cache?.max, name).toBe(limits.max);
      expect(cache?.ttl, name).toBe("ttlMs" in limits ? limits.ttlMs : 0);
    }
  });

  it("a full cache pushes out its least recently used entry", () => {
    const cache = boundedCache<string, number>({ max: 3 });
    for (let i = 0; i < 3; i++) cache.set(`k${i}`, i);
    cache.get("k0");
    for (let i = 3; i < 1000; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
    expect([...cache.keys()].sort()).toEqual(["k997", "k998", "k999"]);
  });

  it("the room caches stay within their bound however many rooms pass through", () => {
    const { participantCounts } = processState.caches;
    participantCounts.clear();
    for (let i = 0; i < CACHE_LIMITS.participantCounts.max * 2; i++) participantCounts.set(`room-${i}`, i);
    expect(participantCounts.size).toBe(CACHE_LIMITS.participantCounts.max);
    participantCounts.clear();
  });

  it("an entry is not served past its time", () => {
    let now = 1_000;
    // The cache's clock is driven here rather than waited for.
    const cache = boundedCache<string, string>({ max: 10, ttlMs: 2_000 }, { now: () => now });
    cache.set("a", "x");
    now += 1_999;
    expect(cache.get("a")).toBe("x");
    now += 2;
    expect(cache.get("a")).toBeUndefined();
  });
});
