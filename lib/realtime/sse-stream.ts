import "server-only";
import type { RoomEventBus, RoomEventRecord } from "./event-bus";

export const HEARTBEAT_MS = 15_000;
const REPLAY_BATCH = 500;

/** An event's data as JSON, serialized once for all the streams of its room. */
const serialized = new WeakMap<RoomEventRecord, string>();
function dataOf(event: RoomEventRecord): string {
  let json = serialized.get(event);
  if (json === undefined) serialized.set(event, (json = JSON.stringify(event.data)));
  return json;
}

/**
 * A Server-Sent Events response for one room: replays the stored events after `afterId` (the
 * client's Last-Event-ID), then sends new ones as they are published, with a comment line every
 * 15 s so proxies keep the connection open. Subscribes before replaying so nothing published in
 * between is lost; ids already sent are skipped, and so are events `filter` refuses.
 */
export function createRoomEventStream(options: {
  bus: RoomEventBus;
  roomId: string;
  afterId: number;
  signal: AbortSignal;
  /** Events this viewer must not receive (live or replayed) return false. */
  filter?: (event: RoomEventRecord) => boolean;
}): Response {
  const { bus, roomId, signal } = options;
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let lastSent = options.afterId;
      let replaying = true;
      const pending: RoomEventRecord[] = [];
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const send = (event: RoomEventRecord) => {
        if (event.transient) {
          // Not replayable: only live, and it never moves the stream past a stored event.
          if (replaying || (options.filter && !options.filter(event))) return;
          write(`id: ${lastSent}\nevent: ${event.type}\ndata: ${dataOf(event)}\n\n`);
          return;
        }
        if (event.id <= lastSent) return;
        lastSent = event.id;
        if (options.filter && !options.filter(event)) return;
        write(`id: ${event.id}\nevent: ${event.type}\ndata: ${dataOf(event)}\n\n`);
        // A closed room has nothing more to say: the stream ends (a reconnect is refused with 410).
        if (event.type === "room_closed") close();
      };
      const unsubscribe = bus.subscribe(roomId, (event) => {
        if (replaying) pending.push(event);
        else send(event);
      });
      const heartbeat = setInterval(() => write(`: heartbeat ${Date.now()}\n\n`), HEARTBEAT_MS);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      cleanup = close;
      signal.addEventListener("abort", close);
      write(`retry: 2000\n: connected\n\n`);
      const replayAll = async () => {
        for (;;) {
          const missed = await bus.replay(roomId, lastSent, REPLAY_BATCH);
          for (const event of missed) send(event);
          if (missed.length < REPLAY_BATCH || closed) break;
        }
        replaying = false;
        for (const event of pending.splice(0)) send(event);
      };
      replayAll().catch(() => close());
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
