import "server-only";
import type { Participant } from "../db/models";
import { getDb } from "../db/client";
import { getRoomEventBus } from "../realtime/event-bus";
import { formatRoomCode } from "./codes";
import type { RoomWithSettings } from "./get-room-or-throw";
import { displayNames } from "./participant-names";
import { swipedByParticipant } from "./progress";
import { readNextPosition } from "./record-swipe";
import { withdrawnRatingKeys } from "./restricted-viewers";
import { toMatchRule } from "./settings";
import type { RoomState } from "../view-models";

/** Matches of the room, not counting cards withdrawn since. */
export async function countMatches(room: Pick<RoomWithSettings, "id">, withdrawn: Set<string>): Promise<number> {
  if (!withdrawn.size) return getDb().match.count({ where: { roomId: room.id } });
  const rows = await getDb().match.findMany({ where: { roomId: room.id }, select: { ratingKey: true } });
  return rows.filter((m) => !withdrawn.has(m.ratingKey)).length;
}

/** What a participant's room screen shows: the room, who is in it, their progress, the match count. */
export async function getRoomState(options: { room: RoomWithSettings; participant: Participant }): Promise<RoomState> {
  const { room, participant } = options;
  const db = getDb();
  const withdrawn = await withdrawnRatingKeys(room);
  const [people, swiped, matchCount, lastEventId, next] = await Promise.all([
    db.participant.findMany({ where: { roomId: room.id, leftAt: null }, orderBy: { joinedAt: "asc" }, include: { user: { select: { name: true, image: true } } } }),
    swipedByParticipant(room.id, withdrawn),
    countMatches(room, withdrawn),
    getRoomEventBus().lastEventId(room.id),
    readNextPosition({ roomId: room.id, participantId: participant.id }),
  ]);
  // Two people of one name are told apart on screen ("Sam", "Sam (2)"), in the order they joined.
  const names = displayNames(people.map((p) => ({ id: p.id, name: p.user?.name ?? p.guestName ?? "Someone" })));
  const nameOf = (p: (typeof people)[number]) => names.get(p.id) ?? "Someone";
  const mine = people.find((p) => p.id === participant.id);
  return {
    code: room.code,
    displayCode: formatRoomCode(room.code),
    status: room.status,
    isHost: !!participant.userId && participant.userId === room.hostUserId,
    guestsAllowed: room.guestsAllowed,
    matchRule: toMatchRule(room),
    order: room.parsedSettings.order,
    deckSize: room.deckSize - withdrawn.size,
    me: { participantId: participant.id, name: mine ? nameOf(mine) : (participant.guestName ?? "You"), next },
    participants: people.map((p) => ({
      id: p.id,
      name: nameOf(p),
      isGuest: !p.userId,
      isHost: !!p.userId && p.userId === room.hostUserId,
      swiped: swiped.get(p.id) ?? 0,
      image: p.user?.image ?? null,
    })),
    matchCount,
    lastEventId,
  };
}
