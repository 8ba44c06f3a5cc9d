import "server-only";
import { z } from "zod";
import { decryptSecret, encryptSecret, randomToken } from "../crypto";
import { getDb } from "../db/client";

/**
 * A sign-in that Plex approved and we checked, waiting for NextAuth's callback to turn it into a
 * session. Kept server-side (encrypted, single use, 5 minutes), so no token ever reaches the
 * browser: the callback URL carries only a random id, bound to NextAuth's `state`.
 */
export const pendingSignInSchema = z.object({
  state: z.string(),
  expiresAt: z.number(),
  plexId: z.string(),
  plexUuid: z.string().nullish(),
  username: z.string().nullish(),
  name: z.string(),
  image: z.string().nullish(),
  restricted: z.boolean(),
  restrictionProfile: z.string().nullish(),
  plexToken: z.string(),
  homeAdminPlexId: z.string().nullish(),
  access: z
    .object({ role: z.enum(["admin", "member"]), serverToken: z.string(), serverUri: z.string() })
    .nullable(),
});
export type PendingSignIn = z.infer<typeof pendingSignInSchema>;

const PREFIX = "pending-signin:";
const TTL_MS = 5 * 60 * 1000;

export async function savePendingSignIn(data: Omit<PendingSignIn, "expiresAt">): Promise<string> {
  const id = randomToken(18);
  const value = encryptSecret(JSON.stringify({ ...data, expiresAt: Date.now() + TTL_MS }));
  await getDb().setting.create({ data: { key: PREFIX + id, value } });
  return id;
}

/** Takes (and deletes) a pending sign-in; undefined when unknown, used or expired. */
export async function takePendingSignIn(id: string): Promise<PendingSignIn | undefined> {
  const db = getDb();
  const row = await db.setting.findUnique({ where: { key: PREFIX + id } });
  if (!row) return undefined;
  const { count } = await db.setting.deleteMany({ where: { key: row.key } });
  await db.setting.deleteMany({ where: { key: { startsWith: PREFIX }, updatedAt: { lt: new Date(Date.now() - TTL_MS) } } });
  if (count !== 1) return undefined; // someone else used it first
  const plain = decryptSecret(row.value);
  if (!plain) return undefined;
  const parsed = pendingSignInSchema.safeParse(JSON.parse(plain));
  if (!parsed.success || parsed.data.expiresAt < Date.now()) return undefined;
  return parsed.data;
}
