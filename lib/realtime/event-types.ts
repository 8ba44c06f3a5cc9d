/**
 * Every room event type, in one list the server (lib/realtime/event-bus: stored, checked with zod)
 * and the browser (lib/swr/use-room-events: one listener each) share.
 */
export const ROOM_EVENT_TYPES = [
  "participant_joined",
  "participant_left",
  "progress",
  "match",
  "match_removed",
  "room_closed",
  "deck_withdrawn",
  "final_round_started",
  "final_round_voted",
  "final_round_decided",
] as const;

export type RoomEventType = (typeof ROOM_EVENT_TYPES)[number];
