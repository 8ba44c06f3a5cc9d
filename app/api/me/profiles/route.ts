// GET /api/me/profiles - the Plex Home profiles you can switch to; POST - switch this session to one (PIN when protected)
import { z } from "zod";
import { handle, json, parseJson } from "@/lib/api/respond";
import { createSessionCookie } from "@/lib/auth/new-session";
import { listHomeProfiles, switchHomeProfile } from "@/lib/auth/profiles";
import { endCurrentSession } from "@/lib/auth/sessions";
import { requireSignedInUser } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  const user = await requireSignedInUser();
  return json({ profiles: await listHomeProfiles(user.id) });
});

const body = z.object({
  uuid: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, "Unknown profile"),
  pin: z.string().trim().regex(/^\d{4}$/, "A Plex Home PIN has 4 digits").optional(),
});

export const POST = handle(async (req) => {
  const user = await requireSignedInUser();
  const input = await parseJson(req, body);
  const { userId } = await switchHomeProfile({ userId: user.id, ...input });
  const res = json({ ok: true });
  for (const c of await endCurrentSession(req)) res.headers.append("Set-Cookie", c);
  res.headers.append("Set-Cookie", await createSessionCookie(userId));
  return res;
});
