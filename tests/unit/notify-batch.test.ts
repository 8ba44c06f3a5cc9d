import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createNotifyBatch } from "@/lib/realtime/notify-batch";

/** The pg event bus sends progress events in batches: one NOTIFY for many swipes, each under PostgreSQL's limit. */
describe("NOTIFY batches of transient events", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const entry = (n: number, pad = 0) => JSON.stringify({ r: "room", t: "progress", d: { participantId: `p${n}`, swiped: n, pad: "x".repeat(pad) } });
  const entriesOf = (payload: string) => (JSON.parse(payload) as { b: unknown[] }).b;

  it("sends the entries of one delay together, in order, once the delay after the first has passed", () => {
    const sent: string[] = [];
    const batch = createNotifyBatch({ send: (p) => sent.push(p), delayMs: 50, maxLength: 7900 });
    batch.add(entry(1));
    vi.advanceTimersByTime(30);
    batch.add(entry(2));
    batch.add(entry(3));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(sent).toHaveLength(1);
    expect(entriesOf(sent[0]!)).toEqual([1, 2, 3].map((n) => JSON.parse(entry(n))));
    // The next entry starts a new batch with its own delay.
    batch.add(entry(4));
    vi.advanceTimersByTime(49);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent.map((p) => entriesOf(p).length)).toEqual([3, 1]);
  });

  it("sends a full batch at once and keeps every payload within the limit, losing no entry", () => {
    const sent: string[] = [];
    const batch = createNotifyBatch({ send: (p) => sent.push(p), delayMs: 50, maxLength: 1000 });
    for (let n = 0; n < 100; n++) expect(batch.add(entry(n, n % 7))).toBe(true);
    // Full batches went out without waiting for the delay.
    expect(sent.length).toBeGreaterThan(5);
    vi.advanceTimersByTime(50);
    for (const payload of sent) expect(payload.length).toBeLessThanOrEqual(1000);
    const all = sent.flatMap(entriesOf) as { d: { swiped: number } }[];
    expect(all.map((e) => e.d.swiped)).toEqual(Array.from({ length: 100 }, (_, n) => n));
    // A payload that is exactly full fits.
    const exact = createNotifyBatch({ send: (p) => sent.push(p), delayMs: 50, maxLength: `{"b":[]}`.length + entry(1).length });
    expect(exact.add(entry(1))).toBe(true);
  });

  it("refuses an entry that could not fit even alone, and flushes at once when asked", () => {
    const sent: string[] = [];
    const batch = createNotifyBatch({ send: (p) => sent.push(p), delayMs: 50, maxLength: 200 });
    expect(batch.add(entry(1, 300))).toBe(false);
    batch.flush();
    expect(sent).toEqual([]);
    batch.add(entry(2));
    batch.flush();
    expect(sent.map(entriesOf)).toEqual([[JSON.parse(entry(2))]]);
    // Nothing left for the timer to send.
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
  });
});
