// POST /api/rooms - create a room (signed-in Plex users; members only if the admin allows it)
import { canCreateRooms, pmsForUser, requireSignedInUser } from "@/lib/auth/viewer";
import { handle, json, parseJson } from "@/lib/api/respond";
import { getConfig } from "@/lib/config";
import { forbidden } from "@/lib/errors";
import { createRoom } from "@/lib/rooms/create-room";
import { dealFirstBlock } from "@/lib/rooms/get-deck-cards";
import { expireRoomsOccasionally } from "@/lib/rooms/expire-rooms";
import { createRoomInputSchema } from "@/lib/rooms/settings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handle(async (req) => {
  const user = await requireSignedInUser();
  if (!(await canCreateRooms(user))) throw forbidden("On this server only the owner can open rooms.");
  const input = await parseJson(req, createRoomInputSchema);
  await expireRoomsOccasionally({ ttlDays: getConfig().roomTtlDays });
  const pms = await pmsForUser(user.id);
  const room = await createRoom({ hostUserId: user.id, input, pms, restricted: user.restricted });
  dealFirstBlock({ room, pms });
  return json({ code: room.code, deckSize: room.deckSize, url: `/r/${room.code}` }, { status: 201 });
});
