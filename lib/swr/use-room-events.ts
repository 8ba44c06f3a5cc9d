import { useEffect, useRef } from "react";
import type { RoomEventType } from "../realtime/event-bus";
import { withBase } from "@/lib/base-path";

export interface RoomStreamEvent {
  type: RoomEventType;
  id: number;
  data: unknown;
}

/** Every event type, checked against RoomEventType by the compiler (a new type must be listed here). */
const TYPES = ["participant_joined", "participant_left", "progress", "match", "match_removed", "room_closed", "deck_withdrawn"] as const satisfies readonly RoomEventType[];
type _AllListed = Exclude<RoomEventType, (typeof TYPES)[number]> extends never ? true : never;
const _allListed: _AllListed = true;

/**
 * Listens to the room's Server-Sent Events from `after` (the newest event when the page loaded).
 * EventSource reconnects on its own and sends Last-Event-ID, so nothing is missed across a
 * network drop or a server restart.
 */
export function useRoomEvents(code: string, after: number | undefined, onEvent: (event: RoomStreamEvent) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (after === undefined) return;
    const source = new EventSource(withBase(`/api/rooms/${code}/events?after=${after}`));
    const listener = (type: RoomStreamEvent["type"]) => (e: MessageEvent<string>) => {
      handler.current({ type, id: Number(e.lastEventId), data: JSON.parse(e.data) as unknown });
      // A closed room's stream ends after room_closed and is not opened again (410): no reconnect.
      if (type === "room_closed") source.close();
    };
    for (const type of TYPES) source.addEventListener(type, listener(type));
    return () => source.close();
  }, [code, after]);
}
