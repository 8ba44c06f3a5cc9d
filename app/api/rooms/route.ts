// POST /api/rooms - create a room (signed-in Plex users; members only if the admin allows it)
import { pmsForUser, requireRoomCreator } from "@/lib/auth/viewer";
import { handle, json, parseJson } from "@/lib/api/respond";
import { getConfig } from "@/lib/config";
import { createRoom } from "@/lib/rooms/create-room";
import { dealFirstBlock } from "@/lib/rooms/get-deck-cards";
import { expireRoomsOccasionally } from "@/lib/rooms/expire-rooms";
import { createRoomInputSchema } from "@/lib/rooms/settings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handle(async (req) => {
  const user = await requireRoomCreator();
  const input = await parseJson(req, createRoomInputSchema);
  await expireRoomsOccasionally({ ttlDays: getConfig().roomTtlDays });
  const pms = await pmsForUser(user.id);
  const room = await createRoom({ hostUserId: user.id, input, pms, restricted: user.restricted });
  dealFirstBlock({ room, pms });
  return json({ code: room.code, deckSize: room.deckSize, url: `/r/${room.code}` }, { status: 201 });
});
