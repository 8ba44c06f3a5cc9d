// DELETE /api/me/sessions - sign out everywhere: delete every session of the signed-in person
import { handle, json } from "@/lib/api/respond";
import { revokeSessions } from "@/lib/auth/sessions";
import { requireSignedInUser } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export const DELETE = handle(async () => {
  const user = await requireSignedInUser();
  return json({ revoked: await revokeSessions(user.id) });
});
