// POST /api/rooms/count - how many films a room with these choices would deal (the create form's live count)
import { canCreateRooms, pmsForUser, requireSignedInUser } from "@/lib/auth/viewer";
import { handle, json, parseJson } from "@/lib/api/respond";
import { forbidden } from "@/lib/errors";
import { countRoomFilms } from "@/lib/rooms/create-room";
import { createRoomInputSchema } from "@/lib/rooms/settings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handle(async (req) => {
  const user = await requireSignedInUser();
  if (!(await canCreateRooms(user))) throw forbidden("On this server only the owner can open rooms.");
  const input = await parseJson(req, createRoomInputSchema);
  // The person's own token: Plex counts only what they may see (a restricted profile's limits apply).
  const { deckSize, settings } = await countRoomFilms({ input, pms: await pmsForUser(user.id), restricted: user.restricted });
  return json({ count: deckSize, sections: settings.sections.map((s) => ({ id: s.id, title: s.title, count: s.total })) });
});
