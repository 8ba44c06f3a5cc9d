// PATCH /api/admin/settings - installation policies, e.g. whether members may create rooms (admin only)
import { z } from "zod";
import { handle, json, parseJson } from "@/lib/api/respond";
import { membersMayCreateRooms, setMembersMayCreateRooms } from "@/lib/auth/server-choice";
import { requireAdmin } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

const body = z.object({ membersMayCreateRooms: z.boolean() });

export const PATCH = handle(async (req) => {
  await requireAdmin();
  const input = await parseJson(req, body);
  await setMembersMayCreateRooms(input.membersMayCreateRooms);
  return json({ membersMayCreateRooms: await membersMayCreateRooms() });
});
