// POST /api/setup - first-run setup: with the one-time code, list the servers you own, or claim one
import { z } from "zod";
import { handle, json, parseJson } from "@/lib/api/respond";
import { claimServer, listOwnedServers } from "@/lib/auth/claim-server";
import { getSessionUserForSetup } from "@/lib/auth/viewer";

import { refusal } from "@/lib/i18n/api-errors";

export const dynamic = "force-dynamic";

const body = z.object({
  code: z.string().trim().min(4, "Enter the setup code from the server log").max(40),
  serverId: z.string().trim().min(8).max(64).optional(),
});

export const POST = handle(async (req) => {
  const user = await getSessionUserForSetup();
  if (!user) throw refusal("unauthenticated", "signIn");
  const { code, serverId } = await parseJson(req, body);
  if (!serverId) return json({ servers: await listOwnedServers({ userId: user.id, code }) });
  return json({ claimed: await claimServer({ userId: user.id, code, serverId }) });
});
