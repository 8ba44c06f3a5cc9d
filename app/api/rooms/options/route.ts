// GET /api/rooms/options - libraries, genres and age limits the create-room form offers
import { pmsForUser, requireSignedInUser } from "@/lib/auth/viewer";
import { handle, json } from "@/lib/api/respond";
import { listRoomOptions } from "@/lib/rooms/list-room-options";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  const user = await requireSignedInUser();
  return json(await listRoomOptions({ pms: await pmsForUser(user.id) }));
});
