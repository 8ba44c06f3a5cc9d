// POST /api/rooms/count - how many films a room with these choices would deal (the create form's live count)
import { pmsForUser, requireRoomCreator } from "@/lib/auth/viewer";
import { handle, json, parseJson } from "@/lib/api/respond";
import { countRoomFilms } from "@/lib/rooms/create-room";
import { createRoomInputSchema } from "@/lib/rooms/settings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handle(async (req) => {
  const user = await requireRoomCreator();
  const input = await parseJson(req, createRoomInputSchema);
  // The person's own token: Plex counts only what they may see (a restricted profile's limits apply).
  const { deckSize, settings } = await countRoomFilms({ input, pms: await pmsForUser(user.id), restricted: user.restricted });
  return json({ count: deckSize, sections: settings.sections.map((s) => ({ id: s.id, title: s.title, count: s.total })) });
});
