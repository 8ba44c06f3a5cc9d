// DELETE /api/admin/users/[id]/sessions - revoke every session of one person (admin only)
import { z } from "zod";
import { handle, json } from "@/lib/api/respond";
import { revokeSessions } from "@/lib/auth/sessions";
import { requireAdmin } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export const DELETE = handle(async (_req, ctx: { params: Promise<{ id: string }> }) => {
  await requireAdmin();
  const id = z.string().min(1).max(64).parse((await ctx.params).id);
  return json({ revoked: await revokeSessions(id) });
});
