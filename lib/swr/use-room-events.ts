import { useEffect, useRef } from "react";
import { ROOM_EVENT_TYPES, type RoomEventType } from "../realtime/event-types";
import { withBase } from "@/lib/base-path";

export interface RoomStreamEvent {
  type: RoomEventType;
  id: number;
  data: unknown;
}

/**
 * Listens to the room's Server-Sent Events from `after` (the newest event when the page loaded).
 * EventSource reconnects on its own after a drop and sends Last-Event-ID, but only after the
 * server's retry delay, and a phone that slept may hold a connection that looks open and is dead.
 * So the moment the page is visible again or the browser is back online, the stream is opened
 * anew from the last event seen (`?after=`, which the server reads as Last-Event-ID): no back-off,
 * and every event since, a match included, is replayed.
 */
export function useRoomEvents(code: string, after: number | undefined, onEvent: (event: RoomStreamEvent) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (after === undefined) return;
    let lastSeen = after;
    let ended = false;
    let source: EventSource | null = null;
    const open = () => {
      source?.close();
      const stream = new EventSource(withBase(`/api/rooms/${code}/events?after=${lastSeen}`));
      const listener = (type: RoomStreamEvent["type"]) => (e: MessageEvent<string>) => {
        const id = Number(e.lastEventId);
        if (Number.isSafeInteger(id) && id > lastSeen) lastSeen = id;
        handler.current({ type, id, data: JSON.parse(e.data) as unknown });
        // A closed room's stream ends after room_closed and is not opened again (410): no reconnect.
        if (type === "room_closed") {
          ended = true;
          stream.close();
        }
      };
      for (const type of ROOM_EVENT_TYPES) stream.addEventListener(type, listener(type));
      source = stream;
    };
    const reopen = () => {
      if (!ended && document.visibilityState === "visible") open();
    };
    open();
    window.addEventListener("online", reopen);
    document.addEventListener("visibilitychange", reopen);
    return () => {
      ended = true;
      source?.close();
      window.removeEventListener("online", reopen);
      document.removeEventListener("visibilitychange", reopen);
    };
  }, [code, after]);
}
