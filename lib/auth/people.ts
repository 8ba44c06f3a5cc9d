import "server-only";
import { getDb } from "../db/client";
import { type Person } from "../view-models";

/** Everyone who has signed in, most recently seen first (admin page). */
export async function listPeople(): Promise<Person[]> {
  const users = await getDb().user.findMany({
    orderBy: [{ lastSeenAt: "desc" }],
    include: { _count: { select: { sessions: true } } },
  });
  return users.map((u) => ({
    id: u.id,
    name: u.name ?? "Plex user",
    image: u.image,
    role: u.role,
    restrictionProfile: u.restrictionProfile,
    lastSeenAt: u.lastSeenAt?.toISOString() ?? null,
    activeSessions: u._count.sessions,
  }));
}
