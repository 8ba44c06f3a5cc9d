// GET /api/me - the signed-in person (name, avatar, role); 401 when signed out
import { handle, json } from "@/lib/api/respond";
import { requireSignedInUser } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  const user = await requireSignedInUser();
  return json({ user: { name: user.name, image: user.image, role: user.role, restricted: user.restricted, restrictionProfile: user.restrictionProfile } });
});
