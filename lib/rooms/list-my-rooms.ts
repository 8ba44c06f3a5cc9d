import "server-only";
import { getConfig } from "../config";
import { getDb } from "../db/client";
import { formatRoomCode, normalizeRoomCode } from "./codes";
import { countMatches } from "./get-room-state";
import { participantCookieName, verifyParticipantCookie } from "./participant-cookie";
import { swipedByParticipant } from "./progress";
import { withdrawnRatingKeys } from "./restricted-viewers";
import { roomSettingsSchema } from "./settings";

/** A room on the home page: enough to find it again and see how far it got. */
export interface MyRoom {
  code: string;
  displayCode: string;
  isHost: boolean;
  hostName: string;
  libraries: string[];
  people: number;
  /** Cards this person swiped, of the deck's films (withdrawn cards not counted). */
  swiped: number;
  deckSize: number;
  matchCount: number;
  lastActivityAt: string;
}

const COOKIE_PREFIX = participantCookieName("");

/**
 * The open rooms a person is in, newest activity first: the signed-in user's own participants
 * (hosted or joined), and, unless `guestCookies` is empty, the rooms this browser's signed guest
 * cookies are for (checked like every room request checks them: the signature binds the cookie to
 * its room and participant). Nothing of a room the person is not in is read, let alone returned.
 */
export async function listMyRooms(options: { userId?: string; cookies: readonly { name: string; value: string }[] }): Promise<MyRoom[]> {
  const db = getDb();
  const guestIds = await guestParticipantIds(options.cookies);
  const or = [...(options.userId ? [{ userId: options.userId }] : []), ...(guestIds.length ? [{ id: { in: guestIds } }] : [])];
  if (!or.length) return [];
  const mine = await db.participant.findMany({
    where: { OR: or, leftAt: null, room: { status: "open" } },
    include: { room: { include: { host: { select: { name: true } }, _count: { select: { participants: { where: { leftAt: null } } } } } } },
    orderBy: { room: { lastActivityAt: "desc" } },
    take: 20,
  });
  return Promise.all(
    mine.map(async ({ id, room }) => {
      const withdrawn = await withdrawnRatingKeys(room);
      const [swiped, matchCount] = await Promise.all([swipedByParticipant(room.id, withdrawn), countMatches(room, withdrawn)]);
      const settings = roomSettingsSchema.safeParse(JSON.parse(room.settings));
      return {
        code: room.code,
        displayCode: formatRoomCode(room.code),
        isHost: !!options.userId && room.hostUserId === options.userId,
        hostName: room.host.name ?? "Someone",
        libraries: settings.success ? settings.data.sections.map((s) => s.title) : [],
        people: room._count.participants,
        swiped: swiped.get(id) ?? 0,
        deckSize: room.deckSize - withdrawn.size,
        matchCount,
        lastActivityAt: room.lastActivityAt.toISOString(),
      };
    }),
  );
}

/** The participants this browser's guest cookies stand for, each checked against its room. */
async function guestParticipantIds(cookies: readonly { name: string; value: string }[]): Promise<string[]> {
  const byCode = new Map<string, string>();
  for (const c of cookies) {
    const code = c.name.startsWith(COOKIE_PREFIX) ? normalizeRoomCode(c.name.slice(COOKIE_PREFIX.length)) : undefined;
    if (code) byCode.set(code, c.value);
  }
  if (!byCode.size) return [];
  const rooms = await getDb().room.findMany({ where: { code: { in: [...byCode.keys()].slice(0, 50) } }, select: { id: true, code: true } });
  const secret = getConfig().secret;
  return rooms.flatMap((room) => verifyParticipantCookie({ secret, roomId: room.id, value: byCode.get(room.code) }) ?? []);
}
