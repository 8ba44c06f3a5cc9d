// GET /api/admin/users - everyone who has signed in (admin only)
import { handle, json } from "@/lib/api/respond";
import { listPeople } from "@/lib/auth/people";
import { requireAdmin } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  await requireAdmin();
  return json({ users: await listPeople() });
});
