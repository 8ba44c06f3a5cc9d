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
 * between is lost; ids already sent are skipped, and so are events `filter` refuses, asked as each
 * event is sent (so it judges with what is true then, not when the stream opened).
 *
 * It ends after an event `endAfter` names (the room closed, the viewer left); `onOpen` hands the
 * caller a way to end it (a revoked session, say).
 */
export function createRoomEventStream(options: {
  bus: RoomEventBus;
  roomId: string;
  afterId: number;
  signal: AbortSignal;
  /** Events this viewer must not receive (live or replayed) answer false. */
  filter?: (event: RoomEventRecord) => boolean | Promise<boolean>;
  /** Events after which the stream ends (sent first). */
  endAfter?: (event: RoomEventRecord) => boolean;
  /** Receives the function that ends the stream (with `retryMs`: first tells the client when to reconnect). */
  onOpen?: (close: (options?: { retryMs?: number }) => void) => void;
  /** Called once when the stream ends, whoever ends it. */
  onClose?: () => void;
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
      /** Live events waiting for an earlier one whose filter answers later (they keep their order). */
      let waiting = 0;
      let queue: Promise<void> = Promise.resolve();
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const writeEvent = (event: RoomEventRecord) => {
        // A transient event goes under the id of the last stored event sent: it is never replayed.
        write(`id: ${event.transient ? lastSent : event.id}\nevent: ${event.type}\ndata: ${dataOf(event)}\n\n`);
        if (options.endAfter?.(event)) close();
      };
      /** Sends an event unless the filter refuses it; a promise only when the filter answers later. */
      const send = (event: RoomEventRecord): void | Promise<void> => {
        if (closed) return;
        if (event.transient) {
          // Not replayable: only live, and it never moves the stream past a stored event.
          if (replaying) return;
        } else {
          if (event.id <= lastSent) return;
          lastSent = event.id;
        }
        const allowed = options.filter ? options.filter(event) : true;
        if (typeof allowed === "boolean") {
          if (allowed) writeEvent(event);
          return;
        }
        return allowed.then((yes) => {
          if (yes && !closed) writeEvent(event);
        });
      };
      const sendLive = (event: RoomEventRecord) => {
        if (waiting === 0) {
          const later = send(event);
          if (!later) return;
          waiting++;
          queue = later.catch(() => close()).finally(() => waiting--);
          return;
        }
        waiting++;
        queue = queue
          .then(() => send(event))
          .catch(() => close())
          .finally(() => waiting--);
      };
      const unsubscribe = bus.subscribe(roomId, (event) => {
        if (replaying) pending.push(event);
        else sendLive(event);
      });
      const heartbeat = setInterval(() => write(`: heartbeat ${Date.now()}\n\n`), HEARTBEAT_MS);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        signal.removeEventListener("abort", close);
        options.onClose?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      cleanup = close;
      signal.addEventListener("abort", close);
      options.onOpen?.((how) => {
        if (how?.retryMs !== undefined) write(`retry: ${how.retryMs}\n: reconnect, this server is stopping\n\n`);
        close();
      });
      write(`retry: 2000\n: connected\n\n`);
      const replayAll = async () => {
        for (;;) {
          const missed = await bus.replay(roomId, lastSent, REPLAY_BATCH);
          for (const event of missed) await send(event);
          if (missed.length < REPLAY_BATCH || closed) break;
        }
        while (pending.length) await send(pending.shift()!);
        replaying = false;
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
