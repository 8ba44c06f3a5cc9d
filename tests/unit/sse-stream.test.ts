import { describe, expect, it } from "vitest";
import type { RoomEventBus, RoomEventRecord } from "@/lib/realtime/event-bus";
import { createRoomEventStream } from "@/lib/realtime/sse-stream";

/** A bus with stored events to replay and a hand to publish live ones. */
function testBus(stored: RoomEventRecord[] = []) {
  const listeners = new Set<(e: RoomEventRecord) => void>();
  const bus = {
    publish: () => Promise.reject(new Error("not used")),
    subscribe: (_roomId: string, listener: (e: RoomEventRecord) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    replay: (_roomId: string, afterId: number) => Promise.resolve(stored.filter((e) => e.id > afterId)),
    lastEventId: () => Promise.resolve(stored.at(-1)?.id ?? 0),
    deliver: () => undefined,
    watchCommitted: () => () => undefined,
    synchronized: () => true,
    announced: () => Promise.resolve(),
    close: () => Promise.resolve(),
  } satisfies RoomEventBus;
  return { bus, emit: (e: RoomEventRecord) => listeners.forEach((l) => l(e)), listeners };
}

const event = (id: number, type: RoomEventRecord["type"], data: unknown = {}): RoomEventRecord => ({ id, roomId: "r", type, data, createdAt: "" });

/** Reads the stream's events (ids and types) until it ends. */
async function readAll(res: Response): Promise<string[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter((block) => block.includes("event: "))
    .map((block) => `${/id: (\d+)/.exec(block)?.[1]}:${/event: (\w+)/.exec(block)?.[1]}`);
}

const until = async (cond: () => boolean) => {
  const deadline = Date.now() + 2000;
  while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
};

describe("a room's event stream", () => {
  it("asks the filter as each event is sent, keeps the order when the filter has to wait, and ends after an endAfter event", async () => {
    const { bus, emit, listeners } = testBus([event(1, "match", { ratingKey: "a" }), event(2, "match", { ratingKey: "b" })]);
    const hidden = new Set<string>();
    let closes = 0;
    const res = createRoomEventStream({
      bus,
      roomId: "r",
      afterId: 0,
      signal: new AbortController().signal,
      // slow for film events, judged with the set as it is when the event is sent
      filter: async (e) => {
        const key = (e.data as { ratingKey?: string }).ratingKey;
        if (key) await new Promise((r) => setTimeout(r, 20));
        return !key || !hidden.has(key);
      },
      endAfter: (e) => e.type === "room_closed",
      onClose: () => closes++,
    });
    const read = readAll(res);
    await until(() => listeners.size > 0);
    hidden.add("b"); // withdrawn after the stream opened, before its event was sent
    emit(event(3, "match", { ratingKey: "c" }));
    emit(event(4, "participant_joined"));
    emit(event(5, "room_closed"));
    emit(event(6, "participant_joined")); // after the end: never sent
    expect(await read).toEqual(["1:match", "3:match", "4:participant_joined", "5:room_closed"]);
    expect(closes).toBe(1);
    expect(listeners.size).toBe(0);
  });

  it("hands out a way to end it, which unsubscribes and reports the end once", async () => {
    const { bus, listeners } = testBus();
    let end = () => {};
    let closes = 0;
    const res = createRoomEventStream({ bus, roomId: "r", afterId: 0, signal: new AbortController().signal, onOpen: (close) => (end = close), onClose: () => closes++ });
    const read = readAll(res);
    await until(() => listeners.size > 0);
    end();
    end();
    expect(await read).toEqual([]);
    expect(closes).toBe(1);
    expect(listeners.size).toBe(0);
  });
});
